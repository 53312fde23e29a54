// Wire shapes for goals: the same in v20250224 and v20111101 (v20111101 types goal_type_name and
// track_type_name as plain strings; the values are the same).
import { z } from '@hono/zod-openapi';
import { GOAL_META_TYPES, GOAL_TYPES } from '../../domain/goals.js';
import { PaginationSchema } from '../../pagination.js';

const goalType = z
  .enum(GOAL_TYPES as ['SAVE_AMOUNT', 'PAYOFF'], { error: 'must be SAVE_AMOUNT or PAYOFF' })
  .openapi({ example: 'SAVE_AMOUNT' });
const metaType = z.string().openapi({ example: 'VACATION', description: `One of ${GOAL_META_TYPES.join(', ')}.` });
const time = (example: string) => z.string().openapi({ example });

const requestFields = {
  account_guid: z.string().min(1, 'must not be empty').openapi({ example: 'ACT-06d7f44b-caae-0f6e-1384-01f52e75dcb1' }),
  amount: z.number().openapi({ example: 4500 }),
  name: z.string().openapi({ example: 'Save for Europe' }),
  completed_at: time('2025-08-15T10:30:00+00:00').optional(),
  has_been_spent: z.boolean().optional().openapi({ example: false }),
  is_complete: z.boolean().optional().openapi({ example: false }),
  metadata: z.string().nullable().optional().openapi({ example: 'Additional information' }),
  position: z.number().int('must be a whole number').optional().openapi({ example: 3 }),
  targeted_to_complete_at: z.string().nullable().optional().openapi({ example: '2026-12-08T00:00:00Z' }),
  skip_webhook: z.boolean().optional().openapi({ example: true }),
};

export const GoalRequestSchema = z
  .object({
    ...requestFields,
    // null: the account's kind decides (a debt account PAYOFF, any other SAVE_AMOUNT).
    goal_type_name: goalType.nullable(),
    meta_type_name: metaType,
  })
  .openapi('GoalRequest');
export const GoalRequestBodySchema = z.object({ goal: GoalRequestSchema }).openapi('GoalRequestBody');

export const UpdateGoalRequestSchema = z
  .object({
    account_guid: requestFields.account_guid.optional(),
    amount: requestFields.amount.optional(),
    name: requestFields.name.optional(),
    completed_at: requestFields.completed_at,
    has_been_spent: requestFields.has_been_spent,
    is_complete: requestFields.is_complete,
    metadata: requestFields.metadata,
    position: requestFields.position,
    targeted_to_complete_at: requestFields.targeted_to_complete_at,
    skip_webhook: requestFields.skip_webhook,
    goal_type_name: goalType.nullable().optional(),
    meta_type_name: metaType.optional(),
  })
  .openapi('UpdateGoalRequest');
export const UpdateGoalRequestBodySchema = z.object({ goal: UpdateGoalRequestSchema }).openapi('UpdateGoalRequestBody');

export const RepositionRequestSchema = z
  .object({
    guid: z.string().openapi({ example: 'GOL-97665947-235c-b213-ca25-8cf0174774f5' }),
    position: z.number().int('must be a whole number').openapi({ example: 1 }),
  })
  .openapi('RepositionRequest');
export const RepositionRequestBodySchema = z
  .object({ goals: z.array(RepositionRequestSchema) })
  .openapi('RepositionRequestBody');

export const GoalSchema = z
  .object({
    account_guid: z.string().openapi({ example: 'ACT-06d7f44b-caae-0f6e-1384-01f52e75dcb1' }),
    amount: z.number().openapi({ example: 4500 }),
    completed_at: time('2025-08-15T10:30:00Z').optional(),
    current_amount: z.number().openapi({ example: 1500 }),
    goal_type_name: goalType,
    guid: z.string().openapi({ example: 'GOL-f223463-4355-48d0-rce7-fe2rb345617c' }),
    has_been_spent: z.boolean().openapi({ example: false }),
    is_complete: z.boolean().openapi({ example: false }),
    metadata: z.string().optional().openapi({ example: 'Additional information' }),
    meta_type_name: z.string().openapi({ example: 'VACATION' }),
    name: z.string().openapi({ example: 'Save for Europe' }),
    position: z.number().int().openapi({ example: 3 }),
    projected_to_complete_at: time('2026-06-14T16:03:53Z').optional(),
    targeted_to_complete_at: time('2026-12-08T00:00:00Z').optional(),
    track_type_name: z
      .enum(['DEBT_TRACK', 'SAVINGS_TRACK', 'RETIREMENT_TRACK', 'EMERGENCY_FUND_TRACK'])
      .openapi({ example: 'SAVINGS_TRACK' }),
    user_guid: z.string().openapi({ example: 'USR-11141024-90b3-1bce-cac9-c06ced52ab4c' }),
  })
  .openapi('GoalResponse');
export const GoalBodySchema = z.object({ goal: GoalSchema }).openapi('GoalResponseBody');
export const GoalsBodySchema = z
  .object({ goals: z.array(GoalSchema), pagination: PaginationSchema })
  .openapi('GoalsResponseBody');
export const RepositionBodySchema = z.object({ goals: z.array(GoalSchema) }).openapi('RepositionResponseBody');
