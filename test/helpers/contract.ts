// Checks a test file's recorded traffic against MX's official document (when present) and ours, for
// the API version each exchange spoke.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { MX_EXCEPTIONS } from '../../src/contract/mx-exceptions.js';
import { findMxSpec, MX_SPEC_HINT } from '../../src/contract/mx-spec.js';
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
    v = path ? ContractValidator.fromFile(path, MX_EXCEPTIONS[version]) : Promise.resolve(undefined);
    mx.set(version, v);
  }
  return v;
}

/** The project's own document: one per version, and `admin` for openapi/admin.json. */
export function ownValidator(version: ApiVersion | 'admin' = 'v20250224'): Promise<ContractValidator> {
  let v = own.get(version);
  if (!v) {
    const doc = JSON.parse(readFileSync(new URL(`../../openapi/${version}.json`, import.meta.url), 'utf8'));
    v = ContractValidator.fromDocument(doc);
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
