// A tenant's custom categories (MX's default ones are fixed data: generators/categories.ts), per user
// in creation order and by guid.
import { PerUser } from './per-user.js';

export interface CategoryRecord {
  guid: string;
  user_guid: string;
  name: string;
  /** Always a top-level default category. */
  parent_guid: string;
  metadata: string | null;
  /** Bookkeeping, shown as ISO times. */
  created_at_ms: number;
  updated_at_ms: number;
}

/** Custom categories, per user in creation order and by guid. */
export class CategoryStore extends PerUser<CategoryRecord> {}
