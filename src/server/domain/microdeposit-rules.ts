// The rules a new microdeposit meets (docs/microdeposits.md): its account's format, the institution its
// routing number names, the amounts deposited, the refusals (CONFLICTED, PREVENTED past an email's limit)
// and how it fails (a scenario's outcome, or DENIED for a routing number no bank can have).
import type { MicrodepositErrorStatus } from '../../mx/microdeposits.js';
import { MICRODEPOSIT_ERROR_STATUSES } from '../../mx/microdeposits.js';
import type { ScenarioMicrodepositOutcome } from '../../scenarios/microdeposits.js';
import { ERROR_MESSAGES, type MicrodepositFailure, type MicrodepositRecord, toCents } from '../engine/microdeposits.js';
import { errors } from '../errors.js';
import { isValidAba, routingNumberFor } from '../generators/gathered.js';
import { seedOf } from '../generators/ids.js';
import type { InstitutionRecord } from '../generators/institution.js';
import type { InstitutionCatalog } from '../store/institutions.js';
import type { Tenant } from '../store/tenant.js';

/** The account a microdeposit verifies (required to create one, or to complete a pre-initiated one). */
export interface MicrodepositAccount {
  account_number: string;
  account_type: string;
  routing_number: string;
  account_name?: string | undefined;
}

/** MX: one email may verify at most this many accounts. */
export const MAX_ACCOUNTS_PER_EMAIL = 3;

const ACCOUNT_TYPES: readonly string[] = ['CHECKING', 'SAVINGS'];

export function checkAccount(input: MicrodepositAccount): void {
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
export function institutionFor(tenant: Tenant, routing: string): InstitutionRecord | undefined {
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
export function amountsFor(tenant: Tenant, md: MicrodepositRecord): [number, number] {
  const scripted = outcomeFor(tenant, md, 'amounts')?.amounts;
  if (scripted) return [toCents(scripted[0]), toCents(scripted[1])];
  const n = seedOf(tenant.seed, tenant.clientId, 'microdeposit', md.guid);
  const first = 1 + (n % 99);
  const second = 1 + (Math.floor(n / 99) % 98);
  return [first, second >= first ? second + 1 : second];
}

/** Both name the same account: routing and account number. */
function sameAccount(a: MicrodepositRecord, b: MicrodepositRecord): boolean {
  return a.routing_number === b.routing_number && a.account_number === b.account_number;
}

const failed = (md: MicrodepositRecord) => (MICRODEPOSIT_ERROR_STATUSES as readonly string[]).includes(md.status);

/**
 * How the microdeposit's account details end it before anything is sent: CONFLICTED when another
 * microdeposit of the client is verifying (or verified) the same account, PREVENTED past the email's
 * limit of accounts. Undefined: it goes on.
 */
export function refusal(
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

function invalidRouting(routing: string): MicrodepositFailure {
  return {
    status: 'DENIED',
    after: 'INITIATED',
    message: `The routing number ${routing} fails the ABA checksum: no bank has it.`,
  };
}

/** How a microdeposit that goes on will end instead of DEPOSITED: a matching scenario outcome, else DENIED
 * for a routing number that fails the ABA checksum; null: the deposits arrive. */
export function failureFor(tenant: Tenant, md: MicrodepositRecord): MicrodepositFailure | null {
  const scripted = outcomeFor(tenant, md, 'status');
  if (scripted) {
    return {
      status: scripted.status as MicrodepositErrorStatus,
      after: scripted.after ?? 'REQUESTED',
      message: scripted.message ?? null,
    };
  }
  return md.routing_number === null || isValidAba(md.routing_number) ? null : invalidRouting(md.routing_number);
}
