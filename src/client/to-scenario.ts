// Turns a recording (`--record DIR`) into a scenario file the simulator replays: the user, its members and
// exactly the accounts and transactions that were read, so a run against MX becomes an offline test.
import { stringify } from 'yaml';
import { ACCOUNT_TYPES } from '../mx/accounts.js';
import type {
  Scenario,
  ScenarioAccount,
  ScenarioInstitution,
  ScenarioMember,
  ScenarioTransaction,
  ScenarioUser,
} from '../scenarios/schema.js';
import { ENDING_STATUSES } from '../scenarios/schema.js';
import { testInstitutions } from '../server/generators/institutions.js';
import type { Schemas } from './client.js';
import type { RecordedExchange } from './record.js';

type Account = Schemas['AccountResponse'];
type Transaction = Schemas['TransactionIncludesResponse'];
type Institution = Schemas['InstitutionResponse'];

export interface Conversion {
  scenario: Scenario;
  /** What could not be carried over exactly, for the file's header and the command's output. */
  notes: string[];
}

/** MX account types the simulator has no kind for, and the kind they replay as. */
const TYPE_FALLBACK: Record<string, (typeof ACCOUNT_TYPES)[number]> = {
  CHECKING_LINE_OF_CREDIT: 'LINE_OF_CREDIT',
  CASH: 'CHECKING',
  PREPAID: 'CHECKING',
  DEBIT_CARD: 'CHECKING',
  ANY: 'CHECKING',
};
const GUID = (prefix: string) => new RegExp(`^${prefix}-[A-Za-z0-9-]{1,100}$`);

const ok = (e: RecordedExchange) => e.status >= 200 && e.status < 300;
const pathOf = (e: RecordedExchange) => e.path.split('?')[0] ?? '';
const body = (e: RecordedExchange) => (e.responseBody ?? {}) as Record<string, any>;

/** The latest version of each record (by guid) across every successful response that listed them. */
function latest<T extends { guid?: string | null }>(exchanges: RecordedExchange[], match: RegExp, key: string) {
  const byGuid = new Map<string, T>();
  for (const e of exchanges) {
    if (e.method !== 'GET' || !ok(e) || !match.test(pathOf(e))) continue;
    for (const item of (body(e)[key] ?? []) as T[]) if (item.guid) byGuid.set(item.guid, item);
  }
  return [...byGuid.values()];
}

export interface ConversionOptions {
  /**
   * Write each transaction's day as `days_ago`, counted from the recording's last successful aggregation,
   * instead of its date: the replayed history then always ends at the simulator's "now", inside MX's
   * default 120-day window, however old the recording is.
   */
  relativeDates?: boolean;
}

const DAY_MS = 86_400_000;
const dayStart = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

/** When the recorded data was current: the last successful aggregation seen, else the newest transaction. */
function recordedAt(exchanges: RecordedExchange[]): number | undefined {
  const times = exchanges
    .filter((e) => e.method === 'GET' && ok(e))
    .flatMap((e) => {
      const b = body(e);
      const members = [b.member, ...((b.members ?? []) as unknown[])] as Array<Record<string, unknown> | undefined>;
      const aggregated = members.map((m) => m?.successfully_aggregated_at);
      const transactions = ((b.transactions ?? []) as Transaction[]).map((t) => t.transacted_at ?? t.date);
      return [...aggregated, ...(aggregated.some(Boolean) ? [] : transactions)];
    })
    .filter((t): t is string => typeof t === 'string')
    .map((t) => Date.parse(t))
    .filter((t) => !Number.isNaN(t));
  return times.length ? Math.max(...times) : undefined;
}

export function recordingToScenario(
  recording: readonly RecordedExchange[],
  name = 'recorded',
  options: ConversionOptions = {},
): Conversion {
  const exchanges = [...recording].sort((a, b) => a.seq - b.seq);
  const notes: string[] = [];
  const anchor = options.relativeDates ? recordedAt(exchanges) : undefined;
  if (options.relativeDates && anchor === undefined) {
    notes.push('relative dates: the recording shows no aggregation time or transaction date; dates kept as recorded');
  }
  const builtIn = new Set(testInstitutions().map((i) => i.code));
  const institutions = new Map<string, ScenarioInstitution>();
  const users = new Map<string, ScenarioUser>();

  for (const e of exchanges) {
    if (e.method === 'POST' && pathOf(e) === '/users' && ok(e)) {
      const u = body(e).user ?? {};
      users.set(u.guid, {
        ...(u.guid ? { guid: u.guid } : {}),
        ...(u.id ? { id: u.id } : {}),
        ...(u.email ? { email: u.email } : {}),
        ...(u.metadata ? { metadata: u.metadata } : {}),
        members: [],
      });
    }
  }

  for (const e of exchanges) {
    const created = /^\/users\/([^/]+)\/members$/.exec(pathOf(e));
    if (e.method !== 'POST' || !created || !ok(e)) continue;
    const m = body(e).member ?? {};
    const user = [...users.values()].find((u) => u.guid === m.user_guid || u.id === created[1]);
    if (!user) {
      notes.push(`member ${m.guid}: its user was not created in this recording; skipped`);
      continue;
    }
    const code: string = m.institution_code;
    if (!builtIn.has(code) && !institutions.has(code)) institutions.set(code, institutionFrom(exchanges, code, notes));
    const memberPath = new RegExp(`^/users/[^/]+/members/(${m.guid}${m.id ? `|${m.id}` : ''})`);
    const statuses = exchanges.filter((x) => ok(x) && memberPath.test(pathOf(x)) && pathOf(x).endsWith('/status'));
    const lastStatus = statuses.length
      ? body(statuses.at(-1) as RecordedExchange).member?.connection_status
      : undefined;
    const products = (e.requestBody as { data_request?: { products?: string[] } } | undefined)?.data_request?.products;
    const accountsPath = new RegExp(`^/users/[^/]+/members/${m.guid}/accounts$`);
    const transactionsPath = new RegExp(`^/users/[^/]+/members/${m.guid}/transactions$`);
    const accounts = latest<Account>(exchanges, accountsPath, 'accounts');
    const readTransactions = exchanges.some((x) => x.method === 'GET' && ok(x) && transactionsPath.test(pathOf(x)));
    const transactions = latest<Transaction>(exchanges, transactionsPath, 'transactions');
    // Credential values were redacted; fields other than LOGIN and PASSWORD (which default to MX Bank's
    // test values) get a placeholder so the member is complete.
    const extraFields = (institutions.get(code)?.credentials ?? [])
      .map((f) => f.field_name)
      .filter((f) => f !== 'LOGIN' && f !== 'PASSWORD');
    const member: ScenarioMember = {
      ...(m.guid ? { guid: m.guid } : {}),
      ...(m.id ? { id: m.id } : {}),
      institution: code,
      ...(extraFields.length ? { credentials: Object.fromEntries(extraFields.map((f) => [f, 'recorded'])) } : {}),
      ...(products?.length ? { products } : {}),
      ...(lastStatus && lastStatus !== 'CONNECTED' && ENDING_STATUSES.includes(lastStatus)
        ? { status: lastStatus }
        : {}),
      ...(m.metadata ? { metadata: m.metadata } : {}),
      accounts: accounts.map((a) => accountFrom(a, readTransactions ? transactions : undefined, notes, anchor)),
    };
    if (lastStatus && lastStatus !== 'CONNECTED' && !ENDING_STATUSES.includes(lastStatus)) {
      notes.push(`member ${m.guid} was last seen ${lastStatus} (a status jobs pass through); replayed CONNECTED`);
    }
    user.members = [...(user.members ?? []), member];
  }

  const scenario: Scenario = {
    name,
    description: `Replays a recorded MX session: ${users.size} user(s), exact accounts and transactions.`,
    ...(institutions.size ? { institutions: [...institutions.values()] } : {}),
    users: [...users.values()],
  };
  return { scenario, notes };
}

/** An institution the simulator does not have, rebuilt from what the recording saw of it. */
function institutionFrom(exchanges: RecordedExchange[], code: string, notes: string[]): ScenarioInstitution {
  const seen = exchanges
    .filter((e) => e.method === 'GET' && ok(e) && pathOf(e).startsWith('/institutions'))
    .flatMap((e) => [
      ...((body(e).institutions ?? []) as Institution[]),
      ...(body(e).institution ? [body(e).institution] : []),
    ])
    .find((i) => i.code === code);
  const fields = exchanges
    .filter((e) => e.method === 'GET' && ok(e) && new RegExp(`^/institutions/${code}/credentials$`).test(pathOf(e)))
    .flatMap((e) => (body(e).credentials ?? []) as Schemas['CredentialResponse'][]);
  if (!seen) notes.push(`institution ${code}: not in the recording's searches; replayed with defaults`);
  const credentialType = (t: string | null) =>
    (['LOGIN', 'PASSWORD', 'TEXT', 'OPTIONS', 'TOKEN'] as const).find((k) => k === t);
  return {
    code,
    name: seen?.name ?? code,
    ...(seen?.supported_products?.length ? { products: seen.supported_products } : {}),
    ...(seen?.supports_oauth ? { oauth: true } : {}),
    ...(seen?.iso_country_code ? { country: seen.iso_country_code } : {}),
    ...(seen?.url ? { url: seen.url } : {}),
    ...(fields.length
      ? {
          credentials: fields.map((f) => {
            const type = credentialType(f.field_type ?? f.type);
            return {
              field_name: f.field_name ?? 'LOGIN',
              ...(f.label ? { label: f.label } : {}),
              ...(type ? { type } : {}),
            };
          }),
        }
      : {}),
  };
}

function accountFrom(
  a: Account,
  transactions: Transaction[] | undefined,
  notes: string[],
  anchor: number | undefined,
): ScenarioAccount {
  const known = (ACCOUNT_TYPES as readonly string[]).includes(a.type ?? '');
  const type = known ? (a.type as ScenarioAccount['type']) : (TYPE_FALLBACK[a.type ?? ''] ?? 'CHECKING');
  if (!known) notes.push(`account ${a.guid}: MX type ${a.type} replayed as ${type}`);
  const num = (v: number | null | undefined) => (typeof v === 'number' ? v : undefined);
  const fields: Partial<ScenarioAccount> = {
    ...(a.guid && GUID('ACT').test(a.guid) ? { guid: a.guid } : {}),
    ...(a.id ? { id: a.id } : {}),
    ...(a.name ? { name: a.name } : {}),
    ...(a.subtype ? { subtype: a.subtype } : {}),
    ...(num(a.balance) !== undefined ? { balance: num(a.balance) } : {}),
    // Recordings keep only the last four digits; the X's make a valid (masked) number.
    ...(a.account_number && /^[0-9A-Za-z]{4,34}$/.test(a.account_number) ? { account_number: a.account_number } : {}),
    ...(num(a.credit_limit) !== undefined ? { credit_limit: num(a.credit_limit) } : {}),
    ...(num(a.apr) !== undefined ? { apr: num(a.apr) } : {}),
    ...(num(a.apy) !== undefined ? { apy: num(a.apy) } : {}),
    ...(num(a.interest_rate) !== undefined ? { interest_rate: num(a.interest_rate) } : {}),
    ...(num(a.original_balance) !== undefined ? { original_balance: num(a.original_balance) } : {}),
  };
  const account: ScenarioAccount = { type, ...fields } as ScenarioAccount;
  if (transactions) {
    account.transactions = transactions
      .filter((t) => t.account_guid === a.guid)
      .flatMap((t) => {
        const converted = transactionFrom(t, anchor);
        if (!converted) notes.push(`transaction ${t.guid}: no date or a zero amount; left out`);
        return converted ? [converted] : [];
      });
  }
  return account;
}

function transactionFrom(t: Transaction, anchor: number | undefined): ScenarioTransaction | undefined {
  // The full time keeps the order of same-day transactions across accounts; the date alone when there is none.
  const date = t.transacted_at ?? t.date;
  if (!date || !t.amount) return undefined;
  const when =
    anchor === undefined || Number.isNaN(Date.parse(date))
      ? { date }
      : { days_ago: Math.max(0, Math.round((dayStart(anchor) - dayStart(Date.parse(date))) / DAY_MS)) };
  // MX sends positive amounts with the sign in `type`; a negative one flips the type.
  const type = t.amount < 0 ? (t.type === 'CREDIT' ? 'DEBIT' : 'CREDIT') : (t.type ?? 'DEBIT');
  return {
    ...(t.guid && GUID('TRN').test(t.guid) ? { guid: t.guid } : {}),
    ...(t.id ? { id: t.id } : {}),
    ...when,
    amount: Math.abs(t.amount),
    type,
    description: t.description || t.original_description || 'Transaction',
    ...(t.original_description ? { original_description: t.original_description } : {}),
    ...(t.category ? { category: t.category } : {}),
    ...(t.status ? { status: t.status } : {}),
    ...(t.memo ? { memo: t.memo } : {}),
    ...(t.merchant_guid && GUID('MCH').test(t.merchant_guid) ? { merchant_guid: t.merchant_guid } : {}),
    ...(t.check_number_string ? { check_number_string: t.check_number_string } : {}),
  };
}

/** The scenario as YAML, with a header saying where it came from and what was approximated. */
export function scenarioYaml(conversion: Conversion, source: string): string {
  const header = [
    `# Generated by \`mx-sim-client to-scenario\` from the recording ${source}.`,
    '# Credentials, API keys and account numbers were redacted when recorded; members replay with test credentials.',
    ...conversion.notes.map((n) => `# note: ${n}`),
  ];
  return `${header.join('\n')}\n${stringify(conversion.scenario, { lineWidth: 0 })}`;
}
