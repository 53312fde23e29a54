// Wire shapes for notifications. v20250224 takes the new notification as a JSON body; v20111101 takes
// `subject` and `content` as query parameters (as MX's two documents and its v20111101 SDK do).
// Lists carry no pagination object: neither document gives the list body one.
import { z } from '@hono/zod-openapi';

const subject = z.string().openapi({ example: 'Monthly Budget Report' });
const content = z.string().openapi({ example: "You've spent $325.67 of your $716.00 Fees & Charges budget." });

export const NotificationRequestSchema = z.object({ content, subject }).openapi('NotificationRequest');
export const NotificationRequestBodySchema = z
  .object({ notification: NotificationRequestSchema })
  .openapi('NotificationRequestBody');

/** v20111101's create: the two texts in the query. */
const inQuery = (name: string, description: string, example: string) =>
  z
    .string({ error: `is required as a query parameter in v20111101 (?subject=…&content=…), once` })
    .openapi({ param: { name, in: 'query', description }, example });
export const NotificationQuerySchema = z.object({
  content: inQuery('content', 'The main body of the notification text.', 'Your budget is on track.'),
  subject: inQuery('subject', 'The notification summary text.', 'Weekly summary'),
});

export const NotificationSchema = z
  .object({
    channel: z.enum(['EMAIL', 'SMS', 'PUSH', 'IN_APP']).nullable().openapi({ example: 'PUSH' }),
    content,
    created_at: z.string().openapi({ example: '2025-02-13T18:08:00Z' }),
    deep_link_guid: z.string().nullable().openapi({ example: null }),
    delivered_at: z.string().nullable().openapi({ example: null }),
    entity_guid: z.string().nullable().openapi({ example: null }),
    guid: z.string().openapi({ example: 'NTF-b53294f5-2356-4782-9f81-ae064c42b40a' }),
    has_been_delivered: z.boolean().openapi({ example: false }),
    has_been_viewed: z.boolean().openapi({ example: false }),
    notification_type: z.number().int().openapi({ example: 11, description: 'MX type 11: API_NOTIFICATION.' }),
    subject,
    threshold: z.number().nullable().openapi({ example: null }),
  })
  .openapi('NotificationResponse');
export const NotificationBodySchema = z
  .object({ notification: NotificationSchema })
  .openapi('NotificationResponseBody');
export const NotificationsBodySchema = z
  .object({ notifications: z.array(NotificationSchema) })
  .openapi('NotificationsResponseBody');
