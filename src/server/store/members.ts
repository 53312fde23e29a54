// Members of one tenant, indexed by guid and by user; a member identifier is its guid or its `id`.
import type { Product } from '../../mx/products.js';
import type { ApiVersion } from '../../mx/versions.js';
import type { Lifecycle } from '../engine/lifecycle.js';
import { errors } from '../errors.js';
import type { DataProfile, MemberData } from '../generators/records.js';

export interface MemberCredential {
  guid: string;
  /** Never empty as given; empty for a member restored from a state file, which never holds values. */
  value: string;
}

export interface OAuthRequest {
  client_redirect_url: string | null;
  referral_source: string | null;
  skip_aggregation: boolean;
}

export interface MemberRecord {
  guid: string;
  id: string | null;
  user_guid: string;
  institution_code: string;
  institution_guid: string;
  name: string;
  metadata: string | null;
  is_oauth: boolean;
  background_aggregation_is_disabled: boolean;
  use_cases: Array<'MONEY_MOVEMENT' | 'PFM'>;
  /** The products asked for in `data_request` (MX's defaults when none were given). */
  products: Product[];
  /** Never on the wire and never logged. */
  credentials: MemberCredential[];
  oauth: OAuthRequest | null;
  /** The current single-use OAuth window URI (OAuth members only). */
  oauth_window_uri: string | null;
  state: Lifecycle;
  /** What successful jobs gathered; null until the first one. Goes away with the member. */
  data: MemberData | null;
  /**
   * The data volumes its first successful job gathers, kept when its credentials can no longer say (a
   * member restored from a state file, until new credentials are given). Absent otherwise.
   */
  data_profile?: DataProfile;
  next_background_at: number | null;
  created_at_ms: number;
  /** The API version of the request that created it (none for a scenario's preset member). */
  created_version?: ApiVersion;
}

export class MemberStore {
  readonly #byGuid = new Map<string, MemberRecord>();
  readonly #byUser = new Map<string, Map<string, MemberRecord>>();

  get size(): number {
    return this.#byGuid.size;
  }

  all(): IterableIterator<MemberRecord> {
    return this.#byGuid.values();
  }

  byGuid(guid: string): MemberRecord | undefined {
    return this.#byGuid.get(guid);
  }

  forUser(userGuid: string): MemberRecord[] {
    return [...(this.#byUser.get(userGuid)?.values() ?? [])];
  }

  find(userGuid: string, identifier: string): MemberRecord | undefined {
    const mine = this.#byUser.get(userGuid);
    if (!mine) return undefined;
    return mine.get(identifier) ?? [...mine.values()].find((m) => m.id === identifier);
  }

  get(userGuid: string, identifier: string): MemberRecord {
    const member = this.find(userGuid, identifier);
    if (!member) throw errors.notFound('member', identifier);
    return member;
  }

  /** 409 when another member of this user already has this `id`. */
  assertIdFree(userGuid: string, id: string | null, except?: MemberRecord): void {
    if (id === null) return;
    const clash = this.forUser(userGuid).find((m) => m.id === id && m !== except);
    if (clash) {
      throw errors.conflict(
        `member id '${id}' is already used by member ${clash.guid} of this user`,
        'duplicate_member_id',
      );
    }
  }

  insert(member: MemberRecord): MemberRecord {
    this.#byGuid.set(member.guid, member);
    let mine = this.#byUser.get(member.user_guid);
    if (!mine) {
      mine = new Map();
      this.#byUser.set(member.user_guid, mine);
    }
    mine.set(member.guid, member);
    return member;
  }

  delete(member: MemberRecord): void {
    this.#byGuid.delete(member.guid);
    this.#byUser.get(member.user_guid)?.delete(member.guid);
  }

  deleteForUser(userGuid: string): void {
    for (const m of this.forUser(userGuid)) this.#byGuid.delete(m.guid);
    this.#byUser.delete(userGuid);
  }
}
