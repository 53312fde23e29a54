// Memory kept per client_id, in process (no sockets): N new client_ids each send one request, then a
// forced GC, and the heap growth is divided by N. Run with --expose-gc:
//
//   node --expose-gc --import tsx bench/tenant-memory.ts [--clients 5000] [--kind read|write|member]
//
//   read    GET /users (a read that needs no world)
//   write   POST /users (one user: the smallest world a client keeps)
//   member  POST /users, then a member at mxbank aggregated (6 accounts, their transactions)
import { parseArgs } from 'node:util';
import { createSimulator } from '../src/server/app.js';
import { ManualClock } from '../src/server/clock.js';
import { MXBANK_LOGIN_GUID, MXBANK_PASSWORD_GUID } from '../src/server/generators/institutions.js';

const { values } = parseArgs({ options: { clients: { type: 'string' }, kind: { type: 'string' } } });
const clients = Number(values.clients ?? 5000);
const kind = values.kind ?? 'read';
if (!['read', 'write', 'member'].includes(kind)) throw new Error(`--kind: read, write or member (got ${kind})`);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const clock = new ManualClock();
// Room for every client (the option is ignored by code from before the limit).
const sim = createSimulator({ clock, maxTenants: clients + 1 } as Parameters<typeof createSimulator>[0]);
const headers = (id: string) => ({
  authorization: `Basic ${Buffer.from(`${id}:key`).toString('base64')}`,
  'accept-version': 'v20250224',
  accept: 'application/json',
  'content-type': 'application/json',
});
const call = async (id: string, method: string, path: string, body?: unknown) => {
  const res = await sim.app.request(path, {
    method,
    headers: headers(id),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<any>;
};

async function once(id: string): Promise<void> {
  if (kind === 'read') {
    await call(id, 'GET', '/users');
    return;
  }
  const { user } = await call(id, 'POST', '/users', { user: { id: 'u1' } });
  if (kind === 'member') {
    await call(id, 'POST', `/users/${user.guid}/members`, {
      member: {
        institution_code: 'mxbank',
        credentials: [
          { guid: MXBANK_LOGIN_GUID, value: 'mxuser' },
          { guid: MXBANK_PASSWORD_GUID, value: 'password' },
        ],
      },
    });
    clock.advance(60_000);
    await call(id, 'GET', `/users/${user.guid}/accounts`);
  }
}

// Warm up on one client (module caches, the catalogue's encoded answers), then measure.
await once('warm-up');
gc();
gc();
const before = process.memoryUsage();
for (let i = 0; i < clients; i++) await once(`client-${i}`);
gc();
gc();
const after = process.memoryUsage();
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const kept = sim.tenants.clientIds().length;
process.stdout.write(
  `${clients} client_ids, one ${kind} each: heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)} ` +
    `(+${mb(after.heapUsed - before.heapUsed)}, ${((after.heapUsed - before.heapUsed) / clients / 1024).toFixed(1)} KB per client_id); ` +
    `RSS ${mb(before.rss)} → ${mb(after.rss)}; tenants kept: ${kept}\n`,
);
