// How the commands start (src/cached-bundle.ts, compiled to dist/ by the e2e setup): a CommonJS bundle run
// with V8's code cache. Each case runs a small bundle in a fresh node, as dist/bin/mx-sim.js runs its own.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';

const LOADER = pathToFileURL(join(import.meta.dirname, '../../dist/cached-bundle.js')).href;
const work = mkdtempSync(join(tmpdir(), 'mx-sim-cached-bundle-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const dir = join(work, 'bin');
const bundle = join(dir, 'tool.bundle.cjs');
const built = `${bundle}.v8-cache`;
const runner = join(work, 'run.mjs');
beforeEach(() => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
});

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

writeFileSync(
  runner,
  `import { ownCacheFileOf, runBundle } from ${JSON.stringify(LOADER)};
process.stderr.write(ownCacheFileOf(${JSON.stringify(bundle)}));
runBundle(${JSON.stringify(pathToFileURL(bundle))});
`,
);

/** Runs the bundle through the loader in a new node: what it reported, and its own cache's file name. */
function run(opts: { nodeArgs?: string[]; nodeOptions?: string } = {}) {
  const env = { ...process.env, NODE_OPTIONS: opts.nodeOptions ?? '' };
  const child = spawnSync(process.execPath, [...(opts.nodeArgs ?? []), runner], { env, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`exited ${child.status}: ${child.stderr}`);
  return { ...(JSON.parse(child.stdout) as { word: string; cache: string }), own: child.stderr };
}

const leftovers = () => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('a command bundle run with its code cache', () => {
  it('runs as a CommonJS module; its first start writes the cache as it exits, and the next start uses it', () => {
    writeFileSync(bundle, source('alpha'));
    const first = run();
    expect(first).toMatchObject({ word: 'alpha', file: true, dir: true, exportsAreModules: true, cache: 'absent' });
    expect(existsSync(built)).toBe(true);
    expect(run()).toMatchObject({ word: 'alpha', cache: 'used' });
    expect(existsSync(first.own)).toBe(false);
  });

  it('never runs an edited bundle with the old bytecode, even when the edit keeps its length', () => {
    writeFileSync(bundle, source('alpha'));
    run();
    expect(run().cache).toBe('used');
    writeFileSync(bundle, source('omega'));
    expect(readFileSync(bundle, 'utf8').length).toBe(source('alpha').length);
    const edited = run();
    expect(edited).toMatchObject({ word: 'omega', cache: 'rejected' });
    // It wrote a cache of its own, for the edited bundle: the next start uses it.
    expect(existsSync(edited.own)).toBe(true);
    expect(run()).toMatchObject({ word: 'omega', cache: 'used' });
  });

  it('with other V8 options (or a damaged cache) compiles as usual once, then uses a cache of its own', () => {
    writeFileSync(bundle, source('alpha'));
    run();
    for (const opts of [{ nodeArgs: ['--stack-size=2000'] }, { nodeOptions: '--max-old-space-size=300' }]) {
      const first = run(opts);
      expect(first, JSON.stringify(opts)).toMatchObject({ word: 'alpha', cache: 'rejected' });
      expect(existsSync(first.own)).toBe(true);
      expect(run(opts), JSON.stringify(opts)).toMatchObject({ word: 'alpha', cache: 'used' });
    }
    expect(run()).toMatchObject({ cache: 'used' });

    const damaged = Buffer.from(readFileSync(built));
    damaged.fill(7, 40, 200);
    writeFileSync(built, damaged);
    const plain = run();
    expect(plain).toMatchObject({ word: 'alpha', cache: 'rejected' });
    expect(run()).toMatchObject({ word: 'alpha', cache: 'used' });
    expect(leftovers()).toEqual([]);
  });

  it('runs the same where it cannot write its cache, and leaves nothing behind', () => {
    writeFileSync(bundle, source('alpha'));
    run();
    // Its own cache's name taken by a folder with something in it: the cache cannot be put there.
    const own = run({ nodeArgs: ['--stack-size=2000'] }).own;
    rmSync(own);
    mkdirSync(own);
    writeFileSync(join(own, 'keep'), '');
    expect(run({ nodeArgs: ['--stack-size=2000'] })).toMatchObject({ word: 'alpha', cache: 'absent' });
    expect(leftovers()).toEqual([]);
  });

  it('under --enable-source-maps requires the bundle as Node would (stack traces map to src/), without the cache', () => {
    writeFileSync(bundle, source('alpha'));
    run();
    expect(run({ nodeArgs: ['--enable-source-maps'] })).toMatchObject({ word: 'alpha', file: true, cache: 'off' });
  });
});
