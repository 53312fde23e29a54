// Checks a test file's recorded traffic against MX's official document (when present) and ours, for
// the API version each exchange spoke.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { threadId } from 'node:worker_threads';
import { expect } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { MX_EXCEPTIONS } from '../../src/contract/mx-exceptions.js';
import { findMxSpec, MX_SPEC_HINT } from '../../src/contract/mx-spec.js';
import { loadContract } from '../../src/contract/report.js';
import { ContractValidator, type Exchange, formatViolations } from '../../src/contract/validator.js';
import type { ApiVersion } from '../../src/mx/versions.js';

/** An exchange and the API version it was made in. */
export type VersionedExchange = Exchange & { version: ApiVersion };
/** An exchange with the simulator's admin API (/_mx-sim), which has its own document. */
export type AdminExchange = Exchange;

const mx = new Map<ApiVersion, Promise<ContractValidator | undefined>>();
const own = new Map<ApiVersion | 'admin', Promise<ContractValidator>>();
let hinted = false;

export const mxSpecPath = findMxSpec('v20250224');

export function mxValidator(version: ApiVersion = 'v20250224'): Promise<ContractValidator | undefined> {
  let v = mx.get(version);
  if (!v) {
    const path = findMxSpec(version);
    // As ContractValidator.fromFile(path, MX_EXCEPTIONS[version]), from the parsed document kept as JSON.
    v = path ? ContractValidator.fromDocument(yamlDocument(path), MX_EXCEPTIONS[version]) : Promise.resolve(undefined);
    mx.set(version, v);
  }
  return v;
}

const CACHE = new URL('../../node_modules/.cache/mx-sim-tests/', import.meta.url);

/**
 * A YAML document parsed, kept as JSON under node_modules/.cache per file size and time: parsing MX's
 * YAML takes about a second a document, reading it back as JSON a few milliseconds.
 */
function yamlDocument(path: string): Record<string, unknown> {
  const { size, mtimeMs } = statSync(path);
  const cached = new URL(`${basename(path)}-${size}-${Math.trunc(mtimeMs)}.json`, CACHE);
  try {
    return JSON.parse(readFileSync(cached, 'utf8'));
  } catch {
    // Not cached yet.
  }
  const doc = parseYaml(readFileSync(path, 'utf8'));
  const json = JSON.stringify(doc);
  // Only a document JSON keeps exactly is cached (it would not be for .inf, say).
  if (isDeepStrictEqual(JSON.parse(json), doc)) {
    mkdirSync(CACHE, { recursive: true });
    const partial = new URL(`${cached.pathname.split('/').pop()}.${process.pid}-${threadId}`, CACHE);
    writeFileSync(partial, json);
    renameSync(partial, cached);
  }
  return doc;
}

/** The project's own document: one per version, and `admin` for openapi/admin.json. */
export function ownValidator(version: ApiVersion | 'admin' = 'v20250224'): Promise<ContractValidator> {
  let v = own.get(version);
  if (!v) {
    if (version === 'v20250224') {
      // The one the reference client's runs (runCommand) check against too, compiled once for both.
      v = loadContract().then((c) => c.validator);
    } else {
      const doc = JSON.parse(readFileSync(new URL(`../../openapi/${version}.json`, import.meta.url), 'utf8'));
      v = ContractValidator.fromDocument(doc);
    }
    own.set(version, v);
  }
  return v;
}

/**
 * Every exchange conforms to our own document and, where it is on this machine, MX's, for its version;
 * every admin exchange to openapi/admin.json.
 */
export async function expectConformant(
  exchanges: readonly VersionedExchange[],
  adminExchanges: readonly AdminExchange[] = [],
): Promise<void> {
  const violations = [];
  if (adminExchanges.length) {
    const admin = await ownValidator('admin');
    for (const ex of adminExchanges) {
      violations.push(...admin.validate(ex).map((v) => ({ ...v, message: `[mx-sim admin document] ${v.message}` })));
    }
  }
  for (const version of new Set(exchanges.map((e) => e.version))) {
    const ours = await ownValidator(version);
    const theirs = await mxValidator(version);
    if (!theirs && !hinted) {
      hinted = true;
      console.info(`MX OpenAPI checks skipped: ${MX_SPEC_HINT}`);
    }
    for (const ex of exchanges.filter((e) => e.version === version)) {
      violations.push(
        ...ours.validate(ex).map((v) => ({ ...v, message: `[mx-sim ${version} document] ${v.message}` })),
        ...(theirs?.validate(ex).map((v) => ({ ...v, message: `[MX ${version} document] ${v.message}` })) ?? []),
      );
    }
  }
  expect(formatViolations(violations)).toBe('');
}
