// The reference client's commands: `flow` (the integration flow with contract checks) and `contract`
// (the same run for CI: JUnit XML, non-zero exit on violations), `to-scenario` (a recording → a scenario). `npm run flow -- …`, `mx-sim-client …`.
import { writeFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { parseScenario } from '../scenarios/load.js';
import { PRODUCTS, type Product } from './flow.js';
import { readRecording } from './record.js';
import { type RunOptions, runCommand } from './run.js';
import { recordingToScenario, scenarioYaml } from './to-scenario.js';

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number ≥ 0');
  return n;
}

function products(value: string): Product[] {
  const list = value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const unknown = list.filter((p) => !PRODUCTS.includes(p as Product));
  if (unknown.length)
    throw new InvalidArgumentError(`unknown product ${unknown.join(', ')}; one of ${PRODUCTS.join(', ')}`);
  return list as Product[];
}

function pair(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0)
    throw new InvalidArgumentError('expected FIELD=VALUE (a field name such as PASSWORD, a label or a guid)');
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

const repeat = (value: string, previous: string[] = []) => [...previous, value];

/** The options both commands take. */
function withRunOptions(cmd: Command): Command {
  return cmd
    .option('--base-url <url>', 'run against this base URL (default: an in-process simulator)')
    .option('--mx', "run against MX's integration environment (needs MX_CLIENT_ID and MX_API_KEY)")
    .option('--client-id <id>', 'client_id for --base-url (default: $MX_CLIENT_ID, else mx-sim-flow)')
    .option('--institution <name>', 'institution to search for by name or code', 'MX Bank')
    .option('--products <list>', `comma-separated: ${PRODUCTS.join(', ')}`, products)
    .option('--credential <FIELD=VALUE>', 'a credential value by field name, label or guid (repeatable)', pair)
    .option('--username <value>', 'shorthand for --credential LOGIN=…')
    .option('--password <value>', 'shorthand for --credential PASSWORD=…')
    .option('--answer <value>', 'a scripted challenge answer, in order; TYPE=value for one type (repeatable)', repeat)
    .option('--poll-interval <ms>', 'status polling interval (MX recommends ≥ 3000)', positive, 3000)
    .option('--max-wait <ms>', 'give up polling a member after this long', positive, 600_000)
    .option('--timeout <ms>', 'per-request timeout', positive, 30_000)
    .option('--no-refresh', 'skip the refresh ("Update Data Later") and second read')
    .option('--keep-user', 'keep the user and member instead of deleting them at the end')
    .addOption(
      new Option('--oauth <mode>', 'at an OAuth window: approve/deny (simulator only) or wait for the user').choices([
        'approve',
        'deny',
        'wait',
      ]),
    )
    .option('--scenario <file>', 'scenario file or built-in for the in-process simulator (repeatable)', repeat)
    .option('--seed <seed>', 'seed of the in-process simulator')
    .option('--spec <path>', "OpenAPI document to check against: a path, or 'mx' for MX's (default: the project's own)")
    .option('--junit <file>', 'write the contract results as JUnit XML')
    .option('--record <dir>', 'save every exchange (secrets redacted) to this folder')
    .option('--no-input', 'never prompt, even on a terminal');
}

interface CliOptions {
  baseUrl?: string;
  mx?: boolean;
  clientId?: string;
  institution: string;
  products?: Product[];
  credential?: Record<string, string>;
  username?: string;
  password?: string;
  answer?: string[];
  pollInterval: number;
  maxWait: number;
  timeout: number;
  refresh: boolean;
  keepUser?: boolean;
  oauth?: 'approve' | 'deny' | 'wait';
  scenario?: string[];
  seed?: string;
  spec?: string;
  junit?: string;
  record?: string;
  input: boolean;
}

function toRunOptions(o: CliOptions): RunOptions {
  const credentials = { ...o.credential };
  if (o.username !== undefined) credentials.LOGIN = o.username;
  if (o.password !== undefined) credentials.PASSWORD = o.password;
  return {
    ...(o.baseUrl ? { baseUrl: o.baseUrl } : {}),
    ...(o.mx ? { mx: true } : {}),
    ...(o.clientId ? { clientId: o.clientId } : {}),
    institution: o.institution,
    ...(o.products ? { products: o.products } : {}),
    credentials,
    ...(o.answer ? { answers: o.answer } : {}),
    pollIntervalMs: o.pollInterval,
    maxWaitMs: o.maxWait,
    timeoutMs: o.timeout,
    refresh: o.refresh,
    keepUser: o.keepUser ?? false,
    ...(o.oauth ? { oauth: o.oauth } : {}),
    ...(o.scenario ? { scenarios: o.scenario } : {}),
    ...(o.seed ? { seed: o.seed } : {}),
    ...(o.spec ? { spec: o.spec } : {}),
    ...(o.junit ? { junit: o.junit } : {}),
    ...(o.record ? { record: o.record } : {}),
    // Prompts only on a terminal: in CI (or piped) the flow runs with scripted answers and no questions.
    interactive: o.input && Boolean(process.stdin.isTTY && process.stdout.isTTY),
  };
}

async function execute(o: CliOptions, defaults: Partial<RunOptions> = {}): Promise<void> {
  const print = (line: string) => process.stdout.write(`${line}\n`);
  try {
    const outcome = await runCommand({ ...defaults, ...toRunOptions(o) }, { print });
    process.exitCode = outcome.exitCode;
  } catch (e) {
    process.stderr.write(`mx-sim-client: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  }
}

function buildProgram(): Command {
  const program = new Command()
    .name('mx-sim-client')
    .description("mx-sim's reference MX client: the integration flow, contract checks and recordings")
    .showHelpAfterError();
  withRunOptions(
    program
      .command('flow')
      .description(
        'search → requirements → create member → poll/answer challenges → read products → refresh → read again',
      ),
  ).action((o: CliOptions) => execute(o));
  withRunOptions(
    program
      .command('contract')
      .description(
        'run the flow and check every request and response against an OpenAPI document (exit 1 on violations)',
      ),
  ).action((o: CliOptions) => execute(o));
  program
    .command('to-scenario')
    .description('turn a recording (--record DIR) into a scenario file the simulator replays')
    .argument('<dir>', 'the recording folder')
    .option('-o, --out <file>', 'write the scenario here (default: stdout)')
    .option('--name <name>', 'the scenario name', 'recorded')
    .option(
      '--relative-dates',
      "write transaction days as days_ago from the recording's last aggregation, so the history ends at replay time",
    )
    .action((dir: string, o: ConvertOptions) => convert(dir, o));
  return program;
}

interface ConvertOptions {
  out?: string;
  name: string;
  relativeDates?: boolean;
}

function convert(dir: string, o: ConvertOptions): void {
  try {
    const recording = readRecording(dir);
    if (!recording.length) throw new Error(`no recorded exchanges in ${dir}`);
    const conversion = recordingToScenario(recording, o.name, { relativeDates: o.relativeDates ?? false });
    const yaml = scenarioYaml(conversion, dir);
    // Validate before writing: a file the simulator would refuse is no use.
    parseScenario(yaml, o.out ?? 'scenario');
    if (!o.out) process.stdout.write(yaml);
    else {
      writeFileSync(o.out, yaml);
      const users = conversion.scenario.users ?? [];
      const members = users.flatMap((u) => u.members ?? []);
      const accounts = members.flatMap((m) => m.accounts ?? []);
      process.stdout.write(
        `Wrote ${o.out}: ${users.length} user(s), ${members.length} member(s), ${accounts.length} account(s), ` +
          `${accounts.reduce((n, a) => n + (a.transactions?.length ?? 0), 0)} transaction(s)\n`,
      );
      for (const note of conversion.notes) process.stdout.write(`  note: ${note}\n`);
      process.stdout.write(`Replay it: npm start -- --scenario ${o.out}\n`);
    }
  } catch (e) {
    process.stderr.write(`mx-sim-client: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  }
}

// No top-level await: the command is bundled as CommonJS (scripts/build.mjs).
buildProgram()
  .parseAsync()
  .catch((e: unknown) => {
    process.stderr.write(`mx-sim-client: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
