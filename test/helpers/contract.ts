// Checks a test file's recorded traffic against MX's official document (when present) and ours.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { MX_V20250224_EXCEPTIONS } from '../../src/client/contract/mx-exceptions.js';
import { findMxSpec, MX_SPEC_HINT } from '../../src/client/contract/mx-spec.js';
import { ContractValidator, type Exchange, formatViolations } from '../../src/client/contract/validator.js';

let mx: Promise<ContractValidator | undefined> | undefined;
let own: Promise<ContractValidator> | undefined;
let hinted = false;

export const mxSpecPath = findMxSpec('v20250224');

export function mxValidator(): Promise<ContractValidator | undefined> {
  mx ??= mxSpecPath ? ContractValidator.fromFile(mxSpecPath, MX_V20250224_EXCEPTIONS) : Promise.resolve(undefined);
  return mx;
}

export function ownValidator(): Promise<ContractValidator> {
  own ??= ContractValidator.fromDocument(
    JSON.parse(readFileSync(new URL('../../openapi/v20250224.json', import.meta.url), 'utf8')),
  );
  return own;
}

/** Every exchange conforms to our own document and, where it is on this machine, MX's. */
export async function expectConformant(exchanges: readonly Exchange[]): Promise<void> {
  const ours = await ownValidator();
  const theirs = await mxValidator();
  if (!theirs && !hinted) {
    hinted = true;
    console.info(`MX OpenAPI checks skipped: ${MX_SPEC_HINT}`);
  }
  const violations = exchanges.flatMap((ex) => [
    ...ours.validate(ex).map((v) => ({ ...v, message: `[mx-sim document] ${v.message}` })),
    ...(theirs?.validate(ex).map((v) => ({ ...v, message: `[MX document] ${v.message}` })) ?? []),
  ]);
  expect(formatViolations(violations)).toBe('');
}
