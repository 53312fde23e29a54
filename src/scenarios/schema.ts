// The scenario file format: one zod schema, which validates files and generates
// scenario.schema.json for editors. Everything is said in MX's own terms: institution codes,
// products, connection statuses, challenge types.
import { z } from 'zod';
import { onFirstUse } from '../first-use.js';
import { ACCOUNT_TYPES, MX_ACCOUNT_TYPES } from '../mx/accounts.js';
import { CHALLENGE_KINDS } from '../mx/challenges.js';
import { GOAL_META_TYPES, GOAL_TYPES } from '../mx/goals.js';
import { OAUTH_ERROR_REASONS } from '../mx/oauth.js';
import { OPTIONAL_PRODUCTS, PRODUCT_INPUTS } from '../mx/products.js';
import { CONNECTION_STATUSES } from '../mx/statuses.js';
import { microdepositSchemas } from './microdeposits.js';
import { processorTokenSchemas } from './processor-tokens.js';
import { spendingPlanSchemas } from './spending-plans.js';

/** Statuses a job can end in. CREATED, UPDATED, RESUMED, CHALLENGED and PENDING are never an ending. */
export const ENDING_STATUSES = CONNECTION_STATUSES.filter(
  (s) => !['CREATED', 'UPDATED', 'RESUMED', 'CHALLENGED', 'PENDING'].includes(s),
);

/** What MX's Client Dashboard lets you subscribe to; each job type has one (docs/mx-behaviour.md#webhooks). */
export const WEBHOOK_TYPES = [
  'CONNECTION_STATUS',
  'AGGREGATION',
  'HISTORY',
  'STATEMENT',
  'BALANCE',
  'VERIFICATION',
  'REWARD',
  'MEMBER',
  'initial_data_ready',
  'JOB',
  'MICRODEPOSIT',
] as const;

/**
 * Types a world gets only when its `types:` lists them: JOB status is MX's Nexus-era webhook, which
 * doubles the notice of every job (docs/webhooks.md#job-status).
 */
export const OPT_IN_WEBHOOK_TYPES: readonly (typeof WEBHOOK_TYPES)[number][] = ['JOB'];

/** What a world whose scenario lists no `types` is subscribed to. */
export const DEFAULT_WEBHOOK_TYPES = WEBHOOK_TYPES.filter((t) => !OPT_IN_WEBHOOK_TYPES.includes(t));

function hasUserinfo(url: string): boolean {
  try {
    const u = new URL(url);
    return u.username !== '' || u.password !== '';
  } catch {
    return false;
  }
}

const DAY_MS = 86_400_000;

const guidOf = (prefix: string) =>
  z
    .string()
    .regex(new RegExp(`^${prefix}-[A-Za-z0-9-]{1,100}$`), `must look like ${prefix}-… (an MX guid)`)
    .optional()
    .describe(`Keep this guid (e.g. one recorded from MX); default: a seeded ${prefix}- guid.`);

const ISO_DAY_OR_TIME = /^(\d{4})-(\d{2})-(\d{2})(T(\d{2}):(\d{2})(:(\d{2})(\.\d+)?)?(Z|[+-](\d{2}):?(\d{2}))?)?$/;

/** The days in a month of the proleptic Gregorian calendar ISO 8601 uses. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * True when the day (and the time, when given) exist: Date.parse alone takes 2026-02-30 for March 2 and
 * 24:00 for the next midnight.
 */
function isRealDayOrTime(v: string): boolean {
  const m = ISO_DAY_OR_TIME.exec(v);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  const within = (text: string | undefined, max: number) => text === undefined || Number(text) <= max;
  return within(m[5], 23) && within(m[6], 59) && within(m[8], 59) && within(m[11], 23) && within(m[12], 59);
}

/**
 * The schemas, made on first use (scenarioSchemas): with their parts from microdeposits.ts,
 * processor-tokens.ts and spending-plans.ts, about a fifth of the zod objects a start used to make
 * before its first answer (about 7,300 of 30,800 constructor calls), and a start reads no scenario file
 * unless asked to. Made lazily, the bin answers its first request about 40 ms sooner (bench/README.md).
 */
function build() {
  const { PresetAchReturn, PresetMicrodeposit, ScenarioMicrodeposits } = microdepositSchemas();
  const { ProcessorTokens } = processorTokenSchemas();
  const { PresetSpendingPlan } = spendingPlanSchemas();
  const endingStatus = z.enum(ENDING_STATUSES as [string, ...string[]], {
    error: (issue) => {
      const value = String(issue.input);
      const known = (CONNECTION_STATUSES as readonly string[]).includes(value);
      return known
        ? `'${value}' is a status MX shows while a job runs, never how a job ends; use one of ${ENDING_STATUSES.join(', ')}`
        : `'${value}' is not a connection status; use one of ${ENDING_STATUSES.join(', ')}`;
    },
  });

  const challengeKind = z.enum(CHALLENGE_KINDS, {
    error: (issue) => `'${String(issue.input)}' is not a challenge type; use one of ${CHALLENGE_KINDS.join(', ')}`,
  });

  const ChallengeStep = z
    .object({
      challenge: z
        .union([challengeKind, z.array(challengeKind).min(1)])
        .describe('The MFA challenge(s) the institution asks.'),
      answer: z.string().min(1).optional().describe("The answer that passes (default: MX Bank's 'correct')."),
      on_wrong: endingStatus.optional().describe('How the job ends on a wrong answer (default REJECTED).'),
    })
    .strict();

  const StatusStep = z
    .object({ status: endingStatus.describe('How the job ends: CONNECTED, or a failure status.') })
    .strict();

  const Step = z
    .union([ChallengeStep, StatusStep, endingStatus])
    .describe('A challenge, or the status the job ends in.');

  /** One job: its steps in order. A bare status is shorthand for `[{status}]`. */
  const Job = z.union([endingStatus, z.array(Step).min(1, 'a job needs at least one step')]).superRefine((job, ctx) => {
    if (!Array.isArray(job)) return;
    job.forEach((step, i) => {
      const isStatus = typeof step === 'string' || 'status' in step;
      if (isStatus && i < job.length - 1) {
        ctx.addIssue({
          code: 'custom',
          path: [i + 1],
          message: `the job already ended with the status at [${i}]; this step is never reached`,
        });
      }
    });
  });

  const Match = z
    .object({
      institution: z.string().min(1).optional().describe('Institution code.'),
      username: z.string().optional().describe('The LOGIN credential value.'),
      password: z.string().optional().describe('The PASSWORD credential value.'),
      member_id: z.string().optional().describe('The member `id` given on create.'),
      user_id: z.string().optional().describe('The user `id`.'),
    })
    .strict()
    .refine(
      (m) => Object.keys(m).length > 0,
      'say what to match: institution, username, password, member_id or user_id',
    );

  const Volume = z
    .object({
      accounts: z.number().int().min(1).max(500).optional(),
      transactions: z.number().int().min(1).max(100_000).optional().describe('Per account per 90 days.'),
    })
    .strict();

  const oauthErrorReason = z.enum(OAUTH_ERROR_REASONS, {
    error: (issue) =>
      `'${String(issue.input)}' is not an OAuth error reason; use one of ${OAUTH_ERROR_REASONS.join(', ')}`,
  });

  /** How OAuth consent ends for a matching member, whatever the user clicks. */
  const OAuthEnding = z
    .union([
      z.enum(['approve', 'deny'], {
        error: (issue) =>
          `${typeof issue.input === 'string' ? `'${issue.input}'` : JSON.stringify(issue.input)} is not an OAuth ending; use approve, deny or { error_reason: ${OAUTH_ERROR_REASONS.join(' | ')} }`,
      }),
      z.object({ error_reason: oauthErrorReason }).strict(),
    ])
    .describe(
      'Forces how OAuth consent ends for a matching member: approve, deny (error_reason DENIED), or { error_reason }.',
    );

  const Outcome = z
    .object({
      match: Match,
      jobs: z
        .array(Job)
        .min(1, 'give at least one job')
        .optional()
        .describe('Job n of a matching member follows jobs[n]; the last entry repeats.'),
      oauth: OAuthEnding.optional(),
      data: Volume.optional(),
    })
    .strict()
    .refine((o) => o.jobs || o.oauth || o.data, 'an outcome needs jobs, oauth or data');

  const Credential = z
    .object({
      field_name: z.string().min(1),
      label: z.string().optional(),
      type: z.enum(['LOGIN', 'PASSWORD', 'TEXT', 'OPTIONS', 'TOKEN']).optional(),
    })
    .strict();

  const Institution = z
    .object({
      code: z
        .string()
        .regex(/^[a-z0-9_]+$/, 'use lowercase letters, digits and underscores')
        .describe('The institution code members are created with.'),
      name: z.string().min(1),
      replace: z.boolean().optional().describe('Replace an existing institution with this code.'),
      products: z
        .array(
          z.enum(PRODUCT_INPUTS as [string, ...string[]], { error: `must be one of ${PRODUCT_INPUTS.join(', ')}` }),
        )
        .min(1)
        .optional()
        .describe('supported_products (default: transactions).'),
      oauth: z.boolean().optional(),
      country: z.enum(['US', 'CA']).optional(),
      url: z.string().url().optional(),
      instructions: z.string().optional(),
      credentials: z
        .array(Credential)
        .optional()
        .describe('Login fields (default: LOGIN and PASSWORD; OAuth institutions have none).'),
    })
    .strict();

  const Timing = z
    .object({
      fast: z.boolean().optional().describe('Jobs complete within milliseconds.'),
      authenticate_ms: z.number().int().min(0).optional(),
      sync_ms: z.number().int().min(0).optional(),
      challenge_timeout_ms: z.number().int().min(1).optional(),
      background_interval_ms: z.number().int().min(1).optional(),
      microdeposit_step_ms: z
        .number()
        .int()
        .min(1)
        .optional()
        .describe('Between microdeposit statuses: INITIATED → REQUESTED → DEPOSITED, and a verify to VERIFIED.'),
    })
    .strict();

  const Webhooks = z
    .object({
      url: z
        .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL, e.g. http://127.0.0.1:9999/mx-hooks' })
        // Node's fetch refuses such a URL, and a password in it would show wherever the URL does.
        .refine((u) => !hasUserinfo(u), {
          error: 'must not hold a user name or password (user:pass@); give them as basic_auth: { username, password }',
          abort: true,
        })
        .optional()
        .describe('Where webhooks are POSTed; without it they are only logged (GET /_mx-sim/webhooks).'),
      types: z
        .array(
          z.enum(WEBHOOK_TYPES, {
            error: (issue) => `'${String(issue.input)}' is not a webhook type; use one of ${WEBHOOK_TYPES.join(', ')}`,
          }),
        )
        .min(1, 'list at least one type, or leave types out for all of them')
        .optional()
        .describe('The webhook types subscribed to (default: all but JOB, which is sent only when listed).'),
      basic_auth: z
        .object({ username: z.string().min(1, 'must not be empty'), password: z.string() })
        .strict()
        .optional()
        .describe('HTTP Basic credentials sent with each delivery, as MX does when you give it some.'),
      retry: z
        .object({
          retries: z
            .number()
            .int('must be a whole number')
            .min(0, 'must be 0 or more')
            .max(12, 'must be at most 12 (MX retries a failed delivery at most 12 times)')
            .optional()
            .describe('Retries after a failed first attempt (default 12, or as many as gaps_ms lists).'),
          gaps_ms: z
            .array(
              z
                .number()
                .int('must be a whole number of ms')
                .min(1, 'must be at least 1 ms')
                .max(DAY_MS, 'must be at most 86400000 (a day)'),
            )
            .min(1, 'list at least one gap, or leave gaps_ms out for the default schedule')
            .max(12, 'list at most 12 gaps (MX retries at most 12 times)')
            .refine((gaps) => gaps.every((g, i) => i === 0 || g >= (gaps[i - 1] as number)), {
              error: 'must not shrink: each gap at least the one before (MX retries less and less often)',
            })
            .optional()
            .describe(
              'Simulated ms before retry 1, 2, …; the last repeats. Default: 1, 2, 4, 8, 15, 30, 60, 120, 180, 240, 360, 420 minutes (24 h in all).',
            ),
        })
        .strict()
        .optional()
        .describe("How failed deliveries are retried on the client's clock (a shorter schedule than MX's about 24 h)."),
    })
    .strict();

  const Fault = z
    .object({
      route: z
        .string()
        .regex(
          /^(\*|(GET|POST|PUT|DELETE|\*) \/\S*)$/,
          "write 'METHOD /path' (METHOD is GET, POST, PUT, DELETE or *; a path segment may be *), or * for every route",
        )
        .optional()
        .describe("Which requests: 'POST /users/*/members/*/aggregate', '* /institutions', or * (default)."),
      member: z.string().min(1).optional().describe('Only requests about this member (its guid or id in the path).'),
      institution: z
        .string()
        .min(1)
        .optional()
        .describe(
          "Only requests about this institution or its members ('/institutions/{code}…', '…/members/{member}…').",
        ),
      status: z
        .number()
        .int()
        .min(400, 'must be an HTTP error status (400-599)')
        .max(599, 'must be an HTTP error status (400-599)')
        .optional()
        .describe("Answer with this status and MX's error body instead of the real answer."),
      message: z.string().min(1).optional().describe('The error message (default: one naming the fault).'),
      retry_after: z.number().int().min(0).optional().describe('Seconds, sent as Retry-After (429 by default).'),
      latency_ms: z
        .union([z.number().int().min(0).max(60_000), z.tuple([z.number().int().min(0), z.number().int().max(60_000)])])
        .optional()
        .describe('Delay the answer: fixed, or [min, max] drawn from the seed.'),
      drop: z.boolean().optional().describe('Close the connection without an answer.'),
      every: z.number().int().min(1).optional().describe('Only every Nth matching request (N, 2N, ...).'),
      probability: z.number().min(0).max(1).optional().describe('Only this share of matching requests (seeded).'),
      times: z.number().int().min(1).optional().describe('At most this many times.'),
    })
    .strict()
    .superRefine((f, ctx) => {
      const effects = [
        f.status !== undefined || f.retry_after !== undefined,
        f.drop === true,
        f.latency_ms !== undefined,
      ];
      if (!effects.some(Boolean)) {
        ctx.addIssue({ code: 'custom', message: 'a fault needs an effect: status, retry_after, latency_ms or drop' });
      }
      if (f.drop && (f.status !== undefined || f.retry_after !== undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: ['drop'],
          message: 'a dropped connection has no status; remove status or drop',
        });
      }
      if (f.every !== undefined && f.probability !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['probability'], message: 'use either every or probability, not both' });
      }
      if (f.retry_after !== undefined && f.status !== undefined && f.status !== 429 && f.status !== 503) {
        ctx.addIssue({ code: 'custom', path: ['retry_after'], message: 'Retry-After goes with 429 or 503' });
      }
      if (Array.isArray(f.latency_ms) && f.latency_ms[0] > f.latency_ms[1]) {
        ctx.addIssue({ code: 'custom', path: ['latency_ms'], message: 'write [min, max] with min <= max' });
      }
    });

  const isoDay = z
    .string()
    .regex(ISO_DAY_OR_TIME, 'write YYYY-MM-DD or an ISO 8601 time')
    .refine(
      (v) => !ISO_DAY_OR_TIME.test(v) || isRealDayOrTime(v),
      'is not a real calendar date and time (check the month, the day and the time)',
    );

  const ExactTransaction = z
    .object({
      guid: guidOf('TRN'),
      id: z.string().min(1).optional().describe("The institution's id (default: derived from the account id)."),
      date: isoDay.optional().describe('When it happened: YYYY-MM-DD or an ISO time (or use days_ago).'),
      days_ago: z.number().int().min(0).max(3650).optional().describe('When it happened, counted back from the start.'),
      amount: z
        .number()
        .positive('must be positive; say DEBIT or CREDIT in type')
        .describe('Positive, as MX sends it.'),
      type: z.enum(['DEBIT', 'CREDIT']),
      description: z.string().min(1),
      original_description: z.string().min(1).optional(),
      category: z.string().min(1).optional().describe('A category name, e.g. Groceries (default: by type).'),
      status: z.enum(['POSTED', 'PENDING']).optional().describe('Default POSTED.'),
      memo: z.string().optional(),
      merchant_guid: guidOf('MCH'),
      check_number_string: z.string().optional(),
    })
    .strict()
    .superRefine((t, ctx) => {
      if ((t.date === undefined) === (t.days_ago === undefined)) {
        ctx.addIssue({ code: 'custom', message: 'give exactly one of date or days_ago' });
      }
    });

  const ExactAccount = z
    .object({
      guid: guidOf('ACT'),
      id: z.string().min(1).optional(),
      name: z.string().min(1).optional().describe('Default: by type, e.g. Checking.'),
      type: z.enum(ACCOUNT_TYPES, { error: `must be one of ${ACCOUNT_TYPES.join(', ')}` }),
      subtype: z.string().min(1).optional(),
      balance: z.number().optional().describe('The balance now (default: generated).'),
      account_number: z
        .string()
        .regex(/^[0-9A-Za-z]{4,34}$/, 'use 4-34 letters or digits')
        .optional(),
      routing_number: z
        .string()
        .regex(/^\d{9}$/, 'must be 9 digits')
        .optional()
        .describe('For account_numbers (default: a valid one for the institution).'),
      credit_limit: z.number().min(0).optional(),
      apr: z.number().optional(),
      apy: z.number().optional(),
      interest_rate: z.number().optional(),
      original_balance: z.number().optional(),
      transactions: z
        .array(ExactTransaction)
        .optional()
        .describe('Exactly these transactions (none when empty); omit it for generated ones.'),
    })
    .strict();

  const PresetMember = z
    .object({
      guid: guidOf('MBR'),
      id: z.string().min(1).optional().describe('Your member id.'),
      institution: z.string().min(1).describe('Institution code (a built-in one or one this scenario adds).'),
      credentials: z
        .record(z.string(), z.string())
        .optional()
        .describe(
          'Credential values by field_name, e.g. {LOGIN: mxuser, PASSWORD: password} (defaults: mxuser, password).',
        ),
      products: z
        .array(
          z.enum(PRODUCT_INPUTS as [string, ...string[]], { error: `must be one of ${PRODUCT_INPUTS.join(', ')}` }),
        )
        .optional()
        .describe('data_request.products: what its data includes (default: transactions).'),
      status: endingStatus.optional().describe('Its connection_status at the start (default CONNECTED).'),
      metadata: z.string().optional(),
      data: Volume.optional().describe('Volumes of generated data (ignored when accounts are given).'),
      accounts: z.array(ExactAccount).optional().describe('Exactly these accounts (default: generated).'),
    })
    .strict();

  /** How MX has this client set up: which products it may use. */
  const Client = z
    .object({
      disabled_products: z
        .array(
          z.enum(OPTIONAL_PRODUCTS, {
            error: (issue) =>
              issue.input === 'transactions'
                ? "'transactions' cannot be disabled: every member aggregates accounts and transactions"
                : `'${String(issue.input)}' is not a product that can be disabled; use one of ${OPTIONAL_PRODUCTS.join(', ')}`,
          }),
        )
        .describe(
          "Products not enabled for this client: their jobs (identify, verify, fetch_statements, extend_history, fetch_rewards), data_request.products and the reads of their data answer 403, as MX does for a product it has not enabled. [] enables every product again over an earlier scenario's list.",
        ),
    })
    .strict();

  const PresetCategory = z
    .object({
      guid: guidOf('CAT'),
      name: z.string().min(1),
      parent: z
        .string()
        .min(1)
        .describe('The top-level default category it sits under: its name (e.g. Shopping) or guid (CAT-…).'),
      metadata: z.string().optional(),
    })
    .strict();

  const PresetBudget = z
    .object({
      guid: guidOf('BGT'),
      category: z
        .string()
        .min(1)
        .describe(
          "Its category: a default category's name or guid, or the guid of one of the user's custom categories. " +
            "A budget on a subcategory sits under the user's budget on its top-level category, listed before it.",
        ),
      amount: z.number().int().min(0).optional().describe('The monthly amount (default 0).'),
      metadata: z.string().optional(),
    })
    .strict();

  const PresetGoal = z
    .object({
      guid: guidOf('GOL'),
      account: z
        .string()
        .min(1)
        .describe(
          "The account it is on: the guid or the name of one of the user's accounts (of its members or manual accounts). " +
            'A PAYOFF goal needs a debt account (credit card, loan, mortgage, line of credit), a SAVE_AMOUNT goal another.',
        ),
      name: z.string().min(1),
      amount: z.number().positive().describe('The target: the amount to save, or the debt to pay off.'),
      goal_type_name: z
        .enum(GOAL_TYPES)
        .optional()
        .describe('Default: PAYOFF on a debt account, SAVE_AMOUNT on any other.'),
      meta_type_name: z.enum(GOAL_META_TYPES).optional().describe('Default: OTHER.'),
      metadata: z.string().optional(),
      targeted_to_complete_at: isoDay.optional().describe('When the user means to reach it (a day or a time).'),
      marked_complete_at: isoDay
        .optional()
        .describe('Marked complete by the user at this time, whatever the balance (as `is_complete: true`).'),
      has_been_spent: z.boolean().optional(),
    })
    .strict();

  const PresetNotification = z
    .object({
      guid: guidOf('NTF'),
      subject: z.string().min(1),
      content: z.string().min(1),
    })
    .strict();

  const PresetTag = z
    .object({
      guid: guidOf('TAG'),
      name: z.string().min(1),
      taggings: z
        .array(
          z
            .object({
              guid: guidOf('TGN'),
              transaction_guid: z.string().min(1).describe("One of the user's transactions (TRN-…)."),
            })
            .strict(),
        )
        .optional()
        .describe('The transactions the tag is on.'),
    })
    .strict();

  const optNum = () => z.number().nullable().optional();
  const optText = () => z.string().nullable().optional();

  const PresetManualAccount = z
    .object({
      guid: guidOf('ACT'),
      name: z.string().min(1),
      account_type: z.enum(MX_ACCOUNT_TYPES),
      account_subtype: optText(),
      apr: optNum(),
      apy: optNum(),
      available_balance: optNum(),
      balance: optNum(),
      cash_surrender_value: optNum(),
      credit_limit: optNum(),
      currency_code: z.string().min(1).optional(),
      death_benefit: optNum(),
      interest_rate: optNum(),
      is_business: z.boolean().optional(),
      is_closed: z.boolean().optional(),
      is_hidden: z.boolean().optional(),
      loan_amount: optNum(),
      metadata: optText(),
      nickname: optText(),
      original_balance: optNum(),
      property_type: optText(),
    })
    .strict();

  const PresetManualTransaction = z
    .object({
      guid: guidOf('MAN'),
      account_guid: z
        .string()
        .min(1)
        .describe('Where it lists: one of these manual accounts, or an aggregated account a manual one merged into.'),
      date: isoDay,
      amount: z.number(),
      type: z.enum(['DEBIT', 'CREDIT']),
      description: z.string().min(1),
      category: z.string().min(1).optional().describe('A default category name (default: by type).'),
      memo: z.string().optional(),
      metadata: z.string().optional(),
    })
    .strict();

  const PresetManual = z
    .object({
      member_guid: guidOf('MBR').describe("The user's Manual Institution member (default: a seeded MBR- guid)."),
      accounts: z.array(PresetManualAccount).optional().describe("The user's manual accounts."),
      transactions: z.array(PresetManualTransaction).optional().describe('Manual transactions, in the order made.'),
      edits: z
        .array(
          z
            .object({
              account_guid: z.string().min(1),
              is_business: z.boolean().optional(),
              is_hidden: z.boolean().optional(),
              metadata: z.string().nullable().optional(),
            })
            .strict(),
        )
        .optional()
        .describe("The user's changes to aggregated accounts (kept over aggregation)."),
      merges: z
        .array(z.object({ account_guid: z.string().min(1), into: z.string().min(1) }).strict())
        .optional()
        .describe('Aggregated accounts merged into another: gone from lists, their transactions under `into`.'),
    })
    .strict();

  const optInt = () => z.number().int().nullable().optional();
  const optTime = () =>
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}/, 'give an ISO 8601 time')
      .nullable()
      .optional();

  const PresetManagedTransaction = z
    .object({
      guid: guidOf('TRN'),
      amount: z.union([z.number(), z.string().min(1)]).describe('A decimal amount (as MX takes it: text or a number).'),
      description: z.string().min(1),
      status: z.enum(['POSTED', 'PENDING']),
      type: z.enum(['CREDIT', 'DEBIT']),
      transacted_at: z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'give an ISO 8601 time'),
      posted_at: z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'give an ISO 8601 time'),
      category: optText().describe("One of MX's default categories, by name (default: by type)."),
      check_number_string: optText(),
      currency_code: optText(),
      id: optText(),
      is_international: z.boolean().nullable().optional(),
      latitude: optNum(),
      localized_description: optText(),
      localized_memo: optText(),
      longitude: optNum(),
      memo: optText(),
      merchant_category_code: optInt(),
      merchant_guid: optText(),
      merchant_location_guid: optText(),
      metadata: optText(),
    })
    .strict();

  const PresetManagedAccount = z
    .object({
      guid: guidOf('ACT'),
      id: z.string().min(1).describe("The partner's id for the account."),
      name: z.string().min(1),
      type: z.enum(MX_ACCOUNT_TYPES),
      balance: z.number().nullable().describe('Required as on create; null: cleared by an update.'),
      account_number: optText(),
      apr: optNum(),
      apy: optNum(),
      available_balance: optNum(),
      available_credit: optNum(),
      cash_surrender_value: optNum(),
      credit_limit: optNum(),
      currency_code: optText(),
      day_payment_is_due: optInt(),
      death_benefit: optInt(),
      interest_rate: optNum(),
      is_closed: z.boolean().optional(),
      is_hidden: z.boolean().optional(),
      last_payment: optNum(),
      last_payment_at: optTime(),
      loan_amount: optNum(),
      matures_on: optTime(),
      metadata: optText(),
      minimum_balance: optNum(),
      minimum_payment: optNum(),
      nickname: optText(),
      original_balance: optNum(),
      payment_due_at: optTime(),
      payoff_balance: optNum(),
      routing_number: optText(),
      started_on: optTime(),
      subtype: optText(),
      transactions: z
        .array(PresetManagedTransaction)
        .optional()
        .describe('Its managed transactions, in the order written.'),
    })
    .strict();

  const categoryGuid = z.string().min(1).describe("A default category's guid or one of the user's own (CAT-…).");

  const PresetTransactionRule = z
    .object({
      guid: guidOf('TXR'),
      match_description: z.string().min(1).describe('Text a transaction description must contain (any case).'),
      category_guid: categoryGuid
        .nullable()
        .optional()
        .describe('The category matching transactions get (default: theirs).'),
      description: z
        .string()
        .min(1)
        .optional()
        .describe('The description matching transactions get (default: theirs).'),
    })
    .strict();

  const PresetTransactionEdit = z
    .object({
      transaction_guid: z.string().min(1).describe("One of the user's transactions (TRN-…)."),
      description: z.string().min(1).optional(),
      memo: z.string().optional(),
      category_guid: categoryGuid.optional(),
    })
    .strict();

  const PresetSplit = z
    .object({
      transaction_guid: z.string().min(1).describe("The split transaction: one of the user's (TRN-…)."),
      children: z
        .array(
          z
            .object({
              guid: guidOf('TRN'),
              amount: z.number().positive(),
              description: z.string().min(1).optional(),
              memo: z.string().optional(),
              category_guid: categoryGuid.optional(),
            })
            .strict(),
        )
        .min(2)
        .describe("Two or more parts whose amounts add up to the transaction's."),
    })
    .strict();

  const PresetUser = z
    .object({
      guid: guidOf('USR'),
      id: z.string().min(1).optional().describe('Your user id.'),
      email: z.string().optional(),
      metadata: z.string().optional(),
      is_disabled: z.boolean().optional(),
      members: z.array(PresetMember).optional(),
      micro_deposits: z.array(PresetMicrodeposit).optional().describe("The user's microdeposits at the start."),
      ach_returns: z.array(PresetAchReturn).optional().describe("ACH returns submitted for the user's accounts."),
      categories: z.array(PresetCategory).optional().describe("The user's custom categories."),
      budgets: z.array(PresetBudget).optional().describe("The user's budgets (docs/budgets-goals.md)."),
      goals: z
        .array(PresetGoal)
        .optional()
        .describe("The user's goals, in priority order (position 1 first; docs/budgets-goals.md)."),
      notifications: z
        .array(PresetNotification)
        .optional()
        .describe('Notifications created through the API for the user, oldest first (docs/budgets-goals.md).'),
      tags: z
        .array(PresetTag)
        .optional()
        .describe("All of the user's tags (default: the Business tag every user starts with)."),
      managed_members: z
        .array(
          z.object({
            guid: z.string().optional(),
            id: z.string().optional(),
            institution_code: z.string(),
            name: z.string().optional().describe("Default: the institution's name."),
            metadata: z.string().optional(),
            accounts: z
              .array(PresetManagedAccount)
              .optional()
              .describe('The accounts the partner wrote on it (in every account and transaction list).'),
          }),
        )
        .optional()
        .describe("The user's partner-managed members (MX's deprecated managed data; docs/managed-data.md)."),
      manual: PresetManual.optional().describe(
        'Manual accounts and transactions, edits of aggregated accounts, merged accounts (docs/manual-accounts.md).',
      ),
      transaction_rules: z
        .array(PresetTransactionRule)
        .optional()
        .describe("The user's transaction rules, in the order they apply."),
      transaction_edits: z
        .array(PresetTransactionEdit)
        .optional()
        .describe("The user's changes to their transactions (applied after the rules)."),
      transaction_splits: z.array(PresetSplit).optional().describe("The user's split transactions."),
      monthly_cash_flow_profile: z
        .object({
          goals_contribution: z.number().nonnegative().optional(),
          uses_estimated_goals_contribution: z.boolean().optional(),
        })
        .strict()
        .optional()
        .describe("The user's monthly cash-flow profile settings (default: goals_contribution 0, no estimate)."),
      spending_plans: z
        .array(PresetSpendingPlan)
        .optional()
        .describe("The user's spending plans (docs/spending-plans.md)."),
    })
    .strict();

  const ScenarioSchema = z
    .object({
      $schema: z.string().optional(),
      name: z.string().min(1).optional(),
      description: z.string().optional(),
      seed: z.union([z.string(), z.number()]).optional().describe('Seeds every generated id and record.'),
      starts_at: z.iso
        .datetime({ offset: true, error: 'must be an ISO 8601 time such as 2026-02-01T00:00:00Z' })
        .optional()
        .describe(
          "The client's time starts here when the simulator's clock is earlier (a snapshot's export time), so absolute dates in the file are never in the future.",
        ),
      timing: Timing.optional(),
      institutions: z.array(Institution).optional(),
      outcomes: z.array(Outcome).optional().describe('Checked in order; the first rule that matches a member wins.'),
      faults: z.array(Fault).optional().describe('Injected errors, latency and dropped connections.'),
      microdeposits: ScenarioMicrodeposits.optional().describe(
        'How microdeposits go: error statuses and amounts for the ones that match (docs/microdeposits.md).',
      ),
      client: Client.optional().describe(
        "The client's MX setup; a later scenario's client section replaces an earlier one's.",
      ),
      webhooks: Webhooks.optional().describe(
        'The webhooks MX sends this client: logged always (GET /_mx-sim/webhooks), delivered when a url is given.',
      ),
      users: z
        .array(PresetUser)
        .optional()
        .describe('Users (and their members, already aggregated) that exist when the world starts.'),
      processor_tokens: ProcessorTokens.optional().describe(
        "Processor authorization codes and access tokens: lifetimes, and tokens that expire early, are revoked or fail; a later scenario's section replaces an earlier one's.",
      ),
    })
    .strict();

  return {
    ScenarioSchema,
    Outcome,
    Job,
    Institution,
    Fault,
    Webhooks,
    Client,
    PresetUser,
    PresetMember,
    PresetManagedAccount,
    ExactAccount,
    ExactTransaction,
    PresetCategory,
    PresetBudget,
    PresetGoal,
    PresetNotification,
    PresetTransactionRule,
    PresetTransactionEdit,
    PresetSplit,
    PresetTag,
    PresetManual,
  };
}

type Schemas = ReturnType<typeof build>;

/** The scenario file's schemas (ScenarioSchema validates a whole file), made the first time they are asked for. */
export const scenarioSchemas = onFirstUse(build);

export type Scenario = z.infer<Schemas['ScenarioSchema']>;
export type ScenarioOutcome = z.infer<Schemas['Outcome']>;
export type ScenarioJob = z.infer<Schemas['Job']>;
export type ScenarioInstitution = z.infer<Schemas['Institution']>;
export type ScenarioFault = z.infer<Schemas['Fault']>;
export type ScenarioWebhooks = z.infer<Schemas['Webhooks']>;
export type ScenarioClient = z.infer<Schemas['Client']>;
export type WebhookType = (typeof WEBHOOK_TYPES)[number];
export type ScenarioUser = z.infer<Schemas['PresetUser']>;
export type ScenarioMember = z.infer<Schemas['PresetMember']>;
export type ScenarioManagedAccount = z.infer<Schemas['PresetManagedAccount']>;
export type ScenarioAccount = z.infer<Schemas['ExactAccount']>;
export type ScenarioTransaction = z.infer<Schemas['ExactTransaction']>;
export type ScenarioCategory = z.infer<Schemas['PresetCategory']>;
export type ScenarioBudget = z.infer<Schemas['PresetBudget']>;
export type ScenarioGoal = z.infer<Schemas['PresetGoal']>;
export type ScenarioNotification = z.infer<Schemas['PresetNotification']>;
export type ScenarioTransactionRule = z.infer<Schemas['PresetTransactionRule']>;
export type ScenarioTransactionEdit = z.infer<Schemas['PresetTransactionEdit']>;
export type ScenarioSplit = z.infer<Schemas['PresetSplit']>;
export type ScenarioTag = z.infer<Schemas['PresetTag']>;
export type ScenarioManual = z.infer<Schemas['PresetManual']>;

/** The JSON Schema editors use (src/scenarios/scenario.schema.json). */
export function scenarioJsonSchema(): object {
  return {
    ...z.toJSONSchema(scenarioSchemas().ScenarioSchema, {
      target: 'draft-2020-12',
      io: 'input',
      unrepresentable: 'any',
    }),
    title: 'mx-sim scenario',
  };
}
