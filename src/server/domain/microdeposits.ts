// Microdeposits: create (or pre-initiate), verify with the amounts, delete, and the steps the client's
// clock brings (settleMicrodeposits, run with the members' steps before each request). Announces each
// new microdeposit and each change of status as a tenant event (the MICRODEPOSIT webhook). The widget's
// verification mode completes a pre-initiated one through `completeMicrodeposit`. The rules a new one is
// checked against are in microdeposit-rules.ts. docs/microdeposits.md.
import {
  MICRODEPOSIT_ERROR_STATUSES,
  type MicrodepositAccountType,
  type MicrodepositErrorStatus,
  type MicrodepositStatus,
} from '../../mx/microdeposits.js';
import type { ScenarioPresetMicrodeposit } from '../../scenarios/microdeposits.js';
import {
  ERROR_MESSAGES,
  enterAmounts,
  type MicrodepositRecord,
  type MicrodepositStep,
  stepMicrodeposit,
  toCents,
} from '../engine/microdeposits.js';
import { errors } from '../errors.js';
import type { Tenant } from '../store/tenant.js';
import type { UserRecord } from '../store/users.js';
import {
  amountsFor,
  checkAccount,
  failureFor,
  institutionFor,
  type MicrodepositAccount,
  refusal,
} from './microdeposit-rules.js';

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

export type { MicrodepositAccount };

const ACCOUNT_FIELDS = ['account_number', 'account_type', 'routing_number'] as const;
const PERSON_FIELDS = ['email', 'first_name', 'last_name'] as const;

/** The microdeposit of this user (MX's 404 when there is none, or it is another user's). */
export function microdepositOf(tenant: Tenant, user: UserRecord, guid: string): MicrodepositRecord {
  const md = tenant.microdeposits.find(guid);
  if (!md || md.user_guid !== user.guid) throw errors.notFound('micro_deposit', guid);
  return md;
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
  md.failure = failureFor(tenant, md);
  md.due_at = now + tenant.timing.microdepositStepMs;
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
    if (md.due_at !== null) md.failure = failureFor(tenant, md);
  }
  return tenant.microdeposits.insert(md);
}
