// Members: create (with MX's validation and 409s), read, list, update, delete, status, challenges,
// resume, aggregate, credentials and the OAuth window URI. The route table is in member-routes.ts.
import type { Context } from 'hono';
import { normalizeProduct, type Product } from '../../mx/products.js';
import type { ConnectionStatus } from '../../mx/statuses.js';
import { memberOf, membersOf, userOf } from '../domain/lookup.js';
import { startMemberJob } from '../domain/settle.js';
import { initialLifecycle, type JobGather, type JobType, judge, resume } from '../engine/lifecycle.js';
import { SCRIPTED_INSTITUTIONS } from '../engine/outcomes.js';
import { errors } from '../errors.js';
import { productForJob } from '../generators/apply-job.js';
import type { InstitutionRecord } from '../generators/institution.js';
import type { VersionLayer } from '../layers/layer.js';
import { paginate } from '../pagination.js';
import type { MemberCredential, MemberRecord } from '../store/members.js';
import type { Tenant } from '../store/tenant.js';
import type { RouteDeps, VersionApi, VersionEnv } from './context.js';
import { JOB_ENDPOINTS, jobRoute, memberRoutes } from './member-routes.js';

/** Path parameters of a member route, in either version's names. */
type MemberParams = Record<string, string>;

const THROTTLE_MS = 3 * 3_600_000;
const DEFAULT_PRODUCTS: Product[] = ['transactions'];

/** Validates credentials against the institution: known guids, every required field has a value. */
function checkCredentials(
  inst: InstitutionRecord,
  given: readonly MemberCredential[],
  field: string,
): MemberCredential[] {
  const known = new Map(inst.credentials.map((c) => [c.guid, c]));
  given.forEach((c, i) => {
    if (!known.has(c.guid)) {
      throw errors.badRequest(
        `${field}[${i}].guid: ${c.guid} is not a credential of institution ${inst.code}; list them with GET /institutions/${inst.code}/credentials`,
        'invalid_credentials',
      );
    }
  });
  for (const required of inst.credentials) {
    const value = given.find((c) => c.guid === required.guid)?.value;
    if (!value) {
      throw errors.badRequest(
        `${field}: missing value for ${required.field_name} (guid ${required.guid})`,
        'invalid_credentials',
      );
    }
  }
  return given.map((c) => ({ guid: c.guid, value: c.value }));
}

function parseProducts(values: string[] | undefined, inst: InstitutionRecord): Product[] {
  if (!values) return DEFAULT_PRODUCTS;
  const products = values.map((v) => normalizeProduct(v) as Product);
  const unsupported = products.filter((p) => !inst.supported_products.includes(p));
  if (unsupported.length) {
    throw errors.badRequest(
      `data_request.products: ${inst.code} does not support ${unsupported.join(', ')}`,
      'unsupported_product',
    );
  }
  return [...new Set(products)];
}

function sameCredentials(a: readonly MemberCredential[], b: readonly MemberCredential[]): boolean {
  return a.length === b.length && a.every((x) => b.some((y) => y.guid === x.guid && y.value === x.value));
}

function loadMember(c: Context<VersionEnv>, params: MemberParams) {
  const tenant = c.env.tenant;
  const user = userOf(tenant, params);
  const member = memberOf(tenant, user, params);
  return { tenant, user, member, now: tenant.clock.now() };
}

/** Starts a job of `type`, or says why not (MX's 202-without-job and 409 rules). */
/** v20111101's aggregate takes include_transactions / include_holdings (`false` leaves that data as it was). */
function gatherOf(c: Context<VersionEnv>, v: VersionLayer): JobGather | undefined {
  if (!('include_transactions' in v.aggregateQuery)) return undefined;
  const off = (name: string) => c.req.query(name)?.toLowerCase() === 'false';
  if (!off('include_transactions') && !off('include_holdings')) return undefined;
  return { transactions: !off('include_transactions'), holdings: !off('include_holdings') };
}

function requestJob(tenant: Tenant, member: MemberRecord, type: JobType, now: number, gather?: JobGather): boolean {
  const running = member.state.job;
  if (running) {
    if (running.type === type) return false;
    throw errors.conflict(
      `member ${member.guid} is already running a ${running.type} job; wait until is_being_aggregated is false`,
      'job_in_progress',
    );
  }
  const exempt = (SCRIPTED_INSTITUTIONS as readonly string[]).includes(member.institution_code);
  if (
    type === 'aggregate' &&
    !exempt &&
    member.state.aggregated_at !== null &&
    now - member.state.aggregated_at < THROTTLE_MS
  ) {
    return false;
  }
  startMemberJob(member, tenant, type, now, gather ? { gather } : {});
  return true;
}

function issueOAuthUri(c: Context<VersionEnv>, deps: RouteDeps, member: MemberRecord): string {
  const origin = new URL(c.req.url).origin;
  const token = c.env.tenant.guids.next('OAUTH').slice(6).replace(/-/g, '');
  member.oauth_window_uri = deps.oauth.issue(origin, token, {
    clientId: c.env.tenant.clientId,
    userGuid: member.user_guid,
    memberGuid: member.guid,
  });
  return member.oauth_window_uri;
}

export function registerMemberRoutes(api: VersionApi, deps: RouteDeps, v: VersionLayer): void {
  const routes = memberRoutes(v);
  const present = v.present;
  api.openapi(routes.create, (c) => {
    const tenant = c.env.tenant;
    const user = userOf(tenant, c.req.valid('param'));
    const input = c.req.valid('json');
    const m = input.member;
    const inst = tenant.institutions.byCode(m.institution_code);
    if (!inst) throw errors.notFound('institution', m.institution_code);
    const isOAuth = m.is_oauth ?? false;
    if (isOAuth && !inst.supports_oauth) {
      throw errors.badRequest(
        `member.is_oauth: institution ${inst.code} does not support OAuth; create the member with credentials`,
        'oauth_not_supported',
      );
    }
    if (!isOAuth && !m.credentials) {
      throw errors.validation(
        `member.credentials: is required (an array of {guid, value}) unless member.is_oauth is true`,
      );
    }
    const credentials = isOAuth ? [] : checkCredentials(inst, m.credentials ?? [], 'member.credentials');
    const products = parseProducts(input.data_request?.products, inst);
    tenant.members.assertIdFree(user.guid, m.id ?? null);
    const duplicate = isOAuth
      ? undefined
      : tenant.members
          .forUser(user.guid)
          .find((x) => x.institution_code === inst.code && sameCredentials(x.credentials, credentials));
    if (duplicate) {
      throw errors.conflict(
        `member ${duplicate.guid} already connects this user to ${inst.code} with these credentials; update it instead`,
        'duplicate_member',
      );
    }
    const now = tenant.clock.now();
    const member: MemberRecord = {
      guid: tenant.guids.next('MBR'),
      id: m.id ?? null,
      user_guid: user.guid,
      institution_code: inst.code,
      institution_guid: inst.guid,
      name: inst.name,
      metadata: m.metadata ?? null,
      is_oauth: isOAuth,
      background_aggregation_is_disabled: m.background_aggregation_is_disabled ?? false,
      use_cases: m.use_cases ?? [],
      products,
      credentials,
      oauth: isOAuth
        ? {
            client_redirect_url: input.client_redirect_url ?? null,
            referral_source: input.referral_source ?? null,
            skip_aggregation: m.skip_aggregation ?? false,
          }
        : null,
      oauth_window_uri: null,
      state: initialLifecycle(),
      data: null,
      next_background_at: null,
      created_at_ms: now,
    };
    tenant.members.insert(member);
    if (isOAuth) {
      member.state = { ...member.state, connection_status: 'PENDING' };
      issueOAuthUri(c, deps, member);
      return c.json({ member: present.member(member, user) }, 200);
    }
    if (m.skip_aggregation) return c.json({ member: present.member(member, user) }, 200);
    startMemberJob(member, tenant, 'aggregate', now, { status: 'CREATED' });
    return c.json({ member: present.member(member, user) }, 202);
  });

  api.openapi(routes.list, (c) => {
    const tenant = c.env.tenant;
    const user = userOf(tenant, c.req.valid('param'));
    const q = c.req.valid('query');
    const { items, pagination } = paginate(membersOf(tenant, user, q.use_case), q, 1000);
    return c.json({ members: items.map((m) => present.member(m, user)), pagination }, 200);
  });

  api.openapi(routes.read, (c) => {
    const { user, member } = loadMember(c, c.req.valid('param'));
    return c.json({ member: present.member(member, user) }, 200);
  });

  api.openapi(routes.update, (c) => {
    const { tenant, user, member, now } = loadMember(c, c.req.valid('param'));
    const changes = c.req.valid('json').member;
    const inst = tenant.institutions.byCode(member.institution_code) as InstitutionRecord;
    const credentials = changes.credentials
      ? checkCredentials(inst, changes.credentials, 'member.credentials')
      : undefined;
    if (changes.id !== undefined) tenant.members.assertIdFree(user.guid, changes.id, member);
    if (changes.id !== undefined) member.id = changes.id;
    if (changes.metadata !== undefined) member.metadata = changes.metadata;
    if (changes.background_aggregation_is_disabled !== undefined)
      member.background_aggregation_is_disabled = changes.background_aggregation_is_disabled;
    if (changes.use_cases !== undefined) member.use_cases = changes.use_cases;
    if (credentials) {
      member.credentials = credentials;
      member.state = { ...member.state, needs_updated_credentials: false, failed_logins: 0, job: null, challenges: [] };
      if (!changes.skip_aggregation) {
        startMemberJob(member, tenant, 'aggregate', now, { status: 'UPDATED' });
      }
    }
    return c.json({ member: present.member(member, user) }, 200);
  });

  api.openapi(routes.remove, (c) => {
    const { tenant, member } = loadMember(c, c.req.valid('param'));
    tenant.members.delete(member);
    return c.body(null, 204);
  });

  api.openapi(routes.status, (c) => {
    const { member } = loadMember(c, c.req.valid('param'));
    return c.json({ member: present.memberStatus(member) }, 200);
  });

  api.openapi(routes.challenges, (c) => {
    const { member } = loadMember(c, c.req.valid('param'));
    if (member.state.connection_status !== 'CHALLENGED') return c.body(null, 204);
    const { items, pagination } = paginate(member.state.challenges, c.req.valid('query'), 1000);
    return c.json({ challenges: items.map(present.challenge), pagination }, 200);
  });

  api.openapi(routes.resume, (c) => {
    const { user, member, now } = loadMember(c, c.req.valid('param'));
    const status: ConnectionStatus | null = member.state.connection_status;
    if (status !== 'CHALLENGED' || !member.state.job) {
      throw errors.conflict(
        `member ${member.guid} is ${status ?? 'not connected'}, not CHALLENGED: there is no challenge to answer`,
        'not_challenged',
      );
    }
    const answers = c.req.valid('json').member.challenges;
    const pending = member.state.challenges;
    answers.forEach((a, i) => {
      if (!pending.some((p) => p.guid === a.guid)) {
        throw errors.badRequest(
          `member.challenges[${i}].guid: ${a.guid} is not a current challenge of member ${member.guid}`,
          'invalid_challenge',
        );
      }
    });
    const missing = pending.find((p) => !answers.some((a) => a.guid === p.guid));
    if (missing)
      throw errors.badRequest(
        `member.challenges: missing an answer for challenge ${missing.guid} (${missing.label})`,
        'invalid_challenge',
      );
    const verdict = judge(
      member.state.job,
      answers.map((a) => a.value),
    );
    member.state = resume(member.state, verdict, now, c.env.tenant.timing);
    return c.json({ member: present.member(member, user) }, 202);
  });

  for (const j of JOB_ENDPOINTS) {
    api.openapi(jobRoute(v, j), (c) => {
      const { tenant, user, member, now } = loadMember(c, c.req.param());
      if (member.is_oauth && member.state.connection_status === 'PENDING') {
        throw errors.conflict(
          `member ${member.guid} is waiting for the user to finish OAuth at its oauth_window_uri`,
          'oauth_pending',
        );
      }
      const product = productForJob(j.type);
      const inst = tenant.institutions.byCode(member.institution_code) as InstitutionRecord;
      if (product && !inst.supported_products.includes(product)) {
        throw errors.badRequest(
          `${j.path}: institution ${inst.code} does not support ${product} (see its supported_products)`,
          'unsupported_product',
        );
      }
      requestJob(tenant, member, j.type, now, j.type === 'aggregate' ? gatherOf(c, v) : undefined);
      return c.json({ member: present.member(member, user) }, j.status as 200);
    });
  }

  api.openapi(routes.credentials, (c) => {
    const { tenant, member } = loadMember(c, c.req.valid('param'));
    const inst = tenant.institutions.byCode(member.institution_code) as InstitutionRecord;
    const given = inst.credentials.filter((f) => member.credentials.some((x) => x.guid === f.guid));
    const { items, pagination } = paginate(given, c.req.valid('query'), 1000);
    return c.json({ credentials: items.map(present.credential), pagination }, 200);
  });

  api.openapi(routes.oauthWindow, (c) => {
    const { member } = loadMember(c, c.req.valid('param'));
    if (!member.is_oauth || !member.oauth) {
      throw errors.badRequest(
        `member ${member.guid} is not an OAuth member (created without is_oauth: true)`,
        'not_oauth',
      );
    }
    const q = c.req.valid('query');
    if (q.client_redirect_url !== undefined) member.oauth.client_redirect_url = q.client_redirect_url;
    if (q.skip_aggregation !== undefined) member.oauth.skip_aggregation = q.skip_aggregation;
    if (q.referral_source !== undefined) member.oauth.referral_source = q.referral_source;
    const uri = issueOAuthUri(c, deps, member);
    return c.json({ member: { guid: member.guid, oauth_window_uri: uri } }, 200);
  });
}
