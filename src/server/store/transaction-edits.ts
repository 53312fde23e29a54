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
}

export class TransactionEditStore {
  readonly edits = new PerUser<TransactionEditRecord>();
  readonly rules = new PerUser<TransactionRuleRecord>();
  /** Moves with every change here: part of every kept transaction text's stamp. */
  version = 0;

  changed(): void {
    this.version++;
  }

  /** Everything of a user (the user was deleted). */
  deleteForUser(userGuid: string): void {
    this.edits.deleteForUser(userGuid);
    this.rules.deleteForUser(userGuid);
    this.changed();
  }
}
