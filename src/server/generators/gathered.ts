// What premium jobs gather besides accounts: account owners (identify), account and routing numbers
// (verify), monthly statements (fetch_statements) and rewards (fetch_rewards), all seeded.
import type { Faker } from '@faker-js/faker';
import { seededFaker, stableGuid } from './ids.js';
import {
  type AccountRecord,
  dayOf,
  type JobContext,
  type NumberRecord,
  type OwnerRecord,
  type RewardRecord,
  type StatementRecord,
} from './records.js';
import { Draws, streamKey } from './rng.js';
import { DAY_MS } from './transactions.js';

const STATEMENT_MONTHS = 6;

/** The ABA check digit: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10). */
export function abaCheckDigit(first8: string): number {
  const d = [...first8].map(Number) as number[];
  const sum =
    3 * ((d[0] ?? 0) + (d[3] ?? 0) + (d[6] ?? 0)) +
    7 * ((d[1] ?? 0) + (d[4] ?? 0) + (d[7] ?? 0)) +
    ((d[2] ?? 0) + (d[5] ?? 0));
  return (10 - (sum % 10)) % 10;
}

export function isValidAba(routing: string): boolean {
  return /^\d{9}$/.test(routing) && abaCheckDigit(routing.slice(0, 8)) === Number(routing[8]);
}

/** A valid routing number for an institution (Federal Reserve prefix 01–12). */
export function routingNumberFor(seed: string, institutionCode: string): string {
  const d = new Draws(streamKey(seed, 'routing', institutionCode), 0);
  const first8 = String(d.int(1, 12)).padStart(2, '0') + d.digits(6);
  return first8 + String(abaCheckDigit(first8));
}

function person(f: Faker) {
  const first = f.person.firstName();
  const last = f.person.lastName();
  return { first, last };
}

export function newOwners(ctx: JobContext, accounts: AccountRecord[]): OwnerRecord[] {
  const f = seededFaker(ctx.seed, ctx.member.guid, 'owners');
  const primary = person(f);
  const joint = { first: f.person.firstName(), last: primary.last };
  const address = {
    address: f.location.streetAddress(),
    city: f.location.city(),
    state: f.location.state({ abbreviated: true }),
    postal_code: f.location.zipCode('#####'),
    country: ctx.institution.iso_country_code,
  };
  const phone = f.string.numeric(3).replace(/^[01]/, '8');
  const phoneNumber = `${phone}-555-${f.string.numeric(4)}`;
  const owners: OwnerRecord[] = [];
  for (const a of accounts) {
    const people = a.type === 'CHECKING' && a.index === 0 ? [primary, joint] : [primary];
    people.forEach((p, i) => {
      owners.push({
        guid: stableGuid('ACO', ctx.seed, a.guid, 'owner', i),
        account_guid: a.guid,
        member_guid: a.member_guid,
        user_guid: a.user_guid,
        owner_name: `${p.first} ${p.last}`,
        first_name: p.first,
        last_name: p.last,
        email: `${p.first}.${p.last}@example.com`.toLowerCase(),
        phone: phoneNumber,
        ...address,
      });
    });
  }
  return owners;
}

export function newNumbers(ctx: JobContext, accounts: AccountRecord[]): NumberRecord[] {
  const canadian = ctx.institution.iso_country_code === 'CA';
  const routing = routingNumberFor(ctx.seed, ctx.member.institution_code);
  const d = new Draws(streamKey(ctx.seed, ctx.member.institution_code, 'transit'), 0);
  const institutionNumber = d.digits(3);
  const transit = d.digits(5);
  return accounts
    .filter((a) => a.type === 'CHECKING' || a.type === 'SAVINGS')
    .map((a) => ({
      guid: stableGuid('ACN', ctx.seed, a.guid, 'numbers'),
      account_guid: a.guid,
      member_guid: a.member_guid,
      user_guid: a.user_guid,
      account_number: a.account_number,
      routing_number: canadian ? null : (a.routing_number ?? routing),
      institution_number: canadian ? institutionNumber : null,
      transit_number: canadian ? transit : null,
      passed_validation: canadian || isValidAba(a.routing_number ?? routing),
    }));
}

function monthStart(ms: number, monthsBack: number): Date {
  const d = new Date(ms);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - monthsBack, 1));
}

export function newStatements(ctx: JobContext, accounts: AccountRecord[], at: number, old: StatementRecord[] | null) {
  const known = new Map((old ?? []).map((s) => [s.guid, s]));
  const out: StatementRecord[] = [];
  for (const a of accounts) {
    for (let m = 1; m <= STATEMENT_MONTHS; m++) {
      const start = monthStart(at, m);
      const end = new Date(monthStart(at, m - 1).getTime() - DAY_MS);
      const period = dayOf(start.getTime()).slice(0, 7);
      const guid = stableGuid('STA', ctx.seed, a.guid, period);
      out.push(
        known.get(guid) ?? {
          guid,
          account_guid: a.guid,
          member_guid: a.member_guid,
          user_guid: a.user_guid,
          period_start: dayOf(start.getTime()),
          period_end: dayOf(end.getTime()),
          created_at: at,
          updated_at: at,
        },
      );
    }
  }
  return out;
}

export function newRewards(ctx: JobContext, accounts: AccountRecord[], at: number, old: RewardRecord[] | null) {
  const known = new Map((old ?? []).map((r) => [r.guid, r]));
  const out: RewardRecord[] = [];
  for (const a of accounts.filter((x) => x.type === 'CREDIT_CARD')) {
    const d = new Draws(streamKey(ctx.seed, a.guid, 'rewards', Math.floor(at / DAY_MS)), 0);
    const points = {
      guid: stableGuid('RWD', ctx.seed, a.guid, 'points'),
      balance_type: 'BALANCE' as const,
      unit_type: 'POINTS' as const,
      description: `${a.name} rewards points`,
      balance: d.int(1_000, 90_000),
      expires_on: dayOf(monthStart(at, -24).getTime() - DAY_MS),
    };
    const expiring = {
      guid: stableGuid('RWD', ctx.seed, a.guid, 'expiring'),
      balance_type: 'EXPIRING_BALANCE' as const,
      unit_type: 'POINTS' as const,
      description: `${a.name} points expiring soon`,
      balance: d.int(100, 5_000),
      expires_on: dayOf(monthStart(at, -3).getTime() - DAY_MS),
    };
    for (const r of [points, expiring]) {
      const before = known.get(r.guid);
      out.push({
        ...r,
        account_guid: a.guid,
        member_guid: a.member_guid,
        user_guid: a.user_guid,
        created_at: before?.created_at ?? at,
        updated_at: at,
      });
    }
  }
  return out;
}
