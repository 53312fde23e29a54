// /_mx-sim/webhooks: the webhooks MX would have sent a client, how their delivery went; forgetting them.
import { z } from '@hono/zod-openapi';
import { DEFAULT_WEBHOOK_TYPES, WEBHOOK_TYPES } from '../../../scenarios/schema.js';
import { isoTime } from '../../clock.js';
import { settleTenant } from '../../domain/settle.js';
import { errors } from '../../errors.js';
import { WebhookEntrySchema, WebhookLogSchema, type WebhookPayloadWire } from '../../schemas/admin.js';
import { json } from '../../schemas/common.js';
import type { Tenant } from '../../store/tenant.js';
import type { WebhookEntry } from '../../store/webhook-log.js';
import { redactUserinfo, withoutUserinfo } from '../../webhooks/targets.js';
import { type AdminApi, type AdminDeps, adminErrors, route } from './common.js';

const webhookRoutes = {
  read: route('webhooks', {
    method: 'get',
    path: '/webhooks',
    operationId: 'readWebhooks',
    summary: 'The webhooks MX would have sent this client, and how their delivery went',
    description:
      "Always kept, with or without a url in the scenario's `webhooks:` section: each webhook's type, JSON body, " +
      "the simulated time it fell due, and its delivery state. Lifecycle steps due by the client's time are " +
      'applied first, as for an API request. At most 10,000 are kept (the oldest go first).',
    request: {
      query: z.object({
        type: z
          .enum(WEBHOOK_TYPES, { error: `must be one of ${WEBHOOK_TYPES.join(', ')}` })
          .optional()
          .openapi({ param: { name: 'type', in: 'query' }, description: 'Only webhooks of this type.' }),
      }),
    },
    responses: { 200: json(WebhookLogSchema), ...adminErrors(400) },
  }),
  clear: route('webhooks', {
    method: 'delete',
    path: '/webhooks',
    operationId: 'clearWebhooks',
    summary: "Forget this client's logged webhooks",
    description:
      'A POST already under way still reaches the receiver, but nothing is retried: every retry still waiting on the clock is given up.',
    responses: { 200: json(WebhookLogSchema), ...adminErrors() },
  }),
  resend: route('webhooks', {
    method: 'post',
    path: '/webhooks/{guid}/resend',
    operationId: 'resendWebhook',
    summary: 'Send a logged webhook again',
    description:
      "A new entry with the same type, body and X-CALLBACK-PAYLOAD, due at the client's current time and delivered " +
      "like any other (to the scenario's url, with its retries); the original stays as it was. For testing how a " +
      'receiver handles a duplicate, which MX may send.',
    request: {
      params: z.object({
        guid: z.string().openapi({ param: { name: 'guid', in: 'path' }, example: 'WHK-…' }),
      }),
    },
    responses: { 201: json(WebhookEntrySchema), ...adminErrors(404) },
  }),
};

/** A webhook entry on the wire: ISO due time, one flat delivery object. */
function presentWebhook(e: WebhookEntry) {
  const d = e.delivery;
  return {
    guid: e.guid,
    type: e.type,
    due_at: isoTime(e.due_at),
    // The builders in webhooks/events.ts write only the fields WebhookPayloadSchema lists.
    payload: e.payload as WebhookPayloadWire,
    callback_payload: e.callback_payload ?? null,
    next_attempt_at: d.state === 'pending' && d.next_attempt_at !== null ? isoTime(d.next_attempt_at) : null,
    attempts: (e.attempt_log ?? []).map((a) => ({
      at: isoTime(a.at),
      status: a.status,
      error: a.error === null ? null : redactUserinfo(a.error),
    })),
    delivery: {
      state: d.state,
      attempts: d.state === 'logged' ? 0 : d.attempts,
      status: d.state === 'delivered' ? d.status : null,
      // Delivery already redacts its errors; this keeps any userinfo out whatever wrote them.
      last_error:
        (d.state === 'failed' || d.state === 'pending') && d.last_error !== null ? redactUserinfo(d.last_error) : null,
    },
  };
}

function webhookLog(clientId: string, tenant: Tenant, type?: WebhookEntry['type']) {
  const config = tenant.webhooks.config;
  return {
    client_id: clientId,
    // Userinfo in the url is a credential: never shown.
    url: config?.url ? withoutUserinfo(config.url) : null,
    types: [...(config?.types ?? DEFAULT_WEBHOOK_TYPES)],
    webhooks: tenant.webhooks.entries(type).map(presentWebhook),
  };
}

export function registerWebhookRoutes(api: AdminApi, deps: AdminDeps): void {
  api.openapi(webhookRoutes.read, (c) => {
    const tenant = deps.tenants.get(c.var.clientId);
    settleTenant(tenant, tenant.clock.now());
    return c.json(webhookLog(c.var.clientId, tenant, c.req.valid('query').type), 200);
  });
  api.openapi(webhookRoutes.resend, (c) => {
    const tenant = deps.tenants.get(c.var.clientId);
    settleTenant(tenant, tenant.clock.now());
    const guid = c.req.valid('param').guid;
    const entry = tenant.webhooks.resend(guid, tenant.clock.now());
    if (!entry) throw errors.notFound('webhook', guid);
    return c.json(presentWebhook(entry), 201);
  });
  api.openapi(webhookRoutes.clear, (c) => {
    const tenant = deps.tenants.get(c.var.clientId);
    tenant.webhooks.clear();
    return c.json(webhookLog(c.var.clientId, tenant), 200);
  });
}
