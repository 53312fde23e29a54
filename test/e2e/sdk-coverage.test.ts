// Every operation the simulator serves in v20111101 is driven through MX's Node SDK somewhere in the SDK
// test files (whose exchanges are each checked against MX's document after the file runs). The SDK's
// method names are MX's operationIds, so a served operation no SDK test calls is named here. Together
// with mx-operations.test.ts (every one of MX's operations is served), this proves the whole of MX's
// v20111101 document is exercised through MX's own client.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as mx from 'mx-platform-node';
import { describe, expect, it } from 'vitest';

const E2E = join(import.meta.dirname);
const HELPERS = join(import.meta.dirname, '..', 'helpers');

/** Served beyond MX's documents, so beyond its SDK too (mx-operations.test.ts names them). */
const BEYOND_SDK = new Set(['requestProcessorAccessToken']);

/** The methods of the SDK's API classes (`UsersApi`, `MembersApi`, …). */
function sdkMethods(): Set<string> {
  const names = new Set<string>();
  for (const [name, value] of Object.entries(mx)) {
    if (!name.endsWith('Api') || typeof value !== 'function') continue;
    for (const method of Object.getOwnPropertyNames(value.prototype)) if (method !== 'constructor') names.add(method);
  }
  return names;
}

/** Served operationIds of the project's v20111101 document (a test fails when that file is stale). */
function servedOperations(): string[] {
  const doc = JSON.parse(readFileSync(join(E2E, '..', '..', 'openapi', 'v20111101.json'), 'utf8')) as {
    paths: Record<string, Record<string, { operationId?: string }>>;
  };
  return Object.values(doc.paths)
    .flatMap((item) => Object.values(item).flatMap((op) => op.operationId ?? []))
    .filter((op) => !BEYOND_SDK.has(op));
}

/** SDK method calls (`.name(`) in the SDK test files and the helpers they share, comments left out. */
function calledMethods(methods: Set<string>): Set<string> {
  const files = [
    ...readdirSync(E2E)
      .filter((f) => f.startsWith('sdk-') && f.endsWith('.test.ts') && f !== 'sdk-coverage.test.ts')
      .map((f) => join(E2E, f)),
    ...readdirSync(HELPERS)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(HELPERS, f)),
  ];
  const called = new Set<string>();
  for (const file of files) {
    const code = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    for (const match of code.matchAll(/\.\s*([A-Za-z]\w*)\s*\(/g)) {
      const name = match[1] as string;
      if (methods.has(name)) called.add(name);
    }
  }
  return called;
}

describe("MX's Node SDK (v20111101) over the simulator's operations", () => {
  const methods = sdkMethods();
  const served = servedOperations();

  it("has a method for every operation the simulator serves in v20111101 (MX's operationIds)", () => {
    expect(served.filter((op) => !methods.has(op))).toEqual([]);
  });

  it('drives every served operation in a test', () => {
    const called = calledMethods(methods);
    expect(served.filter((op) => !called.has(op))).toEqual([]);
  });
});
