// A tenant's partner-managed members (MX's deprecated "managed data"; docs/managed-data.md). Per user in
// creation order, and by guid.
import { PerUser } from './per-user.js';

export interface ManagedMemberRecord {
  guid: string;
  user_guid: string;
  /** The partner's own identifier for the member, if it gave one. */
  id: string | null;
  institution_code: string;
  institution_guid: string;
  name: string;
  metadata: string | null;
  created_at_ms: number;
  updated_at_ms: number;
}

export class ManagedStore {
  readonly members = new PerUser<ManagedMemberRecord>();

  deleteForUser(userGuid: string): void {
    this.members.deleteForUser(userGuid);
  }
}
