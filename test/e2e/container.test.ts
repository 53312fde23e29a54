// The container recipe (Dockerfile, compose.yaml): every path it copies exists after `npm ci`'s build, its
// entry point is the compiled CLI, and its HEALTHCHECK command, run as the image runs it, passes against a
// simulator started the image's way (HOST and PORT from the environment). Building the image itself needs a
// container builder with the node:20-bookworm-slim base image at hand: that test runs only where one is.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url);
const at = (path: string) => new URL(path, ROOT);
const dockerfile = readFileSync(at('Dockerfile'), 'utf8');
const running: ChildProcess[] = [];
afterAll(() => {
  for (const child of running) child.kill('SIGTERM');
});

/** The JSON-array arguments of the Dockerfile's instruction (ENTRYPOINT, CMD in HEALTHCHECK). */
function execForm(text: string): string[] {
  return JSON.parse(text.slice(text.indexOf('['), text.lastIndexOf(']') + 1)) as string[];
}

describe('the container recipe', () => {
  it("copies only what exists, runs the compiled CLI, and its health check passes on the image's settings", async () => {
    for (const [, from] of dockerfile.matchAll(/^COPY (?!--from)(\S+) /gm)) {
      expect(existsSync(at(from as string)), `COPY ${from}`).toBe(true);
    }
    for (const [, path] of dockerfile.matchAll(/^COPY --from=build \S+ \/app\/(\S+) /gm)) {
      expect(existsSync(at(path as string)), `COPY --from=build /app/${path}`).toBe(true);
    }
    const entry = execForm(/^ENTRYPOINT (.*)$/m.exec(dockerfile)?.[1] ?? '');
    expect(entry).toEqual(['node', 'dist/bin/mx-sim.js']);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^ENV .*HOST=0\.0\.0\.0/m);

    // The image's way: HOST and PORT from the environment, no flags.
    const child = spawn(process.execPath, entry.slice(1), {
      cwd: ROOT,
      env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent' },
    });
    running.push(child);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    while (!out.includes('listening on')) {
      if (child.exitCode !== null) throw new Error(`mx-sim exited: ${out}`);
      await Promise.race([once(child.stdout, 'data'), once(child, 'exit')]);
    }
    const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1] as string;
    expect(Number(port)).toBeGreaterThan(0);
    const check = execForm(/HEALTHCHECK[\s\S]*?CMD (\[.*\])/.exec(dockerfile)?.[1] ?? '');
    const healthy = spawnSync(process.execPath, check.slice(1), { env: { ...process.env, PORT: port } });
    expect(healthy.status, String(healthy.stderr)).toBe(0);
    const unhealthy = spawnSync(process.execPath, check.slice(1), { env: { ...process.env, PORT: '9' } });
    expect(unhealthy.status).toBe(1);

    const compose = readFileSync(at('compose.yaml'), 'utf8');
    expect(compose).toContain('build: .');
    expect(compose).toContain('"8080:8080"');
  });

  it("builds from only what its build stage copies: its RUN steps, with this checkout's packages", {
    timeout: 180_000,
  }, async () => {
    const first = dockerfile.indexOf('\nFROM ');
    const stage = dockerfile.slice(first, dockerfile.indexOf('\nFROM ', first + 1));
    const work = mkdtempSync(join(tmpdir(), 'mx-sim-image-build-'));
    try {
      for (const [, from, to] of stage.matchAll(/^COPY (?!--from)(.+) (\S+)$/gm)) {
        const sources = (from as string).split(' ');
        for (const source of sources) {
          const target = to === './' ? join(work, source) : join(work, (to as string).replace(/^\.\//, ''));
          cpSync(fileURLToPath(at(source)), target, { recursive: true });
        }
      }
      // Instead of `npm ci` (the registry): the packages this checkout installed.
      symlinkSync(fileURLToPath(at('node_modules')), join(work, 'node_modules'), 'dir');
      const run = /^RUN ((?:.*\\\n)*.*)$/m.exec(stage)?.[1]?.replace(/\\\n\s*/g, ' ') ?? '';
      for (const step of run.split('&&').map((x) => x.trim())) {
        if (step.startsWith('npm prune')) continue;
        if (step.startsWith('npm ci')) {
          // npm ci runs the project's prepare unless told not to.
          if (!step.includes('--ignore-scripts')) execFileSync('npm', ['run', 'prepare'], { cwd: work, stdio: 'pipe' });
          continue;
        }
        execFileSync('sh', ['-c', step], { cwd: work, stdio: 'pipe' });
      }
      for (const [, path] of dockerfile.matchAll(/^COPY --from=build \S+ \/app\/(\S+) /gm)) {
        expect(existsSync(join(work, path as string)), `/app/${path} after the build stage`).toBe(true);
      }
      const entry = execForm(/^ENTRYPOINT (.*)$/m.exec(dockerfile)?.[1] ?? '');
      const child = spawn(process.execPath, [...entry.slice(1), '--log-format', 'json'], {
        cwd: work,
        env: { ...process.env, HOST: '127.0.0.1', PORT: '0' },
      });
      running.push(child);
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      while (!out.includes('mx-sim ready')) {
        if (child.exitCode !== null) throw new Error(`mx-sim exited: ${out}`);
        await Promise.race([once(child.stdout, 'data'), once(child, 'exit')]);
      }
      expect(out).toContain('"code_cache":"used"');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  const builder = ['podman', 'docker'].find(
    (b) => spawnSync(b, ['image', 'inspect', 'node:20-bookworm-slim'], { stdio: 'ignore' }).status === 0,
  );
  if (!builder) {
    console.log(
      'container image test skipped: needs podman or docker with node:20-bookworm-slim pulled (apt-get install podman; podman pull node:20-bookworm-slim)',
    );
  }
  it.runIf(builder)('builds, starts healthy and answers MX requests', { timeout: 600_000 }, async () => {
    const b = builder as string;
    execFileSync(b, ['build', '-t', 'mx-sim-test', '.'], { cwd: ROOT, stdio: 'inherit' });
    const id = execFileSync(b, ['run', '-d', '-p', '127.0.0.1::8080', 'mx-sim-test', '--fast'], { encoding: 'utf8' })
      .trim()
      .slice(0, 12);
    try {
      const hostPort = execFileSync(b, ['port', id, '8080'], { encoding: 'utf8' }).trim().split(':').pop();
      let status = 0;
      for (let i = 0; i < 100 && status !== 200; i++) {
        status = await fetch(`http://127.0.0.1:${hostPort}/_mx-sim/health`).then(
          (r) => r.status,
          () => 0,
        );
        if (status !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toBe(200);
      const res = await fetch(`http://127.0.0.1:${hostPort}/institutions/mxbank`, {
        headers: { Authorization: `Basic ${btoa('c:k')}`, 'Accept-Version': 'v20250224' },
      });
      expect(res.status).toBe(200);
    } finally {
      spawnSync(b, ['rm', '-f', id]);
    }
  });
});
