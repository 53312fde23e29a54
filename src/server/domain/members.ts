// Members: MX's rules for creating (credentials, products, OAuth, duplicates, ids), updating and
// deleting a member, and the one way a member record is built (the API and scenario presets use it).
// See docs/mx-behaviour.md#creating-members.
import { normalizeProduct, type Product } from '../../mx/products.js';
import { initialLifecycle, type Lifecycle } from '../engine/lifecycle.js';
import { errors } from '../errors.js';
import type { InstitutionRecord } from '../generators/institution.js';
import type { MemberCredential, MemberRecord, OAuthRequest } from '../store/members.js';
import type { OAuthSessions } from '../store/oauth.js';
import type { Tenant } from '../store/tenant.js';
import type { UserRecord } from '../store/users.js';
import { type RequestOrigin, startMemberJob } from './jobs.js';
import { checkRedirectUrl, issueOAuthUri } from './oauth.js';
import { requireProduct } from './products.js';

/** What `data_request.products` means when a create gives none. */
export const DEFAULT_PRODUCTS: readonly Product[] = ['transactions'];

/** The institution of a member's code, or MX's 404. */
export function institutionOf(tenant: Tenant, code: string): InstitutionRecord {
  const inst = tenant.institutions.byCode(code);
  if (!inst) throw errors.notFound('institution', code);
  return inst;
}

/** Credentials for `inst`: every guid one of its fields, every field given a value (MX's 400 otherwise). */
export function checkCredentials(
  inst: InstitutionRecord,
  given: readonly MemberCredential[],
  field: string,
): MemberCredential[] {
  const known = new Set(inst.credentials.map((c) => c.guid));
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

/**
 * The products asked for, normalised and deduplicated, split into those `inst` supports and those it
 * does not (no products given: the default).
 */
export function splitProducts(
  inst: InstitutionRecord,
  values: readonly string[] | undefined,
): { supported: Product[]; unsupported: string[] } {
  if (!values) return { supported: [...DEFAULT_PRODUCTS], unsupported: [] };
  const products = [...new Set(values.map((v) => normalizeProduct(v) ?? v))];
  const isSupported = (p: string): p is Product => (inst.supported_products as readonly string[]).includes(p);
  return { supported: products.filter(isSupported), unsupported: products.filter((p) => !isSupported(p)) };
}

/** The products asked for, normalised and deduplicated; what `inst` does not support is refused (scenario presets). */
export function checkProducts(
  inst: InstitutionRecord,
  values: readonly string[] | undefined,
  field: string,
): Product[] {
  const { supported: products, unsupported } = splitProducts(inst, values);
  if (unsupported.length) {
    throw errors.badRequest(
      `${field}: ${inst.code} does not support ${unsupported.join(', ')} (it supports ${inst.supported_products.join(', ')})`,
      'unsupported_product',
    );
  }
  return products;
}

function sameCredentials(a: readonly MemberCredential[], b: readonly MemberCredential[]): boolean {
  return a.length === b.length && a.every((x) => b.some((y) => y.guid === x.guid && y.value === x.value));
}

/** The user's member that connects to this institution with exactly these credentials, if any. */
export function duplicateMember(
  tenant: Tenant,
  user: UserRecord,
  institutionCode: string,
  credentials: readonly MemberCredential[],
): MemberRecord | undefined {
  return tenant.members
    .forUser(user.guid)
    .find((x) => x.institution_code === institutionCode && sameCredentials(x.credentials, credentials));
}

/** MX's duplicate rule as we apply it: same user, institution and every credential value (see the docs). */
function assertNotDuplicate(
  tenant: Tenant,
  user: UserRecord,
  inst: InstitutionRecord,
  credentials: MemberCredential[],
) {
  const duplicate = duplicateMember(tenant, user, inst.code, credentials);
  if (duplicate) {
    throw errors.conflict(
      `member ${duplicate.guid} already connects this user to ${inst.code} with these credentials; update it instead`,
      'duplicate_member',
    );
  }
}

export interface MemberFields {
  guid?: string | undefined;
  id?: string | null | undefined;
  metadata?: string | null | undefined;
  is_oauth: boolean;
  background_aggregation_is_disabled?: boolean | undefined;
  use_cases?: Array<'MONEY_MOVEMENT' | 'PFM'> | undefined;
  products: Product[];
  credentials: MemberCredential[];
  oauth?: OAuthRequest | undefined;
  state?: Lifecycle | undefined;
}

/** The one way a member record is made and stored (its credentials and products already checked). */
export function insertMember(
  tenant: Tenant,
  user: UserRecord,
  inst: InstitutionRecord,
  f: MemberFields,
  now: number,
): MemberRecord {
  const member: MemberRecord = {
    guid: f.guid ?? tenant.guids.next('MBR'),
    id: f.id ?? null,
    user_guid: user.guid,
    institution_code: inst.code,
    institution_guid: inst.guid,
    name: inst.name,
    metadata: f.metadata ?? null,
    is_oauth: f.is_oauth,
    background_aggregation_is_disabled: f.background_aggregation_is_disabled ?? false,
    use_cases: f.use_cases ?? [],
    products: f.products,
    credentials: f.is_oauth ? [] : f.credentials,
    oauth: f.is_oauth
      ? (f.oauth ?? { client_redirect_url: null, referral_source: null, skip_aggregation: false })
      : null,
    oauth_window_uri: null,
    state: f.state ?? initialLifecycle(),
    data: null,
    next_background_at: null,
    created_at_ms: now,
  };
  return tenant.members.insert(member);
}

export interface NewMember {
  institution_code: string;
  id?: string | undefined;
  metadata?: string | undefined;
  is_oauth?: boolean | undefined;
  skip_aggregation?: boolean | undefined;
  background_aggregation_is_disabled?: boolean | undefined;
  use_cases?: Array<'MONEY_MOVEMENT' | 'PFM'> | undefined;
  credentials?: MemberCredential[] | undefined;
  products?: string[] | undefined;
  client_redirect_url?: string | undefined;
  referral_source?: string | undefined;
}

/**
 * What create member did: the member, whether a job started, and the products of `data_request` the
 * institution cannot gather (MX answers 201 when there are any: the member exists all the same).
 */
export interface CreatedMember {
  member: MemberRecord;
  started: boolean;
  unsupported: string[];
}

/** The error object a 201 carries next to the member: which products could not be gathered, and why. */
export function unsupportedProductsError(member: MemberRecord, inst: InstitutionRecord, unsupported: string[]) {
  return {
    message:
      `data_request.products: ${inst.code} does not support ${unsupported.join(', ')} (it supports ` +
      `${inst.supported_products.join(', ')}); member ${member.guid} was created without ` +
      `${unsupported.length === 1 ? 'it' : 'them'}. Ask for supported products only, or use another institution.`,
    status: 'bad_request',
    type: 'unsupported_product',
  };
}

/**
 * Creates a member as `POST /users/{user}/members` does. A credential member starts aggregating (CREATED)
 * unless `skip_aggregation` (which only v20111101 honours: its caller passes it); an OAuth member waits in
 * PENDING for the user at its OAuth window (under `base`, the simulator's public URL). Products the
 * institution does not support are left out and reported (MX's 201), not refused.
 */
export function createMember(
  tenant: Tenant,
  user: UserRecord,
  m: NewMember,
  window: { sessions: OAuthSessions; base: string },
  origin: RequestOrigin = {},
): CreatedMember {
  const inst = institutionOf(tenant, m.institution_code);
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
  const { supported: products, unsupported } = splitProducts(inst, m.products);
  for (const p of products) requireProduct(tenant, p, `creating a member with ${p} in data_request.products`);
  checkRedirectUrl(m.client_redirect_url);
  tenant.members.assertIdFree(user.guid, m.id ?? null);
  if (!isOAuth) assertNotDuplicate(tenant, user, inst, credentials);
  const now = tenant.clock.now();
  const member = insertMember(
    tenant,
    user,
    inst,
    {
      id: m.id,
      metadata: m.metadata,
      is_oauth: isOAuth,
      background_aggregation_is_disabled: m.background_aggregation_is_disabled,
      use_cases: m.use_cases,
      products,
      credentials,
      oauth: {
        client_redirect_url: m.client_redirect_url ?? null,
        referral_source: m.referral_source ?? null,
        skip_aggregation: m.skip_aggregation ?? false,
      },
    },
    now,
  );
  if (origin.version) member.created_version = origin.version;
  const announce = () =>
    tenant.events.emit({
      kind: 'member_changed',
      action: 'created',
      member,
      at: now,
      callback_payload: origin.callback_payload,
    });
  if (isOAuth) {
    member.state = { ...member.state, connection_status: 'PENDING' };
    issueOAuthUri(tenant, window.sessions, window.base, member);
    announce();
    return { member, started: false, unsupported };
  }
  if (m.skip_aggregation) {
    announce();
    return { member, started: false, unsupported };
  }
  startMemberJob(member, tenant, 'aggregate', now, { status: 'CREATED', callback_payload: origin.callback_payload });
  announce();
  return { member, started: true, unsupported };
}

export interface MemberChanges {
  id?: string | null | undefined;
  metadata?: string | null | undefined;
  background_aggregation_is_disabled?: boolean | undefined;
  use_cases?: Array<'MONEY_MOVEMENT' | 'PFM'> | undefined;
  credentials?: MemberCredential[] | undefined;
  skip_aggregation?: boolean | undefined;
}

/**
 * `PUT` a member: new credentials clear `needs_updated_credentials` and start an aggregation (UPDATED).
 * The count of failed logins in a row is kept: it is the job's verdict on the new credentials that
 * resets it (a success) or makes the third failure in a row PREVENTED.
 */
export function updateMember(
  tenant: Tenant,
  user: UserRecord,
  member: MemberRecord,
  changes: MemberChanges,
  origin: RequestOrigin = {},
): void {
  const inst = institutionOf(tenant, member.institution_code);
  const credentials = changes.credentials
    ? checkCredentials(inst, changes.credentials, 'member.credentials')
    : undefined;
  if (changes.id !== undefined) {
    tenant.members.assertIdFree(user.guid, changes.id, member);
    member.id = changes.id;
  }
  if (changes.metadata !== undefined) member.metadata = changes.metadata;
  if (changes.background_aggregation_is_disabled !== undefined)
    member.background_aggregation_is_disabled = changes.background_aggregation_is_disabled;
  if (changes.use_cases !== undefined) member.use_cases = changes.use_cases;
  const now = tenant.clock.now();
  if (credentials) {
    member.credentials = credentials;
    delete member.data_profile;
    member.state = { ...member.state, needs_updated_credentials: false, job: null, challenges: [] };
    if (!changes.skip_aggregation) {
      startMemberJob(member, tenant, 'aggregate', now, {
        status: 'UPDATED',
        callback_payload: origin.callback_payload,
      });
    }
  }
  tenant.events.emit({
    kind: 'member_changed',
    action: 'updated',
    member,
    at: now,
    callback_payload: origin.callback_payload,
  });
}

/** `DELETE` a member: it goes with its data; the MEMBER webhook shows it as it was. */
export function deleteMember(tenant: Tenant, member: MemberRecord): void {
  const at = tenant.clock.now();
  // What the user made of its accounts goes with them (edits, merges, manual transactions moved onto them).
  tenant.manual.forgetAccounts(
    member.user_guid,
    (member.data?.accounts ?? []).map((a) => a.guid),
  );
  tenant.members.delete(member);
  tenant.events.emit({ kind: 'member_changed', action: 'deleted', member, at });
}

/** The institution's credential fields the member has values for (never the values). */
export function credentialFieldsOf(tenant: Tenant, member: MemberRecord) {
  const inst = institutionOf(tenant, member.institution_code);
  return inst.credentials.filter((f) => member.credentials.some((x) => x.guid === f.guid));
}
