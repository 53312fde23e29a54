// The package as a user gets it (issue 15): `npm pack` (which runs `prepare`: the build, types included)
// in a copy of the project, the tarball installed into an empty project with npm (no build there, no
// TypeScript loader), then plain Node imports every entry point, serves a simulator in-process and on a
// port, runs both commands through npx, and tsc typechecks a consumer file against the shipped .d.ts.
// npm installs the tarball's dependencies from its cache (--prefer-offline) or the registry; where it can
// reach neither, the tests skip and say so (run `npm ci` once with network access to fill the cache).
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const own = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
};
/** What the build and `npm pack` read: the project as a git checkout has it, without tests and benchmarks. */
const PROJECT_FILES = [
  'package.json',
  'package-lock.json',
  'README.md',
  'bin',
  'scripts',
  'src',
  'openapi',
  'tsconfig.json',
  'tsconfig.build.json',
];
const NPM_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];
/** npm's answer when it could not reach the registry for something its cache lacks. */
const OFFLINE = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH|ENOTCACHED|network/i;

const work = mkdtempSync(join(tmpdir(), 'mx-sim-package-'));
const app = join(work, 'app');
let tarballFiles: string[] = [];
let skipReason: string | undefined;
const children: ChildProcess[] = [];

/** Runs a command in the consumer project; rejects with its output when it fails. */
async function inApp(file: string, args: string[], timeout = 120_000) {
  try {
    return await run(file, args, { cwd: app, timeout, maxBuffer: 64 * 1024 * 1024, env: cleanEnv() });
  } catch (e) {
    const err = e as Error & { stdout?: string; stderr?: string };
    throw new Error(`${file} ${args.join(' ')} failed: ${err.message}\n${err.stdout ?? ''}\n${err.stderr ?? ''}`);
  }
}

/** The environment without what `npm test` set for its own run (its script name, its package's paths). */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^npm_(lifecycle|package|config_(prefix|local_prefix))/i.test(k)),
  );
}

beforeAll(async () => {
  // A copy of the project, so the build `npm pack` runs writes its own dist/ (not the one other tests run).
  const project = join(work, 'project');
  for (const f of PROJECT_FILES) cpSync(join(ROOT, f), join(project, f), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'), 'dir');
  const packed = await run('npm', ['pack', '--json', '--pack-destination', work, ...NPM_FLAGS], {
    cwd: project,
    timeout: 400_000,
    maxBuffer: 64 * 1024 * 1024,
    env: cleanEnv(),
  });
  // The build's own output comes first on stdout; npm's JSON is the rest.
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[\n'))) as {
    filename: string;
    files: { path: string }[];
  }[];
  if (!info) throw new Error(`npm pack said nothing: ${packed.stdout}`);
  tarballFiles = info.files.map((f) => f.path);

  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  try {
    await inApp(
      'npm',
      [
        'install',
        join(work, info.filename),
        `msw@${own.devDependencies.msw}`,
        `@types/node@${own.devDependencies['@types/node']}`,
        ...NPM_FLAGS,
      ],
      400_000,
    );
  } catch (e) {
    if (!OFFLINE.test((e as Error).message)) throw e;
    skipReason = `npm could not install the tarball's dependencies (no registry, not in the cache): run npm ci once with network access to enable this test. (${(
      e as Error
    ).message
      .split('\n')
      .find((line) => OFFLINE.test(line))
      ?.trim()})`;
    console.warn(skipReason);
  }
}, 900_000);

afterAll(() => {
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) continue;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Gone already.
    }
  }
  rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds the compiled JavaScript, its types, the bins, the OpenAPI documents and the scenario schema; no sources', () => {
    for (const f of [
      'package.json',
      'README.md',
      'bin/mx-sim.js',
      'bin/mx-sim-client.js',
      'dist/bin/mx-sim.js',
      'dist/bin/mx-sim-client.js',
      'dist/bin/mx-sim.bundle.cjs',
      'dist/bin/mx-sim.bundle.cjs.v8-cache',
      'dist/bin/mx-sim-client.bundle.cjs',
      'dist/bin/mx-sim-client.bundle.cjs.v8-cache',
      'dist/cached-bundle.js',
      'dist/lib/index.js',
      'dist/lib/client.js',
      'dist/lib/testing.js',
      'dist/lib/msw.js',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/client/index.js',
      'dist/client/index.d.ts',
      'dist/testing/index.js',
      'dist/testing/index.d.ts',
      'dist/msw/index.js',
      'dist/msw/index.d.ts',
      'dist/server/app.d.ts',
      'dist/scenarios/scenario.schema.json',
      'dist/scenarios/builtins/mfa-gauntlet.yaml',
      'openapi/v20250224.json',
      'openapi/v20111101.json',
      'openapi/admin.json',
    ]) {
      expect(tarballFiles, f).toContain(f);
    }
    const unexpected = tarballFiles.filter(
      (f) => /^(src|test|bench|scripts|docs|node_modules)\//.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts')),
    );
    expect(unexpected).toEqual([]);
  });
});

describe('installed into an empty project', () => {
  it('imports every entry point with plain node, and serves a simulator in-process and on a port', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    writeFileSync(
      join(app, 'check.mjs'),
      `
import { readFileSync } from 'node:fs';
import { builtinScenarioNames, createSimulator, loadContractWatch, loadScenario, ManualClock } from 'mx-sim';
import { createMxClient, loadContractWatch as clientsContractWatch, runFlow, scriptedAnswerer, scriptedCredentials, simulatorOAuth, simulatorTarget } from 'mx-sim/client';
import { setupServer } from 'msw/node';
import { mxSimHandlers } from 'mx-sim/msw';
import { startMxSim } from 'mx-sim/testing';

const headers = { Authorization: 'Basic ' + btoa('app:key'), 'Accept-Version': 'v20250224' };
const clock = new ManualClock('2026-01-15T12:00:00Z');
const sim = createSimulator({ clock, fast: true, scenarios: [loadScenario('mfa-gauntlet')] });
const inProcess = await sim.app.request('/institutions/mxbank', { headers });

const mx = await startMxSim({ seed: 'consumer' });
const onPort = await fetch(mx.url + '/institutions/mxbank', { headers: mx.headers() });
await mx.close();

const msw = setupServer(...mxSimHandlers(sim));
msw.listen({ onUnhandledRequest: 'error' });
const intercepted = await fetch('https://int-api.mx.com/institutions/mxbank', { headers });
msw.close();

const target = simulatorTarget();
const flow = await runFlow(createMxClient({ baseUrl: target.baseUrl, clientId: target.clientId, apiKey: target.apiKey, fetch: target.fetch }), {
  institution: 'mxbank', credentials: scriptedCredentials({}), answerer: scriptedAnswerer(),
  oauth: simulatorOAuth(target.fetch), sleep: target.sleep,
}).catch((e) => ({ error: String(e) }));

const schema = JSON.parse(readFileSync(new URL(import.meta.resolve('mx-sim/scenario.schema.json')), 'utf8'));
console.log(JSON.stringify({
  inProcess: inProcess.status,
  onPort: onPort.status,
  intercepted: intercepted.status,
  flow: flow.error ?? (flow.ok && flow.status),
  builtins: builtinScenarioNames(),
  schema: typeof schema.properties,
  // The entry points are one bundle with shared chunks: what two of them export is the same object.
  shared: loadContractWatch === clientsContractWatch,
}));
`,
    );
    const { stdout } = await inApp(process.execPath, ['check.mjs']);
    const result = JSON.parse(stdout.trim().split('\n').pop() as string);
    expect(result).toMatchObject({
      inProcess: 200,
      onPort: 200,
      intercepted: 200,
      flow: 'CONNECTED',
      schema: 'object',
      shared: true,
    });
    expect(result.builtins).toContain('mfa-gauntlet');
  }, 180_000);

  it('runs `npx mx-sim --port 0`, which answers, and `npx mx-sim --help` and `npx mx-sim-client flow`', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    expect((await inApp('npx', ['--no', '--', 'mx-sim', '--help'])).stdout).toContain('--port');
    const flow = await inApp('npx', ['--no', '--', 'mx-sim-client', 'flow']);
    expect(flow.stdout).toContain('result: OK');

    // In its own process group, so the test stops npx and the server it started, and nothing else.
    const child = spawn('npx', ['--no', '--', 'mx-sim', '--port', '0', '--log-format', 'json'], {
      cwd: app,
      detached: true,
      env: cleanEnv(),
    });
    children.push(child);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    while (!/listening on (http:\/\/\S+)/.test(out)) {
      if (child.exitCode !== null) throw new Error(`mx-sim exited: ${out}`);
      await Promise.race([once(child.stdout, 'data'), once(child, 'exit')]);
    }
    const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
    const health = await fetch(`${url}/_mx-sim/health`);
    expect(health.status).toBe(200);
    expect((await health.json()).status).toBe('ok');
    // The package ships each command's code cache, made by the same Node that packed it (as here).
    expect(out).toContain('"code_cache":"used"');
    process.kill(-(child.pid as number), 'SIGTERM');
    await once(child, 'exit');
  }, 180_000);

  it('typechecks a TypeScript consumer of mx-sim, mx-sim/client, mx-sim/testing and mx-sim/msw', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    writeFileSync(
      join(app, 'consumer.ts'),
      `
import { createSimulator, ManualClock, type Simulator, type SimulatorOptions } from 'mx-sim';
import { createMxClient, type MxClient, type Schemas } from 'mx-sim/client';
import { mxSimHandlers } from 'mx-sim/msw';
import { type MxSim, startMxSim } from 'mx-sim/testing';
import type { HttpHandler } from 'msw';

const options: SimulatorOptions = { seed: 'typed', clock: new ManualClock(), fast: true };
const sim: Simulator = createSimulator(options);
const now: number = sim.clock.now();
const res: Response = await sim.app.request('/institutions/mxbank');
const handlers: HttpHandler[] = mxSimHandlers(sim, { baseUrls: ['https://mx.example.test'] });
const mx: MxSim = await startMxSim({ fast: true, scenarios: ['mfa-gauntlet'] });
const moved: string = (await mx.advanceClock(1_000)).now;
const client: MxClient = createMxClient({ baseUrl: mx.url, clientId: mx.clientId, apiKey: mx.apiKey });
const institution: Schemas['InstitutionResponse'] | undefined = undefined;
await mx.close();
// @ts-expect-error seed is a string or a number
createSimulator({ seed: {} });
// @ts-expect-error advanceClock takes milliseconds or { to }
await mx.advanceClock('soon');
export { client, handlers, institution, moved, now, res };
`,
    );
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
        },
        files: ['consumer.ts'],
      }),
    );
    await inApp(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], 300_000);
  }, 300_000);

  it('declares types that import only its dependencies, its optional peer and Node', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    // tsc above skips the packages' .d.ts (skipLibCheck, as most projects do, and to keep it quick), where
    // an import of something a user does not install (a dev dependency) would leave a type silently any.
    const installed = JSON.parse(readFileSync(join(app, 'node_modules/mx-sim/package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      peerDependencies: Record<string, string>;
    };
    const allowed = new Set([...Object.keys(installed.dependencies), ...Object.keys(installed.peerDependencies)]);
    const declarations = tarballFiles.filter((f) => f.endsWith('.d.ts'));
    expect(declarations.length).toBeGreaterThan(20);
    const foreign = new Set<string>();
    for (const f of declarations) {
      const text = readFileSync(join(app, 'node_modules/mx-sim', f), 'utf8');
      for (const [, spec] of text.matchAll(/(?:from|import\()\s*['"]([^'"]+)['"]/g)) {
        if (!spec || spec.startsWith('.') || spec.startsWith('node:')) continue;
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string);
        if (!allowed.has(name)) foreign.add(`${f}: ${spec}`);
      }
    }
    expect([...foreign]).toEqual([]);
  });
});
