// A tenant's goals, per user in creation order and by guid. What a goal has reached is not stored:
// domain/goals.ts derives it from the linked account's balance when it is read.

import type { GoalType } from '../../mx/goals.js';
import { PerUser } from './per-user.js';

export type { GoalType };

export interface GoalRecord {
  guid: string;
  user_guid: string;
  /** One of the user's accounts when the goal was made or last pointed at one. */
  account_guid: string;
  name: string;
  amount: number;
  goal_type_name: GoalType;
  meta_type_name: string;
  metadata: string | null;
  /** 1 is the top priority; a user's goals hold 1..n with no gaps. */
  position: number;
  has_been_spent: boolean;
  /** Set when the user marks the goal complete (`is_complete: true`); null otherwise. */
  marked_complete_at_ms: number | null;
  targeted_to_complete_at_ms: number | null;
  created_at_ms: number;
  updated_at_ms: number;
}

/** Goals, per user in creation order and by guid. */
export class GoalStore extends PerUser<GoalRecord> {}
