// The only file that reads argv/env and listens: `npm start`, `mx-sim`.
import { serve } from '@hono/node-server';
import { Command, InvalidArgumentError, Option } from 'commander';
import { pino } from 'pino';
import { type LoadedScenario, loadScenarioFile, resolveScenarioPath, ScenarioError } from '../scenarios/load.js';
import { createSimulator } from './app.js';
import type { ClientCredential } from './middleware/auth.js';
import { StateFileError } from './state-file.js';
import { type ContractWatch, loadContractWatch } from './watch/contract-watch.js';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('expected a port number from 0 to 65535');
  return n;
}

function milliseconds(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 3_600_000)
    throw new InvalidArgumentError('expected milliseconds from 0 to 3600000');
  return n;
}

function client(value: string, previous: ClientCredential[] = []): ClientCredential[] {
  const colon = value.indexOf(':');
  if (colon <= 0 || colon === value.length - 1) throw new InvalidArgumentError('expected CLIENT_ID:API_KEY');
  return [...previous, { client_id: value.slice(0, colon), api_key: value.slice(colon + 1) }];
}

function clientsFromEnv(value: string | undefined): ClientCredential[] {
  return (value ?? '')
    .split(',')
    .filter(Boolean)
    .reduce<ClientCredential[]>((acc, pair) => client(pair.trim(), acc), []);
}

const program = new Command()
  .name('mx-sim')
  .description('An offline, stateful simulator of the MX Platform API')
  .option('-p, --port <port>', 'port to listen on (0 picks a free port)', port, port(process.env.PORT ?? '8080'))
  .option('--host <host>', 'interface to listen on', process.env.HOST ?? '127.0.0.1')
  .option('--seed <seed>', 'seed for every generated id and record', process.env.MX_SIM_SEED ?? 'mx-sim')
  .option(
    '--client <client_id:api_key>',
    'accept only these credentials (repeatable; env MX_SIM_CLIENTS=a:b,c:d)',
    client,
  )
  .option('--fast', 'complete jobs within milliseconds (for CI); env MX_SIM_FAST=1', process.env.MX_SIM_FAST === '1')
  .option('--strict-version', 'require the Accept-Version header, as MX does after 2026-08-12', false)
  .option(
    '--institutions <count>',
    'how many generated institutions to add to the test institutions',
    (v) => port(v),
    300,
  )
  .option(
    '--scenario <file>',
    'load a scenario file, or a built-in scenario by name (repeatable; merged in order)',
    (v: string, previous: string[] = []) => [...previous, v],
  )
  .addOption(
    new Option('--contract <documents>', 'check every request and answer against API documents (GET /_mx-sim/contract)')
      .choices(['mx', 'own'])
      .env('MX_SIM_CONTRACT'),
  )
  .option(
    '--tick-ms <ms>',
    'how often due lifecycle steps are applied without a request, so webhooks go out on time (0: never; only when a world has webhooks)',
    milliseconds,
    500,
  )
  .option(
    '--state <file>',
    "keep every client's world in this file: loaded at start, saved on shutdown and periodically",
  )
  .option(
    '--state-interval <ms>',
    'with --state, how often the file is saved when something changed (0: on shutdown only)',
    milliseconds,
    30_000,
  )
  .option('--log-level <level>', 'fatal, error, warn, info, debug or silent', process.env.LOG_LEVEL ?? 'info')
  .showHelpAfterError();

program.parse();
const opts = program.opts<{
  port: number;
  host: string;
  seed: string;
  client?: ClientCredential[];
  strictVersion: boolean;
  fast: boolean;
  institutions: number;
  scenario?: string[];
  contract?: 'mx' | 'own';
  tickMs: number;
  state?: string;
  stateInterval: number;
  logLevel: string;
}>();

let contract: ContractWatch | undefined;
try {
  contract = opts.contract ? await loadContractWatch(opts.contract) : undefined;
} catch (e) {
  process.stderr.write(`mx-sim: ${(e as Error).message}\n`);
  process.exit(1);
}

let scenarios: LoadedScenario[];
let sim: ReturnType<typeof createSimulator>;
try {
  scenarios = (opts.scenario ?? []).map((name) => {
    const path = resolveScenarioPath(name);
    return { scenario: loadScenarioFile(path), source: path };
  });
  sim = createSimulator({
    seed: opts.seed,
    clients: opts.client ?? clientsFromEnv(process.env.MX_SIM_CLIENTS),
    strictVersion: opts.strictVersion,
    fast: opts.fast,
    institutionCount: opts.institutions,
    logger: pino({ level: opts.logLevel }),
    scenarios,
    contract,
    ...(opts.state ? { stateFile: opts.state } : {}),
  });
} catch (e) {
  if (!(e instanceof ScenarioError) && !(e instanceof StateFileError)) throw e;
  process.stderr.write(`mx-sim: ${e.message}\n`);
  process.exit(1);
}

const logger = pino({ level: opts.logLevel });
const clients = opts.client ?? clientsFromEnv(process.env.MX_SIM_CLIENTS);

const server = serve({ fetch: sim.app.fetch, port: opts.port, hostname: opts.host }, (info) => {
  const host = info.address.includes(':') ? `[${info.address}]` : info.address;
  // The first line on stdout is the URL, so scripts and tests can read it.
  process.stdout.write(`mx-sim listening on http://${host}:${info.port}\n`);
  logger.info(
    {
      seed: opts.seed,
      scenarios: scenarios.map((s) => s.scenario.name ?? s.source),
      auth: clients.length ? `${clients.length} configured client(s)` : 'any client_id:api_key',
      contract: contract ? Object.values(contract.sources) : 'off',
    },
    'mx-sim ready',
  );
});

// The one timer: with the system clock a job that ends while nobody polls would otherwise never send
// its webhook. tick() applies what is due, as a request would; it runs only while some world has webhooks.
if (opts.tickMs > 0) {
  const ticker = setInterval(() => {
    try {
      if (sim.hasWebhooks()) sim.tick();
    } catch (e) {
      logger.error({ err: e }, 'tick failed');
    }
  }, opts.tickMs);
  ticker.unref();
}

// With --state: saved when something changed, every --state-interval ms, and once more on shutdown.
if (opts.state && opts.stateInterval > 0) {
  const saver = setInterval(() => {
    sim.state.saveIfChanged().catch((e) => logger.error({ err: e }, 'saving the state failed'));
  }, opts.stateInterval);
  saver.unref();
}
const saveAndExit = () =>
  sim.state.close().then(
    () => process.exit(0),
    (e: Error) => {
      process.stderr.write(`mx-sim: could not save the state to ${opts.state}: ${e.message}\n`);
      process.exit(1);
    },
  );

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => void saveAndExit()));
}
