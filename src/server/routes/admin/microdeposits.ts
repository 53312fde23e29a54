// /_mx-sim/micro_deposits: what a tester needs to verify a client's microdeposits, MX's API never shows:
// the amounts deposited, the attempts left and when the status moves on next.
import { z } from '@hono/zod-openapi';
import { isoTime } from '../../clock.js';
import { settleTenant } from '../../domain/settle.js';
import { depositedAmounts, MAX_VERIFY_ATTEMPTS } from '../../engine/microdeposits.js';
import { json } from '../../schemas/common.js';
import { type AdminApi, type AdminDeps, adminErrors, route } from './common.js';

const AdminMicrodepositSchema = z
  .object({
    guid: z.string().openapi({ example: 'MIC-09ba578e-8448-4f7f-89e1-b62ff2517edb' }),
    user_guid: z.string(),
    status: z.string().openapi({ example: 'DEPOSITED' }),
    deposit_amount_1: z.number().nullable().openapi({ example: 0.12, description: 'null while pre-initiated.' }),
    deposit_amount_2: z.number().nullable().openapi({ example: 0.15 }),
    attempts_left: z.number().int().openapi({ example: 3 }),
    next_step_at: z.string().nullable().openapi({ description: 'When the status moves on by itself; null: never.' }),
  })
  .openapi('AdminMicrodeposit');

const listRoute = route('microdeposits', {
  method: 'get',
  path: '/micro_deposits',
  operationId: 'listSimulatedMicrodeposits',
  summary: "This client's microdeposits with their amounts",
  description:
    'Every microdeposit of the client, oldest first, with the two amounts deposited (to enter in verify), ' +
    'the verify attempts left and the time of its next step (docs/microdeposits.md#the-amounts).',
  responses: {
    200: json(z.object({ micro_deposits: z.array(AdminMicrodepositSchema) }).openapi('AdminMicrodeposits')),
    ...adminErrors(),
  },
});

export function registerMicrodepositAdminRoutes(api: AdminApi, deps: AdminDeps): void {
  api.openapi(listRoute, (c) => {
    const tenant = deps.tenants.get(c.var.clientId);
    // Shown as the client's next request would see them.
    if (tenant.microdeposits.size) settleTenant(tenant, tenant.clock.now());
    const micro_deposits = tenant.microdeposits.all().map((md) => {
      const amounts = depositedAmounts(md);
      return {
        guid: md.guid,
        user_guid: md.user_guid,
        status: md.status,
        deposit_amount_1: amounts?.[0] ?? null,
        deposit_amount_2: amounts?.[1] ?? null,
        attempts_left: Math.max(0, MAX_VERIFY_ATTEMPTS - md.failed_attempts),
        next_step_at: md.due_at === null ? null : isoTime(md.due_at),
      };
    });
    return c.json({ micro_deposits }, 200);
  });
}
