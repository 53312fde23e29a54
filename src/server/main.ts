// The only file that reads argv/env and listens: `npm start`, `mx-sim`.
import { constants } from 'node:os';
import { Command, InvalidArgumentError, Option } from 'commander';
import { pino } from 'pino';
import { codeCacheState } from '../cached-bundle.js';
import { type LoadedScenario, loadScenarioFile, resolveScenarioPath, ScenarioError } from '../scenarios/load.js';
import { createSimulator, DEFAULT_MAX_TENANTS } from './app.js';
import { listen, Shutdown } from './http-server.js';
import type { ClientCredential } from './middleware/auth.js';
import { parsePublicUrl } from './routes/oauth-consent.js';
import { StateFileError } from './state-file.js';
import { type ContractWatch, loadContractWatch } from './watch/contract-watch.js';
import { WebhookAllowList } from './webhooks/targets.js';

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

function atLeastOne(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000_000) throw new InvalidArgumentError('expected a whole number from 1');
  return n;
}

function client(value: string, previous: ClientCredential[] = []): ClientCredential[] {
  const colon = value.indexOf(':');
  if (colon <= 0 || colon === value.length - 1) throw new InvalidArgumentError('expected CLIENT_ID:API_KEY');
  return [...previous, { client_id: value.slice(0, colon), api_key: value.slice(colon + 1) }];
}

function publicUrl(value: string): string {
  try {
    return parsePublicUrl(value);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

function webhookAllow(value: string, previous: string[] = []): string[] {
  try {
    new WebhookAllowList([value]);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message.replace(/^--webhook-allow: /, ''));
  }
  return [...previous, value];
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
  .option(
    '--lenient-version',
    "let 'Accept: application/vnd.mx.api.v1+json' alone select v20111101, as MX did before 2026-08-12 (default: Accept-Version is required)",
    false,
  )
  .addOption(
    new Option(
      '--strict-version',
      'deprecated: requiring Accept-Version is the default now; accepted and ignored',
    ).default(false),
  )
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
    '--shutdown-grace <ms>',
    'on SIGTERM or SIGINT, how long in-flight requests have to finish before connections are closed (a second signal exits at once)',
    milliseconds,
    5000,
  )
  .option(
    '--public-url <url>',
    'the URL browsers reach the simulator at: oauth_window_uri points under it (default: where it listens; env MX_SIM_PUBLIC_URL)',
    publicUrl,
    process.env.MX_SIM_PUBLIC_URL ? publicUrl(process.env.MX_SIM_PUBLIC_URL) : undefined,
  )
  .option(
    '--webhook-allow <hosts>',
    "hosts, IP addresses or CIDRs a scenario's webhooks.url may point at (repeatable or comma-separated; default: any)",
    webhookAllow,
  )
  .option(
    '--max-tenants <n>',
    'how many client_ids may hold a world at once; a new one past that gets 503 (env MX_SIM_MAX_TENANTS)',
    atLeastOne,
    atLeastOne(process.env.MX_SIM_MAX_TENANTS ?? String(DEFAULT_MAX_TENANTS)),
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
  .option(
    '--journal-size <n>',
    'requests kept per client for GET /_mx-sim/journal and the inspector page (0: none)',
    (v) => (v === '0' ? 0 : atLeastOne(v)),
    200,
  )
  .option('--log-level <level>', 'fatal, error, warn, info, debug or silent', process.env.LOG_LEVEL ?? 'info')
  .addOption(
    new Option(
      '--log-format <format>',
      'pretty: one readable line per event (needs the optional pino-pretty); json: JSON lines; auto: pretty on a terminal',
    )
      .choices(['auto', 'pretty', 'json'])
      .default(process.env.LOG_FORMAT ?? 'auto'),
  )
  .addHelpText(
    'after',
    `
Examples:
  mx-sim                                    the built-in MX Bank world on http://127.0.0.1:8080
  mx-sim --port 0 --fast                    a free port; jobs complete within milliseconds (CI)
  mx-sim --scenario mfa-gauntlet            a built-in scenario by name (or a YAML/JSON file)
  mx-sim --client ci:secret --host 0.0.0.0  only these credentials, on every interface (containers)
  mx-sim --contract mx                      check all traffic against MX's documents (GET /_mx-sim/contract)
  mx-sim --state worlds.json                keep every client's world across restarts

Then: curl -u my-client:my-key -H 'Accept-Version: v20250224' http://127.0.0.1:8080/institutions/mxbank
Environment: PORT, HOST, MX_SIM_SEED, MX_SIM_CLIENTS, MX_SIM_FAST, MX_SIM_CONTRACT, MX_SIM_MAX_TENANTS,
MX_SIM_PUBLIC_URL, LOG_LEVEL, LOG_FORMAT. The first line printed is 'mx-sim listening on <url>'.`,
  )
  .showHelpAfterError();

program.parse();
const opts = program.opts<{
  port: number;
  host: string;
  seed: string;
  client?: ClientCredential[];
  lenientVersion: boolean;
  strictVersion: boolean;
  fast: boolean;
  institutions: number;
  scenario?: string[];
  contract?: 'mx' | 'own';
  tickMs: number;
  shutdownGrace: number;
  publicUrl?: string;
  webhookAllow?: string[];
  maxTenants: number;
  state?: string;
  stateInterval: number;
  logLevel: string;
  logFormat: 'auto' | 'pretty' | 'json';
  journalSize: number;
}>();

/**
 * JSON lines, or with `pretty` (and `auto` on a terminal) one readable line per event through pino-pretty,
 * an optional dependency: without it the logs stay JSON (a warning says so when `pretty` was asked for).
 */
async function makeLogger(level: string, format: 'auto' | 'pretty' | 'json') {
  if (format === 'json' || (format === 'auto' && !process.stdout.isTTY)) return pino({ level });
  try {
    const { default: pretty } = await import('pino-pretty');
    const stream = pretty({
      colorize: process.stdout.isTTY === true,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname',
      sync: true,
    });
    return pino({ level }, stream);
  } catch {
    const logger = pino({ level });
    if (format === 'pretty') logger.warn('--log-format pretty needs the optional package pino-pretty: logging JSON');
    return logger;
  }
}
/** Everything after the options: no top-level await, so the command can be bundled as CommonJS (scripts/build.mjs). */
async function main(): Promise<void> {
  const logger = await makeLogger(opts.logLevel, opts.logFormat);
  if (opts.strictVersion && opts.lenientVersion) {
    process.stderr.write('mx-sim: --strict-version and --lenient-version contradict each other\n');
    process.exit(1);
  }
  if (opts.strictVersion) {
    logger.warn(
      '--strict-version is deprecated: requiring Accept-Version is the default now (--lenient-version turns it off)',
    );
  }

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
      lenientVersion: opts.lenientVersion,
      fast: opts.fast,
      institutionCount: opts.institutions,
      logger,
      scenarios,
      contract,
      ...(opts.publicUrl ? { publicUrl: opts.publicUrl } : {}),
      ...(opts.webhookAllow ? { webhookAllow: opts.webhookAllow } : {}),
      maxTenants: opts.maxTenants,
      journalSize: opts.journalSize,
      ...(opts.state ? { stateFile: opts.state } : {}),
    });
  } catch (e) {
    if (!(e instanceof ScenarioError) && !(e instanceof StateFileError)) throw e;
    process.stderr.write(`mx-sim: ${e.message}\n`);
    process.exit(1);
  }

  const clients = opts.client ?? clientsFromEnv(process.env.MX_SIM_CLIENTS);

  let listening: Awaited<ReturnType<typeof listen>>;
  try {
    listening = await listen({ fetch: sim.app.fetch, port: opts.port, hostname: opts.host, logger });
  } catch (e) {
    process.stderr.write(`mx-sim: ${(e as Error).message}\n`);
    process.exit(1);
  }
  sim.listeningOn(listening.url);
  const shutdown = new Shutdown(listening.server, { graceMs: opts.shutdownGrace, logger });
  // The first line on stdout is the URL, so scripts and tests can read it; a few lines of where-is-what follow.
  const base = listening.url.replace(/\/$/, '');
  process.stdout.write(
    [
      `mx-sim listening on ${listening.url}`,
      `  MX Platform API  ${base}  (HTTP Basic client_id:api_key; Accept-Version: v20250224 or v20111101)`,
      `  API documents    ${base}/_mx-sim/openapi/v20250224.json, ${base}/_mx-sim/openapi/v20111101.json`,
      `  admin API        ${base}/_mx-sim  (document: ${base}/_mx-sim/openapi/admin.json)`,
      `  scenarios        ${scenarios.length ? scenarios.map((s) => s.scenario.name ?? s.source).join(', ') : 'none: the built-in MX Bank world'}`,
      '',
    ].join('\n'),
  );
  logger.info(
    {
      seed: opts.seed,
      scenarios: scenarios.map((s) => s.scenario.name ?? s.source),
      auth: clients.length ? `${clients.length} configured client(s)` : 'any client_id:api_key',
      contract: contract ? Object.values(contract.sources) : 'off',
      public_url: opts.publicUrl ?? listening.url,
      max_tenants: opts.maxTenants,
      webhook_targets: opts.webhookAllow ? opts.webhookAllow.join(',') : 'any http(s) URL',
      state: opts.state ?? 'off',
      // How this process compiled its code (src/cached-bundle.ts): `used` is the fast start.
      code_cache: codeCacheState() ?? 'not bundled',
    },
    'mx-sim ready',
  );
  if (!opts.publicUrl && (listening.address.address === '0.0.0.0' || listening.address.address === '::')) {
    logger.warn(`oauth_window_uri points at ${listening.url}, which browsers elsewhere cannot open: set --public-url`);
  }

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
    shutdown.addHook('stop the tick timer', () => clearInterval(ticker));
  }

  // With --state: the file is saved every --state-interval ms when something changed (the timer never keeps
  // the process alive), and once more on shutdown, as its last hook: after the connections closed, so no
  // request changes a world after it.
  if (opts.state) {
    const file = opts.state;
    if (opts.stateInterval > 0) {
      const saver = setInterval(() => {
        sim.state.saveIfChanged().catch((e) => logger.error({ err: e }, 'saving the state failed'));
      }, opts.stateInterval);
      saver.unref();
      shutdown.addHook('stop the periodic saves', () => clearInterval(saver));
    }
    shutdown.addHook('save the state', async () => {
      try {
        await sim.state.close();
      } catch (e) {
        process.stderr.write(`mx-sim: could not save the state to ${file}: ${(e as Error).message}\n`);
        throw e;
      }
    });
  }

  // The first signal shuts down in steps (http-server.ts) and exits 0, or 1 when a hook failed; a second
  // one exits at once with 128 + the signal's number (130 for SIGINT, 143 for SIGTERM), as a shell reports it.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (shutdown.started) {
        logger.warn({ signal }, `${signal} again: exiting now, without waiting for in-flight requests`);
        process.exit(128 + constants.signals[signal]);
      }
      shutdown.run(signal).then(
        (ok) => process.exit(ok ? 0 : 1),
        (err) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`mx-sim: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
