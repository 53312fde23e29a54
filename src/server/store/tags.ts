// A tenant's tags and taggings (a tag on a transaction), per user in creation order and by guid.
import { PerUser } from './per-user.js';

export interface TagRecord {
  guid: string;
  user_guid: string;
  name: string;
}

export interface TaggingRecord {
  guid: string;
  user_guid: string;
  tag_guid: string;
  transaction_guid: string;
  member_is_managed_by_user: boolean;
}

export class TagStore {
  readonly tags = new PerUser<TagRecord>();
  readonly taggings = new PerUser<TaggingRecord>();

  deleteForUser(userGuid: string): void {
    this.tags.deleteForUser(userGuid);
    this.taggings.deleteForUser(userGuid);
  }
}
