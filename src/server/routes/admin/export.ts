// GET /_mx-sim/export: a client's world as a scenario document (a snapshot), YAML or JSON.
import { z } from '@hono/zod-openapi';
import { settleTenant } from '../../domain/settle.js';
import { errors } from '../../errors.js';
import { scenarioRef } from '../../schemas/admin.js';
import { MAX_EXPORT_TRANSACTIONS, SnapshotTooLarge, snapshotScenario, snapshotYaml } from '../../store/snapshot.js';
import { type AdminApi, type AdminDeps, adminErrors, route, stackOf } from './common.js';

const exportRoute = route('export', {
  method: 'get',
  path: '/export',
  operationId: 'exportWorld',
  summary: "This client's world as a scenario document (a snapshot)",
  description:
    'Its users and members, with exactly the accounts and transactions they show now, and the institutions ' +
    'its scenarios added. Loading it (`--scenario` or POST /_mx-sim/scenarios) into any simulator, whatever its seed, ' +
    'reproduces them. A member shows its connection_status when that is a status a job ends in, else CONNECTED; ' +
    'a member no job has succeeded for comes back without accounts. Credentials, outcome rules, faults and timing ' +
    `are not exported. Up to ${MAX_EXPORT_TRANSACTIONS.toLocaleString('en-US')} transactions (400 beyond: export one user at a time).`,
  request: {
    query: z.object({
      format: z
        .enum(['yaml', 'json'], { error: 'must be yaml or json' })
        .optional()
        .openapi({ param: { name: 'format', in: 'query' }, description: 'Default yaml.' }),
      user: z
        .string()
        .optional()
        .openapi({ param: { name: 'user', in: 'query' }, description: 'Only this user (guid or id).' }),
    }),
  },
  responses: {
    200: {
      description: 'The scenario document',
      content: {
        'application/yaml': { schema: { type: 'string' as const, description: 'The scenario as YAML.' } },
        'application/json': { schema: scenarioRef() },
      },
    },
    ...adminErrors(400, 404),
  },
});

export function registerExportRoutes(api: AdminApi, deps: AdminDeps): void {
  api.openapi(exportRoute, (c) => {
    const clientId = c.var.clientId;
    const tenant = deps.tenants.get(clientId);
    // What is due by this client's time is part of its world, as for an API request.
    settleTenant(tenant, tenant.clock.now());
    const { format = 'yaml', user } = c.req.valid('query');
    const users = user === undefined ? undefined : [tenant.users.get(user)];
    let scenario: ReturnType<typeof snapshotScenario>;
    try {
      scenario = snapshotScenario(tenant, stackOf(deps, clientId), users);
    } catch (e) {
      if (!(e instanceof SnapshotTooLarge)) throw e;
      throw errors.badRequest(
        `${e.message}: export one user at a time (GET /_mx-sim/export?user=ID), or delete members you do not need`,
        'export_too_large',
      );
    }
    if (format === 'json') {
      // Compact: JSON is for programs (the YAML has a line per transaction, for people and diffs).
      return c.body(`${JSON.stringify(scenario)}\n`, 200, { 'Content-Type': 'application/json' });
    }
    return c.body(snapshotYaml(scenario), 200, { 'Content-Type': 'application/yaml; charset=utf-8' });
  });
}
