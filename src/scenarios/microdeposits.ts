// The scenario file's `microdeposits:` section: how the microdeposits a client creates go (an error
// status instead of the deposits, where it happens, the amounts deposited), and a preset user's
// microdeposits and ACH returns (`users[].micro_deposits`, `users[].ach_returns`). Part of schema.ts.
import { z } from 'zod';
import { onFirstUse } from '../first-use.js';
import { MICRODEPOSIT_ERROR_STATUSES, MICRODEPOSIT_STATUSES } from '../mx/microdeposits.js';

function build() {
  const MicrodepositMatch = z
    .object({
      routing_number: z.string().min(1).optional().describe('The routing_number given on create.'),
      account_number: z.string().min(1).optional().describe('The account_number given on create.'),
      email: z.string().min(1).optional().describe('The email given on create.'),
      user_id: z.string().min(1).optional().describe("The `id` of the microdeposit's user."),
    })
    .strict()
    .refine((m) => Object.keys(m).length > 0, 'say what to match: routing_number, account_number, email or user_id');

  const errorStatus = z.enum(MICRODEPOSIT_ERROR_STATUSES, {
    error: (issue) =>
      `'${String(issue.input)}' is not a status a microdeposit can fail with; use one of ${MICRODEPOSIT_ERROR_STATUSES.join(', ')}`,
  });

  const cents = z
    .number()
    .min(0.01, 'must be at least 0.01 (a deposit is one to 99 cents)')
    .max(0.99, 'must be at most 0.99 (a deposit is one to 99 cents)')
    .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-9, 'must be whole cents, e.g. 0.12');

  const MicrodepositOutcome = z
    .object({
      match: MicrodepositMatch,
      status: errorStatus
        .optional()
        .describe('Ends the microdeposit in this error status instead of DEPOSITED (default: the deposits arrive).'),
      after: z
        .enum(['INITIATED', 'REQUESTED'], {
          error: (issue) =>
            `'${String(issue.input)}' is not a step a microdeposit can fail after; use INITIATED or REQUESTED`,
        })
        .optional()
        .describe(
          'The status it fails after: INITIATED (nothing is sent) or REQUESTED (default: the deposits went out).',
        ),
      message: z.string().min(1).optional().describe('The error_message it shows (default: one for the status).'),
      amounts: z
        .tuple([cents, cents], { error: 'give two amounts, e.g. [0.12, 0.15]' })
        .optional()
        .describe('The two amounts deposited (default: drawn from the seed).'),
    })
    .strict()
    .superRefine((o, ctx) => {
      if (o.status === undefined && o.amounts === undefined) {
        ctx.addIssue({ code: 'custom', message: 'a microdeposit outcome needs a status or amounts' });
      }
      if (o.status === undefined && (o.after !== undefined || o.message !== undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: [o.after !== undefined ? 'after' : 'message'],
          message: 'only a failing outcome (one with a status) has after or message',
        });
      }
    });

  const ScenarioMicrodeposits = z
    .object({
      outcomes: z
        .array(MicrodepositOutcome)
        .optional()
        .describe('Checked in order; the first outcome that matches a new microdeposit wins.'),
    })
    .strict();

  const presetGuid = (prefix: string) =>
    z
      .string()
      .regex(new RegExp(`^${prefix}-[A-Za-z0-9-]{1,100}$`), `must look like ${prefix}-… (an MX guid)`)
      .optional()
      .describe(`Keep this guid; default: a seeded ${prefix}- guid.`);

  /** A user's microdeposit that exists when the world starts (an export writes each one so). */
  const PresetMicrodeposit = z
    .object({
      guid: presetGuid('MIC'),
      status: z
        .enum(MICRODEPOSIT_STATUSES as [string, ...string[]], {
          error: (issue) =>
            `'${String(issue.input)}' is not a microdeposit status; use one of ${MICRODEPOSIT_STATUSES.join(', ')}`,
        })
        .optional()
        .describe('Its status at the start (default DEPOSITED); INITIATED and REQUESTED go on from there.'),
      account_number: z
        .string()
        .regex(/^[0-9A-Za-z]{4,17}$/, 'use 4 to 17 letters or digits')
        .optional(),
      account_type: z.enum(['CHECKING', 'SAVINGS'], { error: 'must be CHECKING or SAVINGS' }).optional(),
      routing_number: z
        .string()
        .regex(/^\d{9}$/, 'must be 9 digits')
        .optional(),
      account_name: z.string().optional(),
      email: z.string().optional(),
      first_name: z.string().optional(),
      last_name: z.string().optional(),
      amounts: z
        .tuple([cents, cents], { error: 'give two amounts, e.g. [0.12, 0.15]' })
        .optional()
        .describe('The two amounts deposited (default: drawn from the seed).'),
      failed_attempts: z.number().int().min(0).max(2).optional().describe('Wrong pairs already entered.'),
      error_message: z.string().optional(),
    })
    .strict()
    .superRefine((md, ctx) => {
      const account = [md.account_number, md.account_type, md.routing_number].filter((v) => v !== undefined).length;
      const pre = (md.status ?? 'DEPOSITED') === 'PREINITIATED';
      if (pre && account > 0) {
        ctx.addIssue({
          code: 'custom',
          message: 'a PREINITIATED microdeposit has no account yet: leave out the account fields',
        });
      }
      if (!pre && account < 3) {
        ctx.addIssue({
          code: 'custom',
          message: 'give account_number, account_type and routing_number (or status: PREINITIATED)',
        });
      }
    });

  /** An ACH return the client had submitted when the world starts. */
  const PresetAchReturn = z
    .object({
      guid: presetGuid('ACH'),
      id: z.string().min(1),
      member_guid: z.string().min(1).describe("One of this user's members (its guid)."),
      account_guid: z.string().min(1).describe("One of that member's accounts (its guid)."),
      return_code: z.string().regex(/^(R\d{2}|C\d{2}|NOC)$/, 'must be an ACH return code such as R01, a C code or NOC'),
      return_status: z.string().min(1).optional().describe('Default SUBMITTED.'),
      account_number_last_four: z.string().optional(),
      ach_initiated_at: z.string().optional(),
      corrected_account_number: z.string().optional(),
      corrected_routing_number: z.string().optional(),
      return_account_number: z.string().optional(),
      return_routing_number: z.string().optional(),
      return_notes: z.string().optional(),
      returned_at: z.string().optional(),
      sec_code: z.string().optional(),
      transaction_amount: z.number().optional(),
      created_at: z.iso.datetime({ offset: true }).optional().describe('Default: the start of the world.'),
    })
    .strict();

  return { MicrodepositOutcome, PresetAchReturn, PresetMicrodeposit, ScenarioMicrodeposits };
}

type Schemas = ReturnType<typeof build>;

/** These schemas, made the first time they are asked for (by the scenario schema's own, schema.ts). */
export const microdepositSchemas = onFirstUse(build);

export type ScenarioMicrodepositOutcome = z.infer<Schemas['MicrodepositOutcome']>;
export type ScenarioPresetMicrodeposit = z.infer<Schemas['PresetMicrodeposit']>;
export type ScenarioPresetAchReturn = z.infer<Schemas['PresetAchReturn']>;
