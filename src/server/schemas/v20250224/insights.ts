// Wire shapes for insights and the scheduled payments they cite: alike in MX's v20250224 and v20111101
// documents, so both versions use these.
import { z } from '@hono/zod-openapi';
import { PaginationSchema } from '../../pagination.js';

const text = (example: string) => z.string().nullable().openapi({ example });
const flag = (example: boolean) => z.boolean().nullable().openapi({ example });

export const InsightSchema = z
  .object({
    active_at: text('2026-01-07T12:00:00Z'),
    client_guid: z.string().openapi({ example: 'CLT-abcd-1234' }),
    created_at: text('2026-01-07T12:00:00Z'),
    cta_clicked_at: text('2026-01-08T09:30:00Z'),
    description: text('Fresh Streams charges you $15.99 every month. The next charge is expected around 2026-02-03.'),
    guid: text('BET-2c5f7c8e-1d3a-4b9e-8f00-3a1c2b4d5e6f'),
    has_associated_accounts: flag(true),
    has_associated_categories: flag(true),
    has_associated_merchants: flag(true),
    has_associated_scheduled_payments: flag(true),
    has_associated_transactions: flag(true),
    has_been_displayed: flag(false),
    is_dismissed: flag(false),
    micro_call_to_action: text('View subscription'),
    micro_description: text('Fresh Streams: $15.99, next around 2026-02-03.'),
    micro_title: text('Subscription'),
    template: text('SubscriptionDetected'),
    title: text('Subscription detected'),
    updated_at: text('2026-01-07T12:00:00Z'),
    user_guid: z.string().openapi({ example: 'USR-fa7537f3-48aa-a683-a02a-b18940482f54' }),
    user_id: z.string().optional().openapi({ example: 'partner-user-1' }),
  })
  .openapi('InsightResponse');
export const InsightBodySchema = z.object({ insight: InsightSchema }).openapi('InsightResponseBody');
export const InsightsBodySchema = z
  .object({ insights: z.array(InsightSchema), pagination: PaginationSchema })
  .openapi('InsightsResponseBody');

export const InsightUpdateRequestSchema = z
  .object({
    has_been_displayed: z.boolean().optional().openapi({ example: true }),
    is_dismissed: z.boolean().optional().openapi({ example: false }),
  })
  .refine((r) => r.has_been_displayed !== undefined || r.is_dismissed !== undefined, {
    message: 'give has_been_displayed or is_dismissed (or both)',
  })
  .openapi('InsightUpdateRequest');
export const InsightUpdateBodySchema = z
  .object({ insight: InsightUpdateRequestSchema })
  .openapi('InsightUpdateRequestBody');

export const ScheduledPaymentSchema = z
  .object({
    amount: z.number().openapi({ example: 15.99 }),
    created_at: z.string().openapi({ example: '2026-01-07T12:00:00Z' }),
    description: z.string().openapi({ example: 'Fresh Streams' }),
    guid: z.string().openapi({ example: 'SCP-c76e4a85-b2c4-4335-82b7-8f8b8f28c35a' }),
    is_completed: z.boolean().openapi({ example: false }),
    is_recurring: z.boolean().openapi({ example: true }),
    merchant_guid: z.string().openapi({ example: 'MCH-b8a2624c-2176-59ec-c150-37854bc38aa8' }),
    occurs_on: z.string().openapi({ example: '2026-02-03' }),
    recurrence_day: z.number().int().openapi({ example: 3 }),
    recurrence_type: z.string().openapi({ example: 'EVERY_MONTH' }),
    transaction_type: z.enum(['CREDIT', 'DEBIT']).openapi({ example: 'DEBIT' }),
    updated_at: z.string().openapi({ example: '2026-01-07T12:00:00Z' }),
    user_guid: z.string().openapi({ example: 'USR-fa7537f3-48aa-a683-a02a-b18940482f54' }),
  })
  .openapi('ScheduledPaymentResponse');
export const ScheduledPaymentsBodySchema = z
  .object({ scheduled_payments: z.array(ScheduledPaymentSchema), pagination: PaginationSchema })
  .openapi('ScheduledPaymentsResponseBody');
