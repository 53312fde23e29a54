// /_mx-sim/scenarios and /_mx-sim/reset: list, load, remove, reset; a scenario that fails changes nothing.
import { z } from '@hono/zod-openapi';
import { type LoadedScenario, parseScenario, ScenarioError } from '../../../scenarios/load.js';
import { errors, MxError } from '../../errors.js';
import { ScenariosStateSchema, ScenarioTextSchema, scenarioRef } from '../../schemas/admin.js';
import { json } from '../../schemas/common.js';
import type { Tenant } from '../../store/tenant.js';
import { type AdminApi, type AdminDeps, adminErrors, route, stackOf } from './common.js';

const scenariosRoutes = {
  list: route('scenarios', {
    method: 'get',
    path: '/scenarios',
    operationId: 'listScenarios',
    summary: "The scenarios this client's world runs, and its seed",
    responses: { 200: json(ScenariosStateSchema), ...adminErrors() },
  }),
  load: route('scenarios', {
    method: 'post',
    path: '/scenarios',
    operationId: 'loadScenario',
    summary: 'Load one more scenario: the world starts afresh with it',
    description:
      'Adds the scenario on top of the current ones; users, members and data are cleared. The body is YAML or ' +
      'JSON whatever its Content-Type (up to 64 MiB, nested at most 64 levels deep, at most 5 million tokens and ' +
      '100 aliases). A scenario that fails validation answers 400 (`invalid_scenario`, the first 50 problems ' +
      'with their lines) and changes nothing.',
    request: {
      query: z.object({
        source: z
          .string()
          .optional()
          .openapi({ param: { name: 'source', in: 'query' }, description: 'Names the scenario in error messages.' }),
      }),
      body: {
        required: true,
        content: {
          'application/yaml': { schema: ScenarioTextSchema },
          'application/json': { schema: scenarioRef() },
        },
      },
    },
    responses: { 201: json(ScenariosStateSchema, 'Created'), ...adminErrors(400, 413) },
  }),
  remove: route('scenarios', {
    method: 'delete',
    path: '/scenarios',
    operationId: 'deleteScenarios',
    summary: 'Back to the scenarios given at start, afresh',
    responses: { 200: json(ScenariosStateSchema), ...adminErrors() },
  }),
  reset: route('scenarios', {
    method: 'post',
    path: '/reset',
    operationId: 'resetWorld',
    summary: 'The same scenarios, afresh (users, members and data cleared)',
    responses: { 200: json(ScenariosStateSchema), ...adminErrors() },
  }),
};

function describe(clientId: string, stack: readonly LoadedScenario[], tenant: Tenant) {
  return {
    client_id: clientId,
    seed: tenant.seed,
    scenarios: stack.map((s) => ({ name: s.scenario.name ?? null, source: s.source })),
  };
}

/** A scenario problem is the caller's to fix: 400 with every problem. */
function asInvalidScenario(e: unknown): never {
  if (e instanceof ScenarioError) throw new MxError(400, e.message, 'invalid_scenario');
  throw e;
}

export function registerScenarioRoutes(api: AdminApi, deps: AdminDeps): void {
  /** The client's world afresh from this stack, which becomes its own; nothing changes when it does not build. */
  const fresh = (clientId: string, stack: readonly LoadedScenario[]) => {
    let tenant: Tenant;
    try {
      tenant = deps.build(clientId, stack);
    } catch (e) {
      asInvalidScenario(e);
    }
    if (stack === deps.startup) deps.stacks.delete(clientId);
    else deps.stacks.set(clientId, [...stack]);
    deps.tenants.replace(clientId, tenant);
    return tenant;
  };

  api.openapi(scenariosRoutes.list, (c) => {
    const clientId = c.var.clientId;
    return c.json(describe(clientId, stackOf(deps, clientId), deps.tenants.get(clientId)), 200);
  });
  api.openapi(scenariosRoutes.load, async (c) => {
    const clientId = c.var.clientId;
    // Any Content-Type: the body is read as text and parsed as YAML (JSON is YAML).
    const text = await c.req.text();
    if (!text.trim())
      throw errors.badRequest('send the scenario (YAML or JSON) as the request body', 'invalid_scenario');
    const source = c.req.valid('query').source ?? 'request body';
    let loaded: LoadedScenario;
    try {
      loaded = { scenario: parseScenario(text, source), source };
    } catch (e) {
      asInvalidScenario(e);
    }
    const next = [...stackOf(deps, clientId), loaded];
    // A loaded scenario is kept: the client needs a tenant slot (503 when none is free).
    deps.tenants.claim(clientId);
    return c.json(describe(clientId, next, fresh(clientId, next)), 201);
  });
  api.openapi(scenariosRoutes.remove, (c) => {
    const clientId = c.var.clientId;
    return c.json(describe(clientId, deps.startup, fresh(clientId, deps.startup)), 200);
  });
  api.openapi(scenariosRoutes.reset, (c) => {
    const clientId = c.var.clientId;
    const stack = stackOf(deps, clientId);
    return c.json(describe(clientId, stack, fresh(clientId, stack)), 200);
  });
}
