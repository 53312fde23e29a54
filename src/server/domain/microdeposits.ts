// Microdeposits: create (or pre-initiate), verify with the amounts, delete, and the steps the client's
// clock brings (settleMicrodeposits, run with the members' steps before each request). Announces each
// new microdeposit and each change of status as a tenant event (the MICRODEPOSIT webhook). The widget's
// verification mode completes a pre-initiated one through `completeMicrodeposit`. docs/microdeposits.md.
import {
  MICRODEPOSIT_ERROR_STATUSES,
  type MicrodepositAccountType,
  type MicrodepositErrorStatus,
  type MicrodepositStatus,
} from '../../mx/microdeposits.js';
import type { ScenarioMicrodepositOutcome, ScenarioPresetMicrodeposit } from '../../scenarios/microdeposits.js';
import {
  ERROR_MESSAGES,
  enterAmounts,
  type MicrodepositFailure,
  type MicrodepositRecord,
  type MicrodepositStep,
  stepMicrodeposit,
  toCents,
} from '../engine/microdeposits.js';
import { errors } from '../errors.js';
import { isValidAba, routingNumberFor } from '../generators/gathered.js';
import { seedOf } from '../generators/ids.js';
import type { InstitutionRecord } from '../generators/institution.js';
import type { InstitutionCatalog } from '../store/institutions.js';
import type { Tenant } from '../store/tenant.js';
import type { UserRecord } from '../store/users.js';

/** What a create request gives (MX's MicrodepositElements). */
export interface NewMicrodeposit {
  account_name?: string | undefined;
  account_number?: string | undefined;
  account_type?: string | undefined;
  routing_number?: string | undefined;
  email?: string | undefined;
  first_name?: string | undefined;
  last_name?: string | undefined;
}

/** The account a microdeposit verifies (required to create one, or to complete a pre-initiated one). */
export interface MicrodepositAccount {
  account_number: string;
  account_type: string;
  routing_number: string;
  account_name?: string | undefined;
}

/** MX: one email may verify at most this many accounts. */
export const MAX_ACCOUNTS_PER_EMAIL = 3;

const ACCOUNT_FIELDS = ['account_number', 'account_type', 'routing_number'] as const;
const PERSON_FIELDS = ['email', 'first_name', 'last_name'] as const;
const ACCOUNT_TYPES: readonly string[] = ['CHECKING', 'SAVINGS'];

/** The microdeposit of this user (MX's 404 when there is none, or it is another user's). */
export function microdepositOf(tenant: Tenant, user: UserRecord, guid: string): MicrodepositRecord {
  const md = tenant.microdeposits.find(guid);
  if (!md || md.user_guid !== user.guid) throw errors.notFound('micro_deposit', guid);
  return md;
}

function checkAccount(input: MicrodepositAccount): void {
  if (!/^\d{9}$/.test(input.routing_number)) {
    throw errors.validation(`micro_deposit.routing_number: '${input.routing_number}' is not 9 digits`);
  }
  if (!/^[0-9A-Za-z]{4,17}$/.test(input.account_number)) {
    throw errors.validation('micro_deposit.account_number: use 4 to 17 letters or digits, as an ACH account number');
  }
  if (!ACCOUNT_TYPES.includes(input.account_type)) {
    throw errors.validation(
      `micro_deposit.account_type: microdeposits verify CHECKING or SAVINGS accounts, not '${input.account_type}'`,
    );
  }
}

/** The routing numbers of a catalogue's US institutions (per seed, built once). */
const routingIndex = new WeakMap<InstitutionCatalog, Map<string, Map<string, InstitutionRecord>>>();

/** The simulated institution whose accounts carry this routing number, if any (MX: null when not known). */
function institutionFor(tenant: Tenant, routing: string): InstitutionRecord | undefined {
  let bySeed = routingIndex.get(tenant.institutions);
  if (!bySeed) {
    bySeed = new Map();
    routingIndex.set(tenant.institutions, bySeed);
  }
  let index = bySeed.get(tenant.seed);
  if (!index) {
    index = new Map();
    for (const code of tenant.institutions.codes()) {
      const inst = tenant.institutions.byCode(code) as InstitutionRecord;
      if (inst.iso_country_code === 'US') index.set(routingNumberFor(tenant.seed, code), inst);
    }
    bySeed.set(tenant.seed, index);
  }
  return index.get(routing);
}

/** The scenario outcome that matches and says `what` (first match wins). */
function outcomeFor(
  tenant: Tenant,
  md: MicrodepositRecord,
  what: 'status' | 'amounts',
): ScenarioMicrodepositOutcome | undefined {
  const userId = tenant.users.find(md.user_guid)?.id ?? null;
  return tenant.world.microdeposits.find((o) => {
    const m = o.match;
    return (
      o[what] !== undefined &&
      (m.routing_number === undefined || m.routing_number === md.routing_number) &&
      (m.account_number === undefined || m.account_number === md.account_number) &&
      (m.email === undefined || m.email.toLowerCase() === md.email?.toLowerCase()) &&
      (m.user_id === undefined || m.user_id === userId)
    );
  });
}

/** Two different amounts of 1 to 99 cents, from the seed and the guid; or a matching scenario's. */
function amountsFor(tenant: Tenant, md: MicrodepositRecord): [number, number] {
  const scripted = outcomeFor(tenant, md, 'amounts')?.amounts;
  if (scripted) return [toCents(scripted[0]), toCents(scripted[1])];
  const n = seedOf(tenant.seed, tenant.clientId, 'microdeposit', md.guid);
  const first = 1 + (n % 99);
  const second = 1 + (Math.floor(n / 99) % 98);
  return [first, second >= first ? second + 1 : second];
}

/** Accounts (routing and account number) the client verifies or has verified, other than `md`. */
function sameAccount(a: MicrodepositRecord, b: MicrodepositRecord): boolean {
  return a.routing_number === b.routing_number && a.account_number === b.account_number;
}

const failed = (md: MicrodepositRecord) => (MICRODEPOSIT_ERROR_STATUSES as readonly string[]).includes(md.status);

/**
 * How the microdeposit's account details end it before anything is sent: CONFLICTED when another
 * microdeposit of the client is verifying (or verified) the same account, PREVENTED past the email's
 * limit of accounts. Undefined: it goes on.
 */
function refusal(
  tenant: Tenant,
  md: MicrodepositRecord,
): { status: MicrodepositErrorStatus; message: string } | undefined {
  const others = tenant.microdeposits.all().filter((o) => o !== md && o.account_number !== null && !failed(o));
  if (others.some((o) => sameAccount(o, md))) {
    return { status: 'CONFLICTED', message: ERROR_MESSAGES.CONFLICTED };
  }
  const email = md.email?.toLowerCase();
  if (email === undefined) return undefined;
  const accounts = new Set(
    others.filter((o) => o.email?.toLowerCase() === email).map((o) => `${o.routing_number}:${o.account_number}`),
  );
  if (accounts.size < MAX_ACCOUNTS_PER_EMAIL) return undefined;
  return {
    status: 'PREVENTED',
    message: `The email ${md.email} already verifies ${MAX_ACCOUNTS_PER_EMAIL} accounts, the most one email may.`,
  };
}

/** Fills in the account and starts the steps: INITIATED now, REQUESTED and DEPOSITED later (or an error). */
function initiate(tenant: Tenant, md: MicrodepositRecord, account: MicrodepositAccount, now: number): void {
  checkAccount(account);
  md.account_number = account.account_number;
  md.account_type = account.account_type as MicrodepositAccountType;
  md.routing_number = account.routing_number;
  if (account.account_name !== undefined) md.account_name = account.account_name;
  const inst = institutionFor(tenant, account.routing_number);
  md.institution_code = inst?.code ?? null;
  md.institution_guid = inst?.guid ?? null;
  md.institution_name = inst?.name ?? null;
  md.amounts = amountsFor(tenant, md);
  md.status = 'INITIATED';
  md.updated_at_ms = now;
  const refused = refusal(tenant, md);
  if (refused) {
    md.status = refused.status;
    md.error_message = refused.message;
    md.due_at = null;
    return;
  }
  const scripted = outcomeFor(tenant, md, 'status');
  md.failure = scripted
    ? {
        status: scripted.status as MicrodepositErrorStatus,
        after: scripted.after ?? 'REQUESTED',
        message: scripted.message ?? null,
      }
    : isValidAba(account.routing_number)
      ? null
      : invalidRouting(account.routing_number);
  md.due_at = now + tenant.timing.microdepositStepMs;
}

function invalidRouting(routing: string): MicrodepositFailure {
  return {
    status: 'DENIED',
    after: 'INITIATED',
    message: `The routing number ${routing} fails the ABA checksum: no bank has it.`,
  };
}

/**
 * Creates a microdeposit for the user: INITIATED with the account's details, or PREINITIATED when only
 * email, first and last name are given (the Connect widget asks for the account later).
 */
export function createMicrodeposit(tenant: Tenant, user: UserRecord, input: NewMicrodeposit): MicrodepositRecord {
  const missing = ACCOUNT_FIELDS.filter((f) => input[f] === undefined);
  const preinitiate = missing.length === ACCOUNT_FIELDS.length && PERSON_FIELDS.every((f) => input[f] !== undefined);
  if (missing.length && !preinitiate) {
    throw errors.validation(
      `micro_deposit: missing ${missing.join(', ')}; give account_number, account_type and routing_number, or only ` +
        'email, first_name and last_name to pre-initiate',
    );
  }
  const now = tenant.clock.now();
  const md: MicrodepositRecord = {
    guid: '',
    user_guid: user.guid,
    account_name: input.account_name ?? null,
    account_number: null,
    account_type: null,
    routing_number: null,
    email: input.email ?? null,
    first_name: input.first_name ?? null,
    last_name: input.last_name ?? null,
    institution_code: null,
    institution_guid: null,
    institution_name: null,
    status: 'PREINITIATED',
    error_message: null,
    created_at_ms: now,
    updated_at_ms: now,
    verified_at_ms: null,
    amounts: [0, 0],
    failed_attempts: 0,
    verifying: false,
    due_at: null,
    failure: null,
  };
  if (!preinitiate) checkAccount(input as MicrodepositAccount);
  md.guid = tenant.guids.next('MIC');
  if (!preinitiate) initiate(tenant, md, input as MicrodepositAccount, now);
  tenant.microdeposits.insert(md);
  tenant.events.emit({ kind: 'microdeposit_changed', action: 'created', microdeposit: md, at: now });
  return md;
}

/** A pre-initiated microdeposit gets its account (the widget's verification mode): INITIATED from now. */
export function completeMicrodeposit(tenant: Tenant, md: MicrodepositRecord, account: MicrodepositAccount): void {
  if (md.status !== 'PREINITIATED') {
    throw errors.conflict(`micro_deposit ${md.guid} is ${md.status}; only a PREINITIATED one takes account details`);
  }
  const now = tenant.clock.now();
  initiate(tenant, md, account, now);
  announce(tenant, md, { from: 'PREINITIATED', to: md.status, at: now });
}

function announce(tenant: Tenant, md: MicrodepositRecord, step: MicrodepositStep | undefined): void {
  if (step) tenant.events.emit({ kind: 'microdeposit_changed', action: 'updated', microdeposit: md, at: step.at });
}

/**
 * The amounts the user read on their statement. Only a DEPOSITED microdeposit takes them (MX's 405
 * otherwise: the endpoint's constraint is not met); once the right pair is in, verifying again changes
 * nothing until it is VERIFIED.
 */
export function verifyMicrodeposit(
  tenant: Tenant,
  md: MicrodepositRecord,
  amounts: { deposit_amount_1?: number | undefined; deposit_amount_2?: number | undefined },
): MicrodepositRecord {
  if (md.status !== 'DEPOSITED') {
    throw errors.constraintNotMet(
      `micro_deposit ${md.guid} is ${md.status}: amounts can be verified only once it is DEPOSITED` +
        (['INITIATED', 'REQUESTED'].includes(md.status) ? ' (poll it until then)' : ''),
      'micro_deposit_not_deposited',
      'PUT',
    );
  }
  if (md.verifying) return md;
  const { deposit_amount_1: a, deposit_amount_2: b } = amounts;
  if (a === undefined || b === undefined) {
    throw errors.validation('micro_deposit: give both deposit_amount_1 and deposit_amount_2, e.g. 0.12 and 0.15');
  }
  announce(tenant, md, enterAmounts(md, a, b, tenant.timing.microdepositStepMs, tenant.clock.now()));
  return md;
}

/** Permanent; no webhook (MX notifies status changes). */
export function deleteMicrodeposit(tenant: Tenant, md: MicrodepositRecord): void {
  tenant.microdeposits.delete(md);
}

/** Applies every microdeposit step due by `now`, earliest first, each announced at its own time. */
export function settleMicrodeposits(tenant: Tenant, now: number): void {
  if (tenant.microdeposits.size === 0) return;
  const stepMs = tenant.timing.microdepositStepMs;
  for (;;) {
    const due = tenant.microdeposits.dueBy(now);
    if (!due.length) return;
    for (const md of due) announce(tenant, md, stepMicrodeposit(md, stepMs, now));
  }
}

/**
 * A scenario's preset microdeposit (a loaded export): in its status from the world's start `now`, without
 * a webhook. INITIATED and REQUESTED go on with the clock, and a matching outcome still ends them.
 */
export function presetMicrodeposit(
  tenant: Tenant,
  user: UserRecord,
  p: ScenarioPresetMicrodeposit,
  now: number,
): MicrodepositRecord {
  const status = (p.status ?? 'DEPOSITED') as MicrodepositStatus;
  const inst = p.routing_number === undefined ? undefined : institutionFor(tenant, p.routing_number);
  const errorStatus = (MICRODEPOSIT_ERROR_STATUSES as readonly string[]).includes(status);
  const md: MicrodepositRecord = {
    guid: p.guid ?? tenant.guids.next('MIC'),
    user_guid: user.guid,
    account_name: p.account_name ?? null,
    account_number: p.account_number ?? null,
    account_type: p.account_type ?? null,
    routing_number: p.routing_number ?? null,
    email: p.email ?? null,
    first_name: p.first_name ?? null,
    last_name: p.last_name ?? null,
    institution_code: inst?.code ?? null,
    institution_guid: inst?.guid ?? null,
    institution_name: inst?.name ?? null,
    status,
    error_message: p.error_message ?? (errorStatus ? ERROR_MESSAGES[status as MicrodepositErrorStatus] : null),
    created_at_ms: now,
    updated_at_ms: now,
    verified_at_ms: status === 'VERIFIED' ? now : null,
    amounts: [0, 0],
    failed_attempts: p.failed_attempts ?? 0,
    verifying: false,
    due_at: status === 'INITIATED' || status === 'REQUESTED' ? now + tenant.timing.microdepositStepMs : null,
    failure: null,
  };
  if (md.account_number !== null) {
    md.amounts = p.amounts ? [toCents(p.amounts[0]), toCents(p.amounts[1])] : amountsFor(tenant, md);
    const scripted = md.due_at === null ? undefined : outcomeFor(tenant, md, 'status');
    if (scripted) {
      md.failure = {
        status: scripted.status as MicrodepositErrorStatus,
        after: scripted.after ?? 'REQUESTED',
        message: scripted.message ?? null,
      };
    }
  }
  return tenant.microdeposits.insert(md);
}
