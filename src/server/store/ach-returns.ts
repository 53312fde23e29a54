// A tenant's ACH returns: by guid and by the client's `id`, in creation order.
import type { AccountType } from '../../mx/accounts.js';
import { errors } from '../errors.js';

/** An ACH return as submitted (MX's ACHResponse fields; times in ms, given strings kept as given). */
export interface AchReturnRecord {
  guid: string;
  id: string;
  user_guid: string;
  member_guid: string;
  account_guid: string;
  institution_guid: string;
  account_type: AccountType | null;
  account_number_last_four: string | null;
  ach_initiated_at: string | null;
  corrected_account_number: string | null;
  corrected_routing_number: string | null;
  return_account_number: string | null;
  return_routing_number: string | null;
  return_code: string;
  return_notes: string | null;
  return_status: string;
  returned_at: string | null;
  sec_code: string | null;
  transaction_amount: number | null;
  created_at_ms: number;
  updated_at_ms: number;
  submitted_at_ms: number;
}

export class AchReturnStore {
  readonly #byGuid = new Map<string, AchReturnRecord>();
  readonly #byId = new Map<string, AchReturnRecord>();

  get size(): number {
    return this.#byGuid.size;
  }

  insert(r: AchReturnRecord): AchReturnRecord {
    this.#byGuid.set(r.guid, r);
    this.#byId.set(r.id, r);
    return r;
  }

  /** By MX guid or the client's `id` (guid wins). */
  find(identifier: string): AchReturnRecord | undefined {
    return this.#byGuid.get(identifier) ?? this.#byId.get(identifier);
  }

  get(identifier: string): AchReturnRecord {
    const r = this.find(identifier);
    if (!r) throw errors.notFound('ach_return', identifier);
    return r;
  }

  all(): AchReturnRecord[] {
    return [...this.#byGuid.values()];
  }

  deleteForUser(userGuid: string): void {
    for (const r of this.all()) {
      if (r.user_guid !== userGuid) continue;
      this.#byGuid.delete(r.guid);
      this.#byId.delete(r.id);
    }
  }
}
