// Processor tokens: a client asks for an authorization code scoped to one verified account, a processor
// exchanges it (once, before it expires) for an access token, and reads that account with the token.
// Lifetimes run on the client's clock; a scenario's `processor_tokens:` rules shorten, revoke or fail
// them. See docs/payments.md.
import type { ScenarioProcessorRule } from '../../scenarios/processor-tokens.js';
import { isoTime } from '../clock.js';
import { errors, MxError } from '../errors.js';
import { stableGuid } from '../generators/ids.js';
import type { AccountRecord, NumberRecord } from '../generators/records.js';
import type { MemberRecord } from '../store/members.js';
import {
  type AccessTokenRecord,
  type AuthorizationCodeRecord,
  hashSecret,
  mintSecret,
  type ProcessorScope,
} from '../store/processor.js';
import type { Tenant } from '../store/tenant.js';
import type { UserRecord } from '../store/users.js';
import { requireProduct } from './products.js';

const DAY_MS = 86_400_000;
/** MX is silent on how long a code lasts; ten minutes, like its widget URLs. */
export const CODE_TTL_MS = 10 * 60_000;
/** MX's processor guide: every access token expires after 60 days. */
export const TOKEN_TTL_MS = 60 * DAY_MS;
/** The one feature a scope grants (MX's examples); the processor's reads need it. */
export const READ_PROTECTED = 'read-protected';

const SCOPE_KEYS = { 'user-guid': 'user_guid', 'member-guid': 'member_guid', 'account-guid': 'account_guid' } as const;
const SCOPE_EXAMPLE = 'user-guid:USR-… member-guid:MBR-… account-guid:ACT-… read-protected';

/** `user-guid:USR-… member-guid:MBR-… account-guid:ACT-… read-protected` → the scope (400 naming what to fix). */
export function parseScope(scope: string | null | undefined): ProcessorScope {
  const bad = (why: string) => errors.validation(`authorization_code.scope: ${why}; write '${SCOPE_EXAMPLE}'`);
  if (typeof scope !== 'string' || scope.trim() === '') throw bad('missing');
  const out: Partial<ProcessorScope> = {};
  let features = 0;
  for (const part of scope.trim().split(/\s+/)) {
    if (part === READ_PROTECTED) {
      features++;
      continue;
    }
    const colon = part.indexOf(':');
    const key = SCOPE_KEYS[part.slice(0, colon) as keyof typeof SCOPE_KEYS];
    if (colon <= 0 || !key) {
      throw bad(
        `'${part}' is neither a guid (user-guid:, member-guid:, account-guid:) nor the feature ${READ_PROTECTED}`,
      );
    }
    if (out[key] !== undefined) throw bad(`${part.slice(0, colon)} is given twice`);
    const value = part.slice(colon + 1);
    if (!value) throw bad(`${part.slice(0, colon)} has no guid`);
    out[key] = value;
  }
  for (const [name, key] of Object.entries(SCOPE_KEYS)) if (out[key] === undefined) throw bad(`${name} is missing`);
  if (features === 0) throw bad(`the feature ${READ_PROTECTED} is missing`);
  return out as ProcessorScope;
}

export const scopeText = (s: ProcessorScope) =>
  `user-guid:${s.user_guid} member-guid:${s.member_guid} account-guid:${s.account_guid} ${READ_PROTECTED}`;

/** What a scope names, found in the tenant (404 when something is gone). */
export interface ScopedAccount {
  user: UserRecord;
  member: MemberRecord;
  account: AccountRecord;
  numbers: NumberRecord | undefined;
}

function resolve(tenant: Tenant, s: ProcessorScope): ScopedAccount {
  const user = tenant.users.find(s.user_guid);
  if (!user || user.guid !== s.user_guid) throw errors.notFound('user', s.user_guid);
  const member = tenant.members.find(user.guid, s.member_guid);
  if (!member || member.guid !== s.member_guid) throw errors.notFound('member', s.member_guid);
  const account = member.data?.accounts.find((a) => a.guid === s.account_guid);
  if (!account) throw errors.notFound('account', s.account_guid);
  const numbers = member.data?.numbers?.find((n) => n.account_guid === account.guid);
  return { user, member, account, numbers };
}

/** The first `processor_tokens:` rule whose match fits the scope (guid or id of each). */
function ruleFor(tenant: Tenant, found: ScopedAccount): ScenarioProcessorRule | undefined {
  const is = (want: string | undefined, r: { guid: string; id: string | null }) =>
    want === undefined || want === r.guid || want === r.id;
  return tenant.world.processorTokens?.rules?.find(
    (r) => is(r.match?.user, found.user) && is(r.match?.member, found.member) && is(r.match?.account, found.account),
  );
}

const failure = (f: { status: number; message?: string | undefined }, what: string) =>
  new MxError(
    f.status as MxError['status'],
    f.message ?? `${what} failed, as the scenario's processor_tokens rule says`,
    'processor_token_fault',
  );

/**
 * `POST /authorization_code`: a single-use code for one account of a CONNECTED member whose verify job has
 * gathered the account's numbers. 403 when account_verification is not enabled, 404 for what does not
 * exist, 405 for a member or account not (yet) verified.
 */
export function issueCode(tenant: Tenant, scope: ProcessorScope): string {
  const found = resolve(tenant, scope);
  const { member, account } = found;
  requireProduct(tenant, 'account_verification', 'requesting a processor authorization code');
  const status = member.state.connection_status;
  if (status !== 'CONNECTED') {
    throw errors.constraintNotMet(
      `member ${member.guid} is ${status ?? 'not connected'}; a processor authorization code needs a CONNECTED, ` +
        'verified member: wait until the member is CONNECTED, then run a verify job (POST …/verify)',
      'member_not_connected',
      'POST',
    );
  }
  if (!member.state.has_processed_account_numbers || !member.data?.numbers) {
    throw errors.constraintNotMet(
      `member ${member.guid} has not been verified; run a verify job (POST /users/{user}/members/{member}/verify, ` +
        'or account_verification in data_request) and wait for it to finish before asking for a code',
      'member_not_verified',
      'POST',
    );
  }
  if (!found.numbers) {
    throw errors.constraintNotMet(
      `account ${account.guid} (${account.type}) has no verified account numbers; only the accounts listed by ` +
        'GET …/account_numbers (checking and savings) can be given to a processor',
      'account_not_verified',
      'POST',
    );
  }
  const now = tenant.clock.now();
  const code = mintSecret(tenant.clientId, tenant.guids.next('PPC'));
  const ttl = tenant.world.processorTokens?.code_ttl_ms ?? CODE_TTL_MS;
  tenant.processor.addCode({ ...scope, hash: hashSecret(code), issued_at: now, expires_at: now + ttl, used_at: null });
  return code;
}

/** The processor's stable guid (PPR-…) for the client_id it authenticates with. */
export const processorGuid = (processorId: string) => stableGuid('PPR', 'payment processor', processorId);

export interface TokenAnswer {
  access_token: string;
  expires_at: null;
  scope: string;
  token_type: 'Bearer';
}

const invalidGrant = (why: string) =>
  errors.badRequest(`code ${why}; ask the client for a new code (POST /authorization_code)`, 'invalid_grant');

/**
 * `POST /token?grant_type=authorization_code&code=…` by a processor: the code (single use, not expired)
 * for an access token to its account. 400 in OAuth 2's terms (invalid_request, unsupported_grant_type,
 * invalid_grant) otherwise.
 */
export function exchangeCode(
  tenant: Tenant,
  q: { grant_type?: string | undefined; code?: string | undefined },
  processorId: string,
): TokenAnswer {
  if (q.grant_type !== 'authorization_code') {
    throw errors.badRequest(
      `grant_type: expected 'authorization_code', got ${q.grant_type === undefined ? 'none' : `'${q.grant_type}'`}`,
      'unsupported_grant_type',
    );
  }
  if (!q.code) throw errors.badRequest('code: missing; send ?grant_type=authorization_code&code=…', 'invalid_request');
  const code: AuthorizationCodeRecord | undefined = tenant.processor.codeByHash(hashSecret(q.code));
  if (!code) throw invalidGrant('is not one this simulator issued (or its world was reset)');
  const now = tenant.clock.now();
  if (code.used_at !== null)
    throw invalidGrant(`was already exchanged at ${isoTime(code.used_at)}: codes are single use`);
  if (now >= code.expires_at) throw invalidGrant(`expired at ${isoTime(code.expires_at)}`);
  let found: ScopedAccount;
  try {
    found = resolve(tenant, code);
  } catch {
    throw invalidGrant(`was for account ${code.account_guid}, which no longer exists`);
  }
  const rule = ruleFor(tenant, found);
  if (rule?.fail_exchange) throw failure(rule.fail_exchange, 'exchanging this code');
  code.used_at = now;
  const token = mintSecret(tenant.clientId, tenant.guids.next('PPT'));
  const ttl = rule?.expire_after_ms ?? tenant.world.processorTokens?.token_ttl_ms ?? TOKEN_TTL_MS;
  const scope: ProcessorScope = {
    user_guid: code.user_guid,
    member_guid: code.member_guid,
    account_guid: code.account_guid,
  };
  tenant.processor.addToken({
    ...scope,
    hash: hashSecret(token),
    prefix: token.slice(0, 5),
    payment_processor_guid: processorGuid(processorId),
    issued_at: now,
    expires_at: now + ttl,
    revoked_at: rule?.revoke_after_ms === undefined ? null : now + rule.revoke_after_ms,
  });
  return { access_token: token, expires_at: null, scope: scopeText(scope), token_type: 'Bearer' };
}

/** Whether a token still works at `now` (not expired, not revoked). */
export const isActive = (t: AccessTokenRecord, now: number) =>
  now < t.expires_at && (t.revoked_at === null || now < t.revoked_at);

/** The processor's reads: the only paths an access token opens (in v20250224 form; v20111101 has the same). */
export const PROCESSOR_READ_PATHS = {
  accountNumbers: '/account/account_numbers',
  checkBalance: '/account/check_balance',
  paymentAccount: '/payment_account',
  owners: '/account/transactions',
} as const;
const READ_PATHS: ReadonlySet<string> = new Set(Object.values(PROCESSOR_READ_PATHS));
export const isProcessorRead = (path: string) => READ_PATHS.has(path);

const BEARER_HINT = "send 'Authorization: Bearer <access_token>' (POST /token gives a processor one)";

export function bearerToken(header: string | undefined): string | undefined {
  const m = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? (m[1] as string) : undefined;
}

const tokenError = (message: string, type: string) =>
  new MxError(401, message, type, { 'WWW-Authenticate': `Bearer realm="mx-sim", error="invalid_token"` });

/** 401 for a Bearer token no client's world holds. */
export const unknownToken = () => tokenError(`Unknown access token: ${BEARER_HINT}`, 'invalid_token');

/**
 * A processor's read: the token in the Authorization header → the one account it gives access to. 401
 * without a bearer token, or with one that is unknown, expired or revoked; a scenario rule's error.
 */
export function tokenAccount(tenant: Tenant, header: string | undefined): ScopedAccount & { token: AccessTokenRecord } {
  const plain = bearerToken(header);
  if (plain === undefined) throw tokenError(`This endpoint is for processors: ${BEARER_HINT}`, 'unauthorized');
  const token = tenant.processor.tokenByHash(hashSecret(plain));
  if (!token) throw unknownToken();
  const now = tenant.clock.now();
  if (token.revoked_at !== null && now >= token.revoked_at) {
    throw tokenError(
      `The access token was revoked at ${isoTime(token.revoked_at)}; ask the client for a new authorization code`,
      'token_revoked',
    );
  }
  if (now >= token.expires_at) {
    throw tokenError(
      `The access token expired at ${isoTime(token.expires_at)}; ask the client for a new authorization code`,
      'token_expired',
    );
  }
  const found = resolve(tenant, token);
  const rule = ruleFor(tenant, found);
  if (rule?.fail_reads) throw failure(rule.fail_reads, 'reading with this token');
  return { ...found, token };
}

/**
 * `GET /tokens`: the client's tokens for a user, member or account (every filter given must match); the
 * tokens of a deleted member are gone with it.
 */
export function listTokens(tenant: Tenant, filter: Partial<ProcessorScope>): AccessTokenRecord[] {
  return tenant.processor
    .tokens()
    .filter(
      (t) =>
        tenant.members.byGuid(t.member_guid) !== undefined &&
        (filter.user_guid === undefined || t.user_guid === filter.user_guid) &&
        (filter.member_guid === undefined || t.member_guid === filter.member_guid) &&
        (filter.account_guid === undefined || t.account_guid === filter.account_guid),
    );
}
