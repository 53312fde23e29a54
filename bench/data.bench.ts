// `npm run bench:data`: what one page of member data costs with small and with large volumes.
// A default MX Bank member (6 accounts, ~170 transactions) against a simbank member asked for
// 50 accounts × 10,000 transactions (500,000 in the window). Same requests, in process
// (`app.request`, no sockets, so the figures are the simulator's own work), timed per request.
// The goal: a page of a large member costs about the same as a page of a small one.
//
//   --iterations N   BENCH_ITERATIONS   timed requests per row (default 300)
//   --json FILE      the figures and goals as JSON (default reports/data-<time>.json)
//
// Issue 14's goal 3 counts a row as the same cost when large/small ≤ 2.
import { parseArgs } from 'node:util';
import { createSimulator } from '../src/server/app.js';
import { ManualClock } from '../src/server/clock.js';
import { MXBANK_LOGIN_GUID, MXBANK_PASSWORD_GUID } from '../src/server/generators/institutions.js';
import { defaultReportPath, goal, goalTable, writeReport } from './goals.js';
import { inProcessClient } from './in-process.js';

const { values } = parseArgs({ options: { iterations: { type: 'string' }, json: { type: 'string' } } });
/** A page of the large member may cost at most this many times the small one's. */
const SAME_COST = 2;
const ITERATIONS = Number(values.iterations ?? process.env.BENCH_ITERATIONS ?? 300);

const clock = new ManualClock();
const sim = createSimulator({ clock, fast: true });
const call = inProcessClient(sim.app);

async function member(institution: string, login: string) {
  const user = (await call('POST', '/users', { user: { id: `bench-${institution}` } })).user.guid;
  const fields =
    institution === 'mxbank'
      ? [
          { guid: MXBANK_LOGIN_GUID, value: login },
          { guid: MXBANK_PASSWORD_GUID, value: 'password' },
        ]
      : (await call('GET', `/institutions/${institution}/credentials`)).credentials.map((f: any) => ({
          guid: f.guid,
          value: f.field_name === 'LOGIN' ? login : 'password',
        }));
  const m = (
    await call('POST', `/users/${user}/members`, { member: { institution_code: institution, credentials: fields } })
  ).member.guid;
  clock.advance(10);
  const path = `/users/${user}/members/${m}`;
  const status = (await call('GET', `${path}/status`)).member;
  if (status.is_being_aggregated) throw new Error('member still aggregating');
  const accounts = (await call('GET', `${path}/accounts?records_per_page=100`)).accounts;
  const total = (await call('GET', `${path}/transactions`)).pagination.total_entries;
  const deepPage = Math.max(1, Math.floor(total / 25 / 2));
  const txn = (await call('GET', `${path}/transactions?page=${deepPage}`)).transactions[0];
  return { user, path, accounts, total, deepPage, txn };
}

type Member = Awaited<ReturnType<typeof member>>;

const ROWS: Array<[string, (m: Member) => string]> = [
  ['member transactions, page 1 (25)', (m) => `${m.path}/transactions`],
  ['member transactions, middle page (25)', (m) => `${m.path}/transactions?page=${m.deepPage}`],
  ['member transactions, page 1 (100)', (m) => `${m.path}/transactions?records_per_page=100`],
  ['user transactions, date range', (m) => `/users/${m.user}/transactions?from_date=2025-12-01&to_date=2025-12-31`],
  ['account transactions, page 1', (m) => `/users/${m.user}/accounts/${m.accounts[0].guid}/transactions`],
  ['read transaction', (m) => `/users/${m.user}/transactions/${m.txn.guid}`],
  ['member accounts, page 1 (6 rows / 25 rows)', (m) => `${m.path}/accounts`],
];

async function time(path: string): Promise<number> {
  for (let i = 0; i < Math.min(50, ITERATIONS); i++) await call('GET', path);
  const start = process.hrtime.bigint();
  for (let i = 0; i < ITERATIONS; i++) await call('GET', path);
  return Number(process.hrtime.bigint() - start) / 1000 / ITERATIONS;
}

const small = await member('mxbank', 'mxuser');
const large = await member('simbank', 'mxuser accounts=50 transactions=10000');
console.log(
  `small: MX Bank default member, ${small.accounts.length} accounts, ${small.total} transactions in the default window`,
);
console.log(
  `large: simbank member, ${large.accounts.length} accounts, ${large.total} transactions in the default window`,
);
console.log(`${ITERATIONS} timed requests per row (in process), mean µs per request\n`);
console.log(`${'request'.padEnd(42)} ${'small'.padStart(9)} ${'large'.padStart(9)} ${'large/small'.padStart(12)}`);
const rows: Array<{ request: string; smallUs: number; largeUs: number }> = [];
for (const [label, path] of ROWS) {
  const a = await time(path(small));
  const b = await time(path(large));
  rows.push({ request: label, smallUs: a, largeUs: b });
  console.log(
    `${label.padEnd(42)} ${a.toFixed(0).padStart(9)} ${b.toFixed(0).padStart(9)} ${(b / a).toFixed(2).padStart(12)}`,
  );
}
// The accounts row lists 6 rows against 25: not the same page, so not a goal.
const goals = rows
  .filter((r) => !r.request.startsWith('member accounts'))
  .map((r) =>
    goal({
      goal: '3 scale',
      measure: `${r.request}: ${large.total} vs ${small.total} transactions, cost large / small`,
      value: r.largeUs / r.smallUs,
      unit: '×',
      target: `≤ ${SAME_COST}×`,
      pass: r.largeUs / r.smallUs <= SAME_COST,
    }),
  );
console.log('');
console.log(goalTable(goals));
const file = writeReport(values.json ?? defaultReportPath('data'), { iterations: ITERATIONS, rows, goals });
console.log(`figures written to ${file}`);
