// What `flow` and `contract` do, as a function the CLI and the tests share: pick the target, build the
// client, run the flow with contract checks (and a recording), print progress and a summary, return an exit code.
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { ContractRecorder, loadContract, reportLines, toJUnit } from '../contract/report.js';
import { loadScenarioFile, resolveScenarioPath } from '../scenarios/load.js';
import {
  type ChallengeAnswerer,
  type CredentialSource,
  type OAuthHandler,
  printOAuth,
  promptAnswerer,
  promptCredentials,
  promptOAuth,
  scriptedAnswerer,
  scriptedCredentials,
  simulatorOAuth,
} from './answerers.js';
import { createMxClient } from './client.js';
import { type FlowResult, type Product, runFlow, summaryLines } from './flow.js';
import { Recorder } from './record.js';
import { MX_ENV_HINT, mxTarget, simulatorTarget, type Target, urlTarget } from './targets.js';
import type { RetryEvent, WireExchange } from './transport.js';

export interface RunOptions {
  /** Any base URL; default the in-process simulator. */
  baseUrl?: string;
  /** MX's integration environment (needs MX_CLIENT_ID and MX_API_KEY). */
  mx?: boolean;
  clientId?: string;
  apiKey?: string;
  institution?: string;
  products?: Product[];
  /** Credential values by field name, label or guid: `{ PASSWORD: 'challenge' }`. */
  credentials?: Record<string, string>;
  answers?: string[];
  pollIntervalMs?: number;
  maxWaitMs?: number;
  timeoutMs?: number;
  refresh?: boolean;
  keepUser?: boolean;
  userId?: string;
  /** What to do at an OAuth window: the in-process simulator approves by default; elsewhere the flow waits. */
  oauth?: 'approve' | 'deny' | 'wait';
  /** Scenario files or built-in names for the in-process simulator. */
  scenarios?: string[];
  seed?: string;
  /** OpenAPI document to check against: a path, `mx` (MX's, found on this machine) or the project's own. */
  spec?: string;
  junit?: string;
  record?: string;
  /** Ask on the terminal (challenges, missing credentials, OAuth). */
  interactive?: boolean;
}

export interface RunIo {
  print: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  /** Overrides the target's sleep (tests). */
  sleep?: (ms: number) => Promise<void>;
  /** A prepared target (tests: an in-process simulator with a scenario). */
  target?: Target;
  onRetry?: (event: RetryEvent) => void;
  onExchange?: (ex: WireExchange) => void;
}

export interface RunOutcome {
  exitCode: number;
  result?: FlowResult;
  violations: number;
  error?: Error;
}

export function resolveTarget(options: RunOptions, env: NodeJS.ProcessEnv): Target {
  if (options.mx) {
    const target = mxTarget(env);
    if (!target) throw new Error(`--mx: ${MX_ENV_HINT}`);
    return target;
  }
  if (options.baseUrl) {
    return urlTarget(
      options.baseUrl,
      options.clientId ?? env.MX_CLIENT_ID ?? 'mx-sim-flow',
      options.apiKey ?? env.MX_API_KEY ?? 'mx-sim-flow-key',
    );
  }
  const scenarios = (options.scenarios ?? []).map((name) => {
    const path = resolveScenarioPath(name);
    return { scenario: loadScenarioFile(path), source: path };
  });
  return simulatorTarget({ scenarios, ...(options.seed ? { seed: options.seed } : {}) }, options.clientId);
}

export async function runCommand(options: RunOptions, io: RunIo): Promise<RunOutcome> {
  const env = io.env ?? process.env;
  const { print } = io;
  const target = io.target ?? resolveTarget(options, env);
  const sleep = io.sleep ?? target.sleep;
  const contract = await loadContract(options.spec);
  const checks = new ContractRecorder(contract.validator);
  const secrets = [target.apiKey, ...Object.values(options.credentials ?? {})];
  const recorder = options.record ? new Recorder(options.record, secrets) : undefined;
  print(`Target: ${target.label}; contract checks against ${contract.source}`);
  if (recorder) print(`Recording to ${recorder.dir} (credentials, API keys and account numbers redacted)`);

  const mx = createMxClient({
    baseUrl: target.baseUrl,
    clientId: target.clientId,
    apiKey: target.apiKey,
    fetch: target.fetch,
    sleep,
    timeoutMs: options.timeoutMs,
    onExchange: (ex) => {
      checks.record(ex);
      recorder?.record(ex);
      io.onExchange?.(ex);
    },
    onRetry: (e) => {
      print(
        `  retry: ${e.method} ${e.path.split('?')[0]} answered ${e.status ?? 'no response'}; waiting ${e.delayMs} ms${e.fromRetryAfter ? ' (Retry-After)' : ''} before attempt ${e.attempt + 1}`,
      );
      io.onRetry?.(e);
    },
  });

  const rl = options.interactive ? createInterface({ input: process.stdin, output: process.stdout }) : undefined;
  try {
    const given = options.credentials ?? {};
    const source: CredentialSource = rl
      ? promptCredentials(
          rl,
          { ...(isTestInstitution(options.institution) ? { LOGIN: 'mxuser', PASSWORD: 'password' } : {}), ...given },
          print,
        )
      : scriptedCredentials(given, target.kind === 'simulator' || isTestInstitution(options.institution));
    // Values typed at a prompt are secrets the recording must not keep either.
    const credentials: CredentialSource = async (fields, institution) => {
      const values = await source(fields, institution);
      for (const v of values) recorder?.addSecret(v.value);
      return values;
    };
    const answerer: ChallengeAnswerer = rl ? promptAnswerer(rl, print) : scriptedAnswerer(options.answers);
    const oauthMode = options.oauth ?? (target.kind === 'simulator' ? 'approve' : 'wait');
    const oauth: OAuthHandler =
      oauthMode === 'wait' ? (rl ? promptOAuth(rl, print) : printOAuth(print)) : simulatorOAuth(mx.fetch, oauthMode);

    let result: FlowResult | undefined;
    let error: Error | undefined;
    try {
      result = await runFlow(mx, {
        ...(options.institution ? { institution: options.institution } : {}),
        ...(options.products ? { products: options.products } : {}),
        credentials,
        answerer,
        oauth,
        sleep,
        log: print,
        ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
        ...(options.maxWaitMs !== undefined ? { maxWaitMs: options.maxWaitMs } : {}),
        ...(options.refresh !== undefined ? { refresh: options.refresh } : {}),
        ...(options.userId ? { userId: options.userId } : {}),
        cleanup: !options.keepUser,
      });
      for (const line of summaryLines(result)) print(line);
    } catch (e) {
      error = e instanceof Error ? e : new Error(String(e));
      print(`✗ the flow stopped: ${error.message}`);
    }
    const ops = checks.operations();
    for (const line of reportLines(ops, contract.source)) print(line);
    const flowFailure = error?.message ?? (result && !result.ok ? result.failure : undefined);
    if (options.junit) {
      writeFileSync(options.junit, toJUnit(ops, contract.source, flowFailure));
      print(`JUnit report: ${options.junit}`);
    }
    const violations = checks.violationCount();
    const exitCode = violations > 0 || flowFailure ? 1 : 0;
    return { exitCode, violations, ...(result ? { result } : {}), ...(error ? { error } : {}) };
  } finally {
    rl?.close();
  }
}

function isTestInstitution(name: string | undefined): boolean {
  return !name || /^(mx ?bank|mxbank|simbank|simulator bank)$/i.test(name);
}
