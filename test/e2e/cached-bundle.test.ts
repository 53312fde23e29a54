// How the commands start (src/cached-bundle.ts, compiled to dist/ by the e2e setup): a CommonJS bundle run
// with V8's code cache. Each case runs a small bundle in a fresh node, as dist/bin/mx-sim.js runs its own.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const LOADER = pathToFileURL(join(import.meta.dirname, '../../dist/cached-bundle.js')).href;
const work = mkdtempSync(join(tmpdir(), 'mx-sim-cached-bundle-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const bundle = join(work, 'tool.bundle.cjs');
const cache = `${bundle}.v8-cache`;

/** A bundle that reports what it was given, and a word (its edits keep the source's length). */
const source = (word: string) => `const path = require('node:path');
function report() {
  return {
    word: ${JSON.stringify(word)},
    file: __filename === ${JSON.stringify(bundle)},
    dir: __dirname === path.dirname(__filename),
    exportsAreModules: exports === module.exports,
    cache: globalThis[Symbol.for('mx-sim.code-cache')],
  };
}
process.stdout.write(JSON.stringify(report()));
`;

/** Runs the bundle through the loader in a new node; `write` asks it to write its cache on exit. */
function run(opts: { write?: boolean; nodeArgs?: string[] } = {}) {
  const env = { ...process.env, MX_SIM_WRITE_CODE_CACHE: opts.write ? '1' : '' };
  const script = `import { runBundle } from ${JSON.stringify(LOADER)}; runBundle(${JSON.stringify(pathToFileURL(bundle))});`;
  const out = execFileSync(process.execPath, [...(opts.nodeArgs ?? []), '--input-type=module', '-e', script], { env });
  return JSON.parse(out.toString()) as { word: string; file: boolean; dir: boolean; cache: string };
}

describe('a command bundle run with its code cache', () => {
  it('runs as a CommonJS module; with MX_SIM_WRITE_CODE_CACHE=1 writes its cache, which the next start uses', () => {
    writeFileSync(bundle, source('alpha'));
    expect(run()).toEqual({ word: 'alpha', file: true, dir: true, exportsAreModules: true, cache: 'absent' });
    expect(existsSync(cache)).toBe(false);
    expect(run({ write: true }).cache).toBe('absent');
    expect(existsSync(cache)).toBe(true);
    expect(run()).toEqual({ word: 'alpha', file: true, dir: true, exportsAreModules: true, cache: 'used' });
  });

  it('never runs an edited bundle with the old bytecode, even when the edit keeps its length', () => {
    writeFileSync(bundle, source('alpha'));
    run({ write: true });
    expect(run().cache).toBe('used');
    writeFileSync(bundle, source('omega'));
    expect(readFileSync(bundle, 'utf8').length).toBe(source('alpha').length);
    expect(run()).toMatchObject({ word: 'omega', cache: 'rejected' });
  });

  it('compiles as usual when the cache is damaged or made by another V8 (here: other flags)', () => {
    writeFileSync(bundle, source('alpha'));
    run({ write: true });
    const good = readFileSync(cache);
    expect(run({ nodeArgs: ['--no-lazy'] })).toMatchObject({ word: 'alpha', cache: 'rejected' });
    const damaged = Buffer.from(good);
    damaged.fill(7, 40, 200);
    writeFileSync(cache, damaged);
    expect(run()).toMatchObject({ word: 'alpha', cache: 'rejected' });
    writeFileSync(cache, good.subarray(0, 10));
    expect(run()).toMatchObject({ word: 'alpha', cache: 'rejected' });
  });

  it('under --enable-source-maps requires the bundle as Node would (stack traces map to src/), without the cache', () => {
    writeFileSync(bundle, source('alpha'));
    run({ write: true });
    expect(run({ nodeArgs: ['--enable-source-maps'] })).toMatchObject({ word: 'alpha', file: true, cache: 'off' });
  });
});
