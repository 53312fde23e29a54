// /_mx-sim/contract: a client's traffic checked against the API documents (JSON or JUnit), and forgetting it.
import { z } from '@hono/zod-openapi';
import { errors } from '../../errors.js';
import { ContractReportSchema } from '../../schemas/admin.js';
import { json } from '../../schemas/common.js';
import { contractJUnit, contractReport } from '../../watch/contract-watch.js';
import { type AdminApi, type AdminDeps, adminErrors, route } from './common.js';

const contractRoutes = {
  read: route('contract', {
    method: 'get',
    path: '/contract',
    operationId: 'readContractReport',
    summary: "This client's traffic checked against the API documents (contract watch)",
    description:
      "Every MX API request this client sent, and the answer it got, checked against MX's official OpenAPI " +
      "documents (`--contract mx`) or the project's own (`--contract own`), grouped per operation. `?format=junit` " +
      'answers JUnit XML (one testcase per operation). 400 when the simulator runs without `--contract`.',
    request: {
      query: z.object({
        format: z
          .enum(['json', 'junit'], { error: 'must be json or junit' })
          .optional()
          .openapi({ param: { name: 'format', in: 'query' }, description: 'Default json.' }),
      }),
    },
    responses: {
      200: {
        description: 'The report',
        content: {
          'application/json': { schema: ContractReportSchema },
          'application/xml': { schema: { type: 'string' as const, description: 'JUnit XML.' } },
        },
      },
      ...adminErrors(400),
    },
  }),
  clear: route('contract', {
    method: 'delete',
    path: '/contract',
    operationId: 'clearContractReport',
    summary: "Forget this client's checked traffic",
    responses: { 200: json(ContractReportSchema), ...adminErrors(400) },
  }),
};

export function registerContractRoutes(api: AdminApi, deps: AdminDeps): void {
  /** The client's log and the watch it is checked against; 400 when the simulator runs without one. */
  const watched = (clientId: string) => {
    if (!deps.contract) {
      throw errors.badRequest(
        "contract watch is off: start mx-sim with --contract mx (MX's documents) or --contract own",
        'contract_watch_off',
      );
    }
    return { watcher: deps.contract, watch: deps.contract.watch, log: deps.contract.peek(clientId) };
  };
  api.openapi(contractRoutes.read, (c) => {
    const { watch, log } = watched(c.var.clientId);
    if (c.req.valid('query').format === 'junit') {
      return c.body(contractJUnit(watch, log), 200, { 'Content-Type': 'application/xml; charset=utf-8' });
    }
    return c.json(contractReport(c.var.clientId, watch, log), 200);
  });
  api.openapi(contractRoutes.clear, (c) => {
    const { watcher, watch } = watched(c.var.clientId);
    // Forgotten rather than emptied: a client with no report may no longer need its slot (store/tenant.ts).
    watcher.forget(c.var.clientId);
    return c.json(contractReport(c.var.clientId, watch, watcher.peek(c.var.clientId)), 200);
  });
}
