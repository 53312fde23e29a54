// `npm run bench:state`: what a state file (--state) costs. N clients each get one user with M MX Bank
// members that have connected and gathered their data (accounts, transactions, statements, owners,
// account numbers), so each client's world also logs webhooks; then the whole simulator is saved to a
// state file and a new simulator is created from it, in process. Prints the file size and the save and
// load times (best of --rounds), and the time a simulator takes to start without a state file, for
// comparison (docs/shared-instance.md#state-that-survives-a-restart).
//
//   --clients N   BENCH_CLIENTS   clients (default 100)
//   --members M   BENCH_MEMBERS   members per client (default 10)
//   --rounds R    BENCH_ROUNDS    saves and loads timed; the best is shown (default 3)
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createSimulator } from '../src/server/app.js';
import { ManualClock } from '../src/server/clock.js';
import { MXBANK_LOGIN_GUID, MXBANK_PASSWORD_GUID } from '../src/server/generators/institutions.js';
import { inProcessClient } from './in-process.js';

const { values } = parseArgs({
  options: { clients: { type: 'string' }, members: { type: 'string' }, rounds: { type: 'string' } },
});
const CLIENTS = Number(values.clients ?? process.env.BENCH_CLIENTS ?? 100);
const MEMBERS = Number(values.members ?? process.env.BENCH_MEMBERS ?? 10);
const ROUNDS = Number(values.rounds ?? process.env.BENCH_ROUNDS ?? 3);
const AT = '2026-03-02T10:00:00Z';

const dir = mkdtempSync(join(tmpdir(), 'mx-sim-bench-state-'));
const file = join(dir, 'state.json');

async function build() {
  const sim = createSimulator({ clock: new ManualClock(AT), fast: true, stateFile: file });
  for (let c = 0; c < CLIENTS; c++) {
    const call = inProcessClient(sim.app, `client-${c}`);
    const user = (await call('POST', '/users', { user: { id: `user-${c}` } })).user.guid;
    for (let m = 0; m < MEMBERS; m++) {
      const credentials = [
        { guid: MXBANK_LOGIN_GUID, value: `login-${m}` },
        { guid: MXBANK_PASSWORD_GUID, value: 'password' },
      ];
      await call('POST', `/users/${user}/members`, {
        member: { institution_code: 'mxbank', credentials },
        data_request: { products: ['transactions', 'statements', 'identity_verification', 'account_verification'] },
      });
    }
    await call('POST', '/_mx-sim/clock', { advance_ms: 60_000 });
    await call('GET', `/users/${user}/members?records_per_page=1`);
  }
  return sim;
}

const best = (xs: number[]) => Math.min(...xs);
const ms = (n: number) => `${n.toFixed(0)} ms`;

const built = performance.now();
const sim = await build();
console.log(`${CLIENTS} clients × ${MEMBERS} MX Bank members with data, built in ${ms(performance.now() - built)}`);

const saves: number[] = [];
const blocking: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const started = performance.now();
  // save() serializes before it returns (that part blocks the event loop); the write and fsync do not.
  const saving = sim.state.save(file);
  blocking.push(performance.now() - started);
  await saving;
  saves.push(performance.now() - started);
}
const bytes = statSync(file).size;

// A periodic save (--state-interval) after one client changed: only that client is serialized again.
const periodic: number[] = [];
const periodicTotal: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  await inProcessClient(sim.app, 'client-0')('POST', '/users', { user: { id: `more-${r}` } });
  const started = performance.now();
  const saving = sim.state.saveIfChanged();
  periodic.push(performance.now() - started);
  if (!(await saving)) throw new Error('the periodic save wrote nothing');
  periodicTotal.push(performance.now() - started);
}

const loads: number[] = [];
const bare: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  let started = performance.now();
  createSimulator({ clock: new ManualClock(AT), fast: true });
  bare.push(performance.now() - started);
  started = performance.now();
  const loaded = createSimulator({ clock: new ManualClock(AT), fast: true, stateFile: file });
  loads.push(performance.now() - started);
  if (loaded.tenants.clientIds().length !== CLIENTS) throw new Error('the state did not load every client');
}

console.log(
  `state file                ${(bytes / 1024 / 1024).toFixed(1)} MiB (${bytes.toLocaleString('en-US')} bytes)`,
);
console.log(`save (serialize + fsync)  ${ms(best(saves))}   (all: ${saves.map(ms).join(', ')})`);
console.log(`  of which serializing    ${ms(best(blocking))}   (blocks the event loop)`);
console.log(
  `periodic save, 1 client changed: ${ms(best(periodicTotal))} (serializing that client: ${ms(best(periodic))})`,
);
console.log(`start with the file       ${ms(best(loads))}   (all: ${loads.map(ms).join(', ')})`);
console.log(`start without a file      ${ms(best(bare))}   (all: ${bare.map(ms).join(', ')})`);
rmSync(dir, { recursive: true, force: true });
