// What users changed about their transactions, kept beside the procedural histories (never in them):
// per transaction guid, the fields a user set (description, memo, category); per user, their transaction
// rules. Presenting a transaction applies these (domain/transaction-edits.ts); `version` moves with
// every change, so kept texts and pages of transactions are written afresh (routes/transaction-json.ts).
import { PerUser } from './per-user.js';

/** A user's changes to one transaction; a field absent is the transaction's own. */
export interface TransactionEditRecord {
  /** The transaction's guid. */
  guid: string;
  user_guid: string;
  description?: string | undefined;
  memo?: string | undefined;
  category_guid?: string | undefined;
  updated_at_ms: number;
  /** When it was last written, in the order of the user's changes (the store's version then). */
  seq?: number | undefined;
}

export interface TransactionRuleRecord {
  guid: string;
  user_guid: string;
  /** The category matching transactions get (null: theirs stays). */
  category_guid: string | null;
  /** The description matching transactions get (null: theirs stays). */
  description: string | null;
  match_description: string;
  created_at_ms: number;
  updated_at_ms: number;
  /** When it was last written, in the order of the user's changes (the store's version then). */
  seq?: number | undefined;
}

/** One part of a split transaction; a field absent is the parent's as presented. */
export interface SplitChildRecord {
  guid: string;
  amount: number;
  description?: string | undefined;
  memo?: string | undefined;
  category_guid?: string | undefined;
}

/** A split transaction: its parent (by guid) and the children it was split into. */
export interface SplitRecord {
  /** The parent transaction's guid. */
  guid: string;
  user_guid: string;
  account_guid: string;
  children: SplitChildRecord[];
  created_at_ms: number;
}

export class TransactionEditStore {
  readonly edits = new PerUser<TransactionEditRecord>();
  readonly rules = new PerUser<TransactionRuleRecord>();
  readonly splits = new PerUser<SplitRecord>();
  /** Split children by guid, and the split each belongs to. */
  readonly #children = new Map<string, SplitRecord>();

  addSplit(split: SplitRecord): SplitRecord {
    this.splits.insert(split);
    for (const child of split.children) this.#children.set(child.guid, split);
    this.changed();
    return split;
  }

  deleteSplit(split: SplitRecord): void {
    this.splits.delete(split);
    for (const child of split.children) this.#children.delete(child.guid);
    this.changed();
  }

  /** The split a child transaction guid belongs to, if it is one of the user's. */
  splitOfChild(userGuid: string, childGuid: string): SplitRecord | undefined {
    const split = this.#children.get(childGuid);
    return split?.user_guid === userGuid ? split : undefined;
  }
  /** Moves with every change here: part of every kept transaction text's stamp. */
  version = 0;

  /** Something changed: the new version (also the order of the change among the user's). */
  changed(): number {
    return ++this.version;
  }

  /** After a restore: versions go on past every recorded change. */
  restored(): void {
    const seqs = [...this.edits.all(), ...this.rules.all()].map((r) => r.seq ?? 0);
    this.version = Math.max(this.version, ...seqs) + 1;
  }

  /** Everything of a user (the user was deleted). */
  deleteForUser(userGuid: string): void {
    this.edits.deleteForUser(userGuid);
    this.rules.deleteForUser(userGuid);
    for (const split of this.splits.forUser(userGuid)) for (const c of split.children) this.#children.delete(c.guid);
    this.splits.deleteForUser(userGuid);
    this.changed();
  }
}
