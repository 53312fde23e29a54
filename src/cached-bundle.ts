// How the two commands start (dist/bin/mx-sim.js and dist/bin/mx-sim-client.js, written by scripts/build.mjs):
// each is a CommonJS bundle that runs with V8's code cache. Compiling the bundle (2.6 MB) was about a
// quarter of the instructions of a start to the first answer; with the cache V8 reads the bytecode of
// every function the start ran instead (about 500 M instructions fewer, bench/README.md).
//
// The build writes the cache, `<bundle>.v8-cache`, by running each command once (the simulator up to its
// first answers): the cache holds what that run compiled. V8 takes a cache only from its own version and
// flags, and ours starts with the SHA-256 of the bundle it was made from. When V8 turns it down (another
// Node version than the build's, or V8 options such as NODE_OPTIONS=--max-old-space-size=4096, as CI jobs
// often set), the source is compiled as usual and the command writes a cache of its own for that Node and
// those options, `<bundle>.<key>.v8-cache`, which the next start with them uses. A start is slower without
// a cache, never different; a folder the command cannot write to only means no cache of its own.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

/**
 * What became of a command's code cache: `used`, `rejected` by V8 or made from another bundle (compiled as
 * usual), `absent`, or `off` under `--enable-source-maps` (Node 20 maps the stacks of required modules,
 * not of node:vm scripts).
 */
export type CodeCache = 'used' | 'rejected' | 'absent' | 'off';

const STATE = Symbol.for('mx-sim.code-cache');
/** Where the loader leaves the state for the bundle's own copy of this module to read. */
const shared = globalThis as { [STATE]?: CodeCache };

/** The code cache of the command that is running; undefined when it did not start from its bundle. */
export function codeCacheState(): CodeCache | undefined {
  return shared[STATE];
}

/** The cache file the build writes beside a bundle. */
export const cacheFileOf = (bundle: string) => `${bundle}.v8-cache`;

/**
 * The cache file a process writes for itself when V8 turns the build's down: named by what decides
 * whether V8 takes a cache (the Node version and the options node was given).
 */
export function ownCacheFileOf(bundle: string): string {
  const key = createHash('sha256')
    .update(JSON.stringify([process.version, process.arch, process.execArgv, process.env.NODE_OPTIONS ?? '']))
    .digest('hex')
    .slice(0, 16);
  return `${bundle}.${key}.v8-cache`;
}

/** Milliseconds after a start without a usable cache when a long-running command writes its own. */
const WRITE_AFTER_MS = 5_000;

/**
 * Runs a CommonJS bundle as Node would require it, compiled from a code cache beside it when V8 accepts
 * one; without a usable cache, writes one as it exits or after WRITE_AFTER_MS, whichever comes first.
 */
export function runBundle(url: URL): void {
  const file = fileURLToPath(url);
  if (process.sourceMapsEnabled) {
    shared[STATE] = 'off';
    createRequire(file)(file);
    return;
  }
  const built = cacheFileOf(file);
  const own = ownCacheFileOf(file);
  // This process's own cache when an earlier start with the same Node and options wrote one; else the
  // build's. Only one is tried: a cache V8 turns down has cost a whole compilation already.
  const cacheFile = existsSync(own) ? own : built;
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
  const state: CodeCache = !cache ? 'absent' : !cachedData || script.cachedDataRejected ? 'rejected' : 'used';
  shared[STATE] = state;
  if (state !== 'used') {
    // The build's own run (no cache at all) writes the build's file; any other writes its own.
    const target = existsSync(built) ? own : built;
    let written = false;
    const write = () => {
      if (written) return;
      written = true;
      const temporary = `${target}.${process.pid}.tmp`;
      try {
        writeFileSync(temporary, Buffer.concat([digest, script.createCachedData()]));
        renameSync(temporary, target);
      } catch {
        // A folder we cannot write to: this Node and these options start without a cache.
        try {
          rmSync(temporary, { force: true });
        } catch {
          // Not even that: nothing was written.
        }
      }
    };
    process.once('exit', write);
    setTimeout(write, WRITE_AFTER_MS).unref();
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
}
