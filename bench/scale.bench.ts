// `npm run bench:scale`: the scale goals of issue 14 (goal 3), each a small world against a large one.
//
//   users     GET /users (page 1 and the last page, 25 a page) of a client with 1,000 users and of one
//             with 100,000: a page costs about the same.
//   status    GET …/members/{m}/status of a client with 10 connected members and of one with 10,000
//             (a poll settles the client's due steps first): a poll costs about the same.
//   memory    RSS after 10,000 client_ids each created a user and one MX Bank member and read its
//             accounts (bench/tenant-memory.ts in a child process with --expose-gc): under 1 GiB.
//
// In process (`app.request`, no sockets), on a ManualClock that does not move while timing, so the
// figures are the simulator's own work. The small worlds are made over the API; the large ones add
// their extra users and members straight into the client's stores (copies of an API-made connected
// member, each with its own guid and its own background aggregation a day ahead), which is what the
// API would have left there, minus the minutes it takes to make them.
//
// Options (flag, else environment variable, else default):
//   --iterations N   BENCH_ITERATIONS   timed requests per row and world (1000)
//   --clients N      BENCH_CLIENTS      client_ids in the memory row (10000)
//   --json FILE      BENCH_JSON         also write the figures as JSON there
//
// Exit code: 0 whatever the figures (it is a benchmark, not a test).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createSimulator } from '../src/server/app.js';
import { ManualClock } from '../src/server/clock.js';
import { MXBANK_LOGIN_GUID, MXBANK_PASSWORD_GUID } from '../src/server/generators/institutions.js';
import type { MemberRecord } from '../src/server/store/members.js';
import { goal, writeReport } from './goals.js';
import { inProcessClient } from './in-process.js';

const { values } = parseArgs({
  options: { iterations: { type: 'string' }, clients: { type: 'string' }, json: { type: 'string' } },
});
const ITERATIONS = Number(values.iterations ?? process.env.BENCH_ITERATIONS ?? 1000);
const CLIENTS = Number(values.clients ?? process.env.BENCH_CLIENTS ?? 10_000);
const JSON_FILE = values.json ?? process.env.BENCH_JSON;
/** A large world's request may cost at most this much more than a small one's. */
const RATIO_TARGET = 1.5;
const RSS_TARGET_MB = 1024;

const clock = new ManualClock();
const sim = createSimulator({ clock, fast: true, maxTenants: 100 });

function tenantOf(clientId: string) {
  const tenant = sim.tenants.find(clientId);
  if (!tenant) throw new Error(`client ${clientId} keeps no world`);
  return tenant;
}

type Call = ReturnType<typeof inProcessClient>;
const ROUNDS = 7;

/**
 * Mean µs per request of a small world's request and a large world's, measured alternately in rounds
 * after a warm-up of both (so neither gets the other's JIT or GC debt): the median round of each.
 */
async function compare(a: [Call, string], b: [Call, string]): Promise<[number, number]> {
  const each = Math.max(1, Math.ceil(ITERATIONS / ROUNDS));
  const run = async ([call, path]: [Call, string], n: number) => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await call('GET', path);
    return Number(process.hrtime.bigint() - start) / 1000 / n;
  };
  await run(a, 100);
  await run(b, 100);
  const ra: number[] = [];
  const rb: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    ra.push(await run(a, each));
    rb.push(await run(b, each));
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number;
  return [median(ra), median(rb)];
}

/** A client with `count` users: the first over the API, the rest put straight into its store. */
async function usersWorld(count: number) {
  const clientId = `users-${count}`;
  const call = inProcessClient(sim.app, clientId);
  await call('POST', '/users', { user: { id: 'u0', email: 'u0@example.com' } });
  const users = tenantOf(clientId).users;
  const at = clock.now();
  for (let i = 1; i < count; i++) {
    const guid = `USR-${clientId}-${String(i).padStart(6, '0')}`;
    users.insert({
      guid,
      id: `u${i}`,
      email: `u${i}@example.com`,
      is_disabled: false,
      metadata: null,
      created_at_ms: at,
    });
  }
  return { call, lastPage: Math.ceil(count / 25) };
}

/** A client with `count` connected MX Bank members: one over the API, the rest copies of it. */
async function membersWorld(count: number) {
  const clientId = `members-${count}`;
  const call = inProcessClient(sim.app, clientId);
  const user = (await call('POST', '/users', { user: { id: 'u0' } })).user.guid;
  const credentials = [
    { guid: MXBANK_LOGIN_GUID, value: 'mxuser' },
    { guid: MXBANK_PASSWORD_GUID, value: 'password' },
  ];
  const guid = (await call('POST', `/users/${user}/members`, { member: { institution_code: 'mxbank', credentials } }))
    .member.guid;
  clock.advance(10);
  const path = `/users/${user}/members/${guid}/status`;
  const status = (await call('GET', path)).member;
  if (status.connection_status !== 'CONNECTED' || status.is_being_aggregated) throw new Error('member not connected');
  const members = tenantOf(clientId).members;
  const template = members.byGuid(guid) as MemberRecord;
  for (let i = 1; i < count; i++) {
    members.insert({
      ...template,
      guid: `MBR-${clientId}-${String(i).padStart(6, '0')}`,
      credentials: template.credentials.map((c) => ({ ...c, value: `mxuser${i}` })),
      next_background_at: (template.next_background_at as number) + i,
    });
  }
  return { call, path };
}

interface Row {
  goal: string;
  request: string;
  small: string;
  large: string;
  smallValue: number;
  largeValue: number;
  unit: string;
  figure: string;
  target: string;
  pass: boolean;
}

const rows: Row[] = [];
const ratioRow = (goal: string, request: string, small: string, large: string, a: number, b: number) => {
  rows.push({
    goal,
    request,
    small,
    large,
    smallValue: a,
    largeValue: b,
    unit: 'µs per request',
    figure: `${(b / a).toFixed(2)}×`,
    target: `≤ ${RATIO_TARGET}×`,
    pass: b / a <= RATIO_TARGET,
  });
};

console.log(
  `${ITERATIONS} timed requests per row and world (in process), in ${ROUNDS} alternating rounds: the median round's mean µs per request`,
);
const usersSmall = await usersWorld(1_000);
const usersLarge = await usersWorld(100_000);
for (const [label, query] of [
  ['GET /users, page 1', (_last: number) => '/users'],
  ['GET /users, last page', (last: number) => `/users?page=${last}`],
  ['GET /users?id= (one user)', (_last: number) => '/users?id=u500'],
] as const) {
  const [a, b] = await compare(
    [usersSmall.call, query(usersSmall.lastPage)],
    [usersLarge.call, query(usersLarge.lastPage)],
  );
  ratioRow('users', label, '1,000 users', '100,000 users', a, b);
}

const membersSmall = await membersWorld(10);
const membersLarge = await membersWorld(10_000);
{
  const [a, b] = await compare([membersSmall.call, membersSmall.path], [membersLarge.call, membersLarge.path]);
  ratioRow('status', 'GET …/members/{m}/status', '10 members', '10,000 members', a, b);
}

// Memory: a child process, so this one's worlds and caches do not count.
{
  const script = fileURLToPath(new URL('./tenant-memory.ts', import.meta.url));
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', script, '--clients', String(CLIENTS), '--kind', 'member'],
    { encoding: 'utf8' },
  );
  if (child.status !== 0) throw new Error(`tenant-memory.ts failed: ${child.stderr}`);
  const out = child.stdout.trim();
  console.log(`memory: ${out}`);
  const rss = /RSS ([\d.]+) MB → ([\d.]+) MB/.exec(out);
  const perClient = /([\d.]+) KB per client_id/.exec(out);
  if (!rss || !perClient) throw new Error(`unexpected tenant-memory.ts output: ${out}`);
  const after = Number(rss[2]);
  rows.push({
    goal: 'memory',
    request: `RSS, ${CLIENTS.toLocaleString('en-US')} clients × 1 MX Bank member`,
    small: 'before',
    large: 'after',
    smallValue: Number(rss[1]),
    largeValue: after,
    unit: 'MB',
    figure: `${after.toFixed(0)} MB (${perClient[1]} KB heap per client)`,
    target: `< ${RSS_TARGET_MB} MB`,
    pass: after < RSS_TARGET_MB,
  });
}

const head = ['goal', 'measure', 'small', 'large', 'small value', 'large value', 'figure', 'target', ''];
const body = rows.map((r) => [
  r.goal,
  r.request,
  r.small,
  r.large,
  r.smallValue.toFixed(1),
  r.largeValue.toFixed(1),
  r.figure,
  r.target,
  r.pass ? 'PASS' : 'BELOW TARGET',
]);
const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] as string).length)));
const line = (cells: string[]) =>
  cells
    .map((c, i) => (i === 4 || i === 5 ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number)))
    .join('   ')
    .trimEnd();
console.log(`\n${[line(head), ...body.map(line)].join('\n')}`);
console.log('values: µs per request (users, status); MB of RSS before and after the clients (memory)');

if (JSON_FILE) {
  writeReport(JSON_FILE, {
    config: { iterations: ITERATIONS, clients: CLIENTS, ratioTarget: RATIO_TARGET, rssTargetMb: RSS_TARGET_MB },
    rows,
    // In the shape every bench reports (bench/goals.ts), for `npm run bench`'s table.
    goals: rows.map((r) =>
      goal({
        goal: '3 scale',
        measure: `${r.request} (${r.small} → ${r.large})`,
        value: r.unit === 'MB' ? r.largeValue : r.largeValue / r.smallValue,
        unit: r.unit === 'MB' ? 'MB' : '×',
        target: r.target,
        pass: r.pass,
      }),
    ),
  });
  console.log(`figures written to ${JSON_FILE}`);
}
