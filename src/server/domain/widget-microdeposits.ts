// The Connect widget's microdeposit flow (a widget URL with current_microdeposit_guid, mode verification): the
// user gives a pre-initiated microdeposit its account, waits for the deposits and enters the two amounts. The
// widget keeps no microdeposit logic of its own: it completes and verifies through domain/microdeposits.ts, so
// the API reads the same record and the MICRODEPOSIT webhooks fire as for the API. docs/connect-widget.md.
import { MICRODEPOSIT_STATUS_IDS } from '../../mx/microdeposits.js';
import { MAX_VERIFY_ATTEMPTS, type MicrodepositRecord } from '../engine/microdeposits.js';
import { errors } from '../errors.js';
import type { Tenant } from '../store/tenant.js';
import type { UserRecord } from '../store/users.js';
import type { WidgetSession } from '../store/widget-sessions.js';
import { checkAccount, failureFor, type MicrodepositAccount } from './microdeposit-rules.js';
import { completeMicrodeposit, createMicrodeposit, microdepositOf, verifyMicrodeposit } from './microdeposits.js';
import { sessionUser } from './widget-connect.js';

/**
 * The microdeposit a widget URL asks to open on: the user's (404 otherwise, as the API's read), with
 * `mode: verification` (or `account_verification` in `data_request.products`): 400 otherwise.
 */
export function widgetMicrodeposit(
  tenant: Tenant,
  user: UserRecord,
  guid: string,
  verification: boolean,
): MicrodepositRecord {
  if (!verification) {
    throw errors.validation(
      'current_microdeposit_guid: needs mode: verification (or account_verification in data_request.products), ' +
        'the mode in which the widget verifies an account with microdeposits',
    );
  }
  return microdepositOf(tenant, user, guid);
}

/**
 * Verification mode without a current microdeposit, when the user's search finds no institution (as MX's
 * widget offers): the user gives their name and email and the session gets a new PREINITIATED microdeposit,
 * whose account the details step then asks for. 400 outside verification mode, 409 when the session has one.
 */
export function widgetStartMicrodeposit(
  tenant: Tenant,
  session: WidgetSession,
  person: { email: string; first_name: string; last_name: string },
): MicrodepositRecord {
  const { config } = session;
  if (config.mode !== 'verification' && !config.products?.includes('account_verification')) {
    throw errors.badRequest(
      'microdeposits verify an account in verification mode only: request the widget URL with mode: verification',
      'not_verification_mode',
    );
  }
  if (config.current_microdeposit_guid) {
    throw errors.conflict(`this widget session already verifies micro_deposit ${config.current_microdeposit_guid}`);
  }
  const md = createMicrodeposit(tenant, sessionUser(tenant, session), person);
  config.current_microdeposit_guid = md.guid;
  return md;
}

/** The session's microdeposit, when the path names it (404 for any other guid). */
export function sessionMicrodeposit(tenant: Tenant, session: WidgetSession, guid: string): MicrodepositRecord {
  const own = session.config.current_microdeposit_guid;
  if (own !== guid) throw errors.notFound('micro_deposit', guid);
  return microdepositOf(tenant, sessionUser(tenant, session), guid);
}

/** A microdeposit as the widget follows it: status (and MX's number for it), the account, attempts left. */
export function microdepositView(md: MicrodepositRecord) {
  return {
    guid: md.guid,
    status: md.status,
    status_id: MICRODEPOSIT_STATUS_IDS[md.status],
    error_message: md.error_message,
    account_name: md.account_name,
    account_type: md.account_type,
    account_number_last_four: md.account_number === null ? null : md.account_number.slice(-4),
    routing_number: md.routing_number,
    institution_name: md.institution_name,
    attempts_left: Math.max(0, MAX_VERIFY_ATTEMPTS - md.failed_attempts),
    is_verifying: md.verifying,
  };
}

/** Why the widget will not send microdeposits to a routing number (MX's blocked_routing_number). */
export interface BlockedRoutingNumber {
  routing_number: string;
  /** MX's reason_name. */
  reason: 'BLOCKED';
  message: string;
}

/**
 * Whether the account's routing number is blocked: the domain would deny it before anything is sent (DENIED
 * right after INITIATED: a routing number failing the ABA checksum, or a scenario's outcome `after:
 * INITIATED`). MX's widget checks the routing number before it submits the details, so a blocked one leaves
 * the microdeposit PREINITIATED and the user may give another.
 */
export function blockedRoutingNumber(
  tenant: Tenant,
  md: MicrodepositRecord,
  account: MicrodepositAccount,
): BlockedRoutingNumber | null {
  const probe: MicrodepositRecord = {
    ...md,
    routing_number: account.routing_number,
    account_number: account.account_number,
  };
  const failure = failureFor(tenant, probe);
  if (failure?.status !== 'DENIED' || failure.after !== 'INITIATED') return null;
  return {
    routing_number: account.routing_number,
    reason: 'BLOCKED',
    message:
      failure.message ??
      `Microdeposits cannot be sent to routing number ${account.routing_number}. Check it, or verify the account another way.`,
  };
}

/**
 * The user submits the account's details: checked as the API checks them (400 naming the field), refused
 * without a change when the routing number is blocked, else the microdeposit is completed (INITIATED, or an
 * error status at once: CONFLICTED, PREVENTED).
 */
export function widgetSubmitDetails(
  tenant: Tenant,
  md: MicrodepositRecord,
  account: MicrodepositAccount,
): BlockedRoutingNumber | null {
  checkAccount(account);
  if (md.status !== 'PREINITIATED') {
    throw errors.conflict(`micro_deposit ${md.guid} is ${md.status}; its account details were already given`);
  }
  const blocked = blockedRoutingNumber(tenant, md, account);
  if (blocked) return blocked;
  completeMicrodeposit(tenant, md, account);
  return null;
}

/** The user enters the two amounts (dollars, e.g. 0.07): verify's rules (405 unless DEPOSITED). */
export function widgetVerifyAmounts(
  tenant: Tenant,
  md: MicrodepositRecord,
  amounts: { deposit_amount_1: number; deposit_amount_2: number },
): void {
  verifyMicrodeposit(tenant, md, amounts);
}
