// /_mx-sim/clock: read a client's time and move it on (forward only).
import { z } from '@hono/zod-openapi';
import { isoTime } from '../../clock.js';
import { settleTenant } from '../../domain/settle.js';
import { errors } from '../../errors.js';
import { ClockChangeSchema, ClockStateSchema } from '../../schemas/admin.js';
import { json } from '../../schemas/common.js';
import type { Tenant } from '../../store/tenant.js';
import { type AdminApi, type AdminDeps, adminErrors, route } from './common.js';

const clockRoutes = {
  read: route('clock', {
    method: 'get',
    path: '/clock',
    operationId: 'readClock',
    summary: "This client's time",
    responses: { 200: json(ClockStateSchema), ...adminErrors() },
  }),
  move: route('clock', {
    method: 'post',
    path: '/clock',
    operationId: 'moveClock',
    summary: "Move this client's time on",
    description:
      'The lifecycle steps that fall due (a challenge that expires, a job that finishes, a background ' +
      "aggregation) run before the client's next API request. Time only moves forward.",
    request: {
      body: {
        required: true,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ClockChange' } } },
      },
    },
    responses: { 200: json(ClockStateSchema), ...adminErrors(400, 413) },
  }),
};

function clockState(clientId: string, tenant: Tenant) {
  return { client_id: clientId, now: isoTime(tenant.clock.now()), offset_ms: tenant.clock.offsetMs };
}

export function registerClockRoutes(api: AdminApi, deps: AdminDeps): void {
  api.openapi(clockRoutes.read, (c) => c.json(clockState(c.var.clientId, deps.tenants.get(c.var.clientId)), 200));
  api.openapi(clockRoutes.move, async (c) => {
    const tenant = deps.tenants.get(c.var.clientId);
    // Parsed here rather than by the route's validator, so that any Content-Type is taken (curl -d sends a form type).
    let raw: unknown;
    try {
      raw = JSON.parse(await c.req.text());
    } catch {
      throw errors.badRequest(
        'send a JSON body: {"advance_ms": 10800000} or {"to": "2026-02-01T00:00:00Z"}',
        'invalid_json',
      );
    }
    const parsed = ClockChangeSchema.safeParse(raw);
    if (!parsed.success) throw errors.validation(z.prettifyError(parsed.error).replace(/\n\s*/g, ' '));
    const { advance_ms, to } = parsed.data;
    // A moved clock is kept: the client needs a tenant slot (503 when none is free).
    deps.tenants.claim(c.var.clientId);
    if (advance_ms !== undefined) {
      tenant.clock.advance(advance_ms);
    } else {
      const target = Date.parse(to as string);
      const now = tenant.clock.now();
      if (target < now) {
        throw errors.badRequest(
          `to: ${to} is before this client's now (${isoTime(now)}); time only moves forward (reset to start over)`,
          'clock_backwards',
        );
      }
      tenant.clock.advance(target - now);
    }
    // What fell due happens now, as a request would make it (webhooks and their retries included).
    settleTenant(tenant, tenant.clock.now());
    return c.json(clockState(c.var.clientId, tenant), 200);
  });
}
