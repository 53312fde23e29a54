// The simulator's own admin API, per client_id (HTTP Basic, like the API; no version header):
//   GET    /_mx-sim/scenarios   the scenarios this client's world runs
//   POST   /_mx-sim/scenarios   load one more (YAML or JSON body): the world starts afresh with it
//   DELETE /_mx-sim/scenarios   back to the scenarios given at start, afresh
//   POST   /_mx-sim/reset       the same scenarios, afresh (users, members and data cleared)
// A scenario that fails validation changes nothing and answers 400 with every problem.
import type { Context } from 'hono';
import { type LoadedScenario, parseScenario, ScenarioError } from '../../scenarios/load.js';
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
    if (path === '/reset' && c.req.method === 'POST') {
      const tenant = fresh(clientId, stack);
      return c.json(describe(clientId, stack, tenant), 200);
    }
    throw errors.notFound('admin route', `${c.req.method} ${c.req.path}`);
  };
}
