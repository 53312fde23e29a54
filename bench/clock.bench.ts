// `npm run bench:clock`: what a long clock move costs. One client has 100 MX Bank members (MX timing:
// daily background aggregation); its clock moves on by a day, a month, a year and ten years, and the
// next API request (which settles everything that fell due) is timed, in process (`app.request`).
// The goal (docs/shared-instance.md#clock-moves): under 100 ms for any move, since a request that
// settles blocks every other client's requests meanwhile.
//
//   --members N   BENCH_MEMBERS   members of the client (default 100)
import { parseArgs } from 'node:util';
import { createSimulator } from '../src/server/app.js';
import { ManualClock } from '../src/server/clock.js';
import { MXBANK_LOGIN_GUID, MXBANK_PASSWORD_GUID } from '../src/server/generators/institutions.js';
import { inProcessClient } from './in-process.js';

const { values } = parseArgs({ options: { members: { type: 'string' } } });
const MEMBERS = Number(values.members ?? process.env.BENCH_MEMBERS ?? 100);
const DAY = 24 * 3_600_000;

async function world() {
  const clock = new ManualClock();
  const sim = createSimulator({ clock });
  const call = inProcessClient(sim.app);
  const user = (await call('POST', '/users', { user: { id: 'bench' } })).user.guid;
  for (let i = 0; i < MEMBERS; i++) {
    const credentials = [
      { guid: MXBANK_LOGIN_GUID, value: `user${i}` },
      { guid: MXBANK_PASSWORD_GUID, value: 'password' },
    ];
    await call('POST', `/users/${user}/members`, { member: { institution_code: 'mxbank', credentials, id: `m${i}` } });
  }
  clock.advance(60_000);
  await call('GET', `/users/${user}/members?records_per_page=1`);
  return { clock, call, user };
}

// Warm-up (discarded): the first world pays for compiling the code paths.
{
  const { clock, call, user } = await world();
  clock.advance(DAY);
  await call('GET', `/users/${user}/members?records_per_page=1`);
}

console.log(`clock moves, ${MEMBERS} MX Bank members, MX timing (daily background aggregation)`);
console.log('move        settle + first request: wall   CPU        transactions of the user');
for (const [label, ms] of [
  ['1 day', DAY],
  ['30 days', 30 * DAY],
  ['1 year', 365 * DAY],
  ['10 years', 3650 * DAY],
] as const) {
  const { clock, call, user } = await world();
  clock.advance(ms);
  const started = performance.now();
  const cpu = process.cpuUsage();
  await call('GET', `/users/${user}/members?records_per_page=1`);
  const took = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const total = (await call('GET', `/users/${user}/transactions?records_per_page=1`)).pagination.total_entries;
  console.log(`${label.padEnd(12)}${`${took.toFixed(1)} ms`.padEnd(31)}${`${cpuMs.toFixed(1)} ms`.padEnd(11)}${total}`);
}
