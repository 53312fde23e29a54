// How the two commands start (dist/bin/mx-sim.js and dist/bin/mx-sim-client.js, written by scripts/build.mjs):
// each is a CommonJS bundle that runs with V8's code cache. Compiling the bundle (2.6 MB) was about a
// quarter of the instructions of a start to the first answer; with the cache V8 reads the bytecode of
// every function the start ran instead (about 500 M instructions fewer, bench/README.md).
//
// The build writes the cache: it runs each command once with MX_SIM_WRITE_CODE_CACHE=1 (the simulator up
// to its first answers), and the cache holds what that run compiled. V8 checks that a cache matches its
// own version and flags, and the cache names the bundle it was made from; when either differs (another
// Node version than the build's, a changed bundle), V8 compiles the source as usual: the start is slower,
// never different.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

/**
 * What became of a command's code cache: `used`, `rejected` by V8 (compiled as usual), `absent`, or `off`
 * under `--enable-source-maps` (Node 20 maps the stacks of required modules, not of node:vm scripts).
 */
export type CodeCache = 'used' | 'rejected' | 'absent' | 'off';

const STATE = Symbol.for('mx-sim.code-cache');

/** The code cache of the command that is running; undefined when it did not start from its bundle. */
export function codeCacheState(): CodeCache | undefined {
  return (globalThis as { [STATE]?: CodeCache })[STATE];
}

/** The cache file beside a bundle. */
export const cacheFileOf = (bundle: string) => `${bundle}.v8-cache`;

/**
 * Runs a CommonJS bundle as Node would require it, compiled from its cache beside it when V8 accepts it.
 * With MX_SIM_WRITE_CODE_CACHE=1 the cache is written again as the process exits (the build does that).
 */
export function runBundle(url: URL): void {
  const file = fileURLToPath(url);
  if (process.sourceMapsEnabled) {
    (globalThis as { [STATE]?: CodeCache })[STATE] = 'off';
    createRequire(file)(file);
    return;
  }
  const cacheFile = cacheFileOf(file);
  const bundle = readFileSync(file);
  // V8 checks a cache against its source's length only: the cache starts with the SHA-256 of the bundle it
  // was made from (about 2 ms), so an edited bundle is never run with another's bytecode.
  const digest = createHash('sha256').update(bundle).digest();
  let cache: Buffer | undefined;
  try {
    cache = readFileSync(cacheFile);
  } catch {
    // No cache: V8 compiles the source.
  }
  const current = cache?.subarray(0, digest.length).equals(digest) === true;
  const cachedData = current ? cache?.subarray(digest.length) : undefined;
  // Node's CommonJS wrapper, on the first line so the bundle's line numbers hold.
  const source = `(function (exports, require, module, __filename, __dirname) {${bundle.toString('utf8')}\n})`;
  const script = new Script(source, { filename: file, cachedData });
  (globalThis as { [STATE]?: CodeCache })[STATE] = !cache
    ? 'absent'
    : !cachedData || script.cachedDataRejected
      ? 'rejected'
      : 'used';
  if (process.env.MX_SIM_WRITE_CODE_CACHE === '1') {
    process.once('exit', () => writeFileSync(cacheFile, Buffer.concat([digest, script.createCachedData()])));
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
}
