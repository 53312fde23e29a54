// The simulator's own admin API, per client_id (HTTP Basic, like the API; no version header):
//   GET    /_mx-sim/scenarios   the scenarios this client's world runs
//   POST   /_mx-sim/scenarios   load one more (YAML or JSON body): the world starts afresh with it
//   DELETE /_mx-sim/scenarios   back to the scenarios given at start, afresh
//   POST   /_mx-sim/reset       the same scenarios, afresh (users, members and data cleared)
//   GET    /_mx-sim/clock       this client's time
//   POST   /_mx-sim/clock       move this client's time on: {"advance_ms": N} or {"to": "<ISO time>"}
// A scenario that fails validation changes nothing and answers 400 with every problem.
import type { Context } from 'hono';
import { z } from 'zod';
import { type LoadedScenario, parseScenario, ScenarioError } from '../../scenarios/load.js';
import { isoTime } from '../clock.js';
import { errors, MxError } from '../errors.js';
import type { Tenant, Tenants } from '../store/tenant.js';
import { MAX_BODY_BYTES } from '../version-app.js';

export const ADMIN_PREFIX = '/_mx-sim';

export interface AdminDeps {
  startup: readonly LoadedScenario[];
  stacks: Map<string, LoadedScenario[]>;
  build: (clientId: string, stack: readonly LoadedScenario[]) => Tenant;
  tenants: Tenants;
  authenticate: (header: string | undefined) => string;
}

const ClockChange = z
  .object({
    advance_ms: z
      .number()
      .int()
      .min(0)
      .max(10 * 365 * 86_400_000)
      .optional(),
    to: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time such as 2026-02-01T00:00:00Z' }).optional(),
  })
  .strict()
  .refine((b) => (b.advance_ms === undefined) !== (b.to === undefined), 'send exactly one of advance_ms or to');

function clockState(clientId: string, tenant: Tenant) {
  return { client_id: clientId, now: isoTime(tenant.clock.now()), offset_ms: tenant.clock.offsetMs };
}

/** Moves a client's time on; the lifecycle steps that fall due run before its next API request. */
async function moveClock(c: Context, tenant: Tenant): Promise<void> {
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    throw errors.badRequest(
      'send a JSON body: {"advance_ms": 10800000} or {"to": "2026-02-01T00:00:00Z"}',
      'invalid_json',
    );
  }
  const parsed = ClockChange.safeParse(raw);
  if (!parsed.success) throw errors.validation(z.prettifyError(parsed.error).replace(/\n\s*/g, ' '));
  const { advance_ms, to } = parsed.data;
  if (advance_ms !== undefined) {
    tenant.clock.advance(advance_ms);
    return;
  }
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

function describe(clientId: string, stack: readonly LoadedScenario[], tenant: Tenant) {
  return {
    client_id: clientId,
    seed: tenant.seed,
    scenarios: stack.map((s) => ({ name: s.scenario.name ?? null, source: s.source })),
  };
}

export function scenarioAdmin(deps: AdminDeps) {
  const fresh = (clientId: string, stack: readonly LoadedScenario[]) => {
    let tenant: Tenant;
    try {
      tenant = deps.build(clientId, stack);
    } catch (e) {
      if (e instanceof ScenarioError) throw new MxError(400, e.message, 'invalid_scenario');
      throw e;
    }
    if (stack === deps.startup) deps.stacks.delete(clientId);
    else deps.stacks.set(clientId, [...stack]);
    deps.tenants.replace(clientId, tenant);
    return tenant;
  };

  return async (c: Context, requestId: string): Promise<Response> => {
    c.header('X-Request-Id', requestId);
    const clientId = deps.authenticate(c.req.header('authorization'));
    const path = c.req.path.slice(ADMIN_PREFIX.length);
    const stack = deps.stacks.get(clientId) ?? deps.startup;
    if (path === '/scenarios' && c.req.method === 'GET') {
      return c.json(describe(clientId, stack, deps.tenants.get(clientId)), 200);
    }
    if (path === '/scenarios' && c.req.method === 'POST') {
      const text = await c.req.text();
      if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
        throw new MxError(413, 'Request body too large: a scenario may be up to 1 MiB', 'payload_too_large');
      }
      if (!text.trim())
        throw errors.badRequest('send the scenario (YAML or JSON) as the request body', 'invalid_scenario');
      let loaded: LoadedScenario;
      try {
        const source = c.req.query('source') ?? 'request body';
        loaded = { scenario: parseScenario(text, source), source };
      } catch (e) {
        if (e instanceof ScenarioError) throw new MxError(400, e.message, 'invalid_scenario');
        throw e;
      }
      const next = [...stack, loaded];
      const tenant = fresh(clientId, next);
      return c.json(describe(clientId, next, tenant), 201);
    }
    if (path === '/scenarios' && c.req.method === 'DELETE') {
      const tenant = fresh(clientId, deps.startup);
      return c.json(describe(clientId, deps.startup, tenant), 200);
    }
    if (path === '/clock' && c.req.method === 'GET') {
      return c.json(clockState(clientId, deps.tenants.get(clientId)), 200);
    }
    if (path === '/clock' && c.req.method === 'POST') {
      const tenant = deps.tenants.get(clientId);
      await moveClock(c, tenant);
      return c.json(clockState(clientId, tenant), 200);
    }
    if (path === '/reset' && c.req.method === 'POST') {
      const tenant = fresh(clientId, stack);
      return c.json(describe(clientId, stack, tenant), 200);
    }
    throw errors.notFound('admin route', `${c.req.method} ${c.req.path}`);
  };
}
