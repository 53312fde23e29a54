// Every operation of MX's two documents is served, against MX's own documents (when present): each one
// of MX's operations is in the project's document of that version, at MX's method and path, and the
// project serves nothing else but what BEYOND names (operations MX's guides document and its documents
// leave out). A missing operation fails here, by name.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findMxSpec, MX_SPEC_HINT } from '../../src/contract/mx-spec.js';
import type { ApiVersion } from '../../src/mx/versions.js';
import { createSimulator } from '../../src/server/app.js';

/** Served beyond MX's documents, where MX's guides document an operation the documents leave out. */
const BEYOND: Record<string, string> = {
  requestProcessorAccessToken: "POST /token, the processor's code exchange in MX's processor token guide",
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** operationId → `METHOD /path/{}` (path parameter names aside: the project names some as MX's other document does). */
function operations(doc: { paths?: Record<string, unknown> }): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item as Record<string, { operationId?: string }>)) {
      if (!METHODS.includes(method) || !op.operationId) continue;
      out.set(op.operationId, `${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, '{}')}`);
    }
  }
  return out;
}

const versions = (['v20250224', 'v20111101'] as const).filter((v) => findMxSpec(v));
if (versions.length < 2) console.info(`operation coverage against MX's documents skipped: ${MX_SPEC_HINT}`);

describe("BEYOND's operations", () => {
  it("are each served in one of the project's documents", () => {
    const served = new Set(
      (['v20250224', 'v20111101'] as const).flatMap((v) => [...operations(createSimulator().openapi(v)).keys()]),
    );
    expect(Object.keys(BEYOND).filter((id) => !served.has(id))).toEqual([]);
  });
});

describe.each(versions)("MX's operations in %s", (version: ApiVersion) => {
  const mx = operations(parse(readFileSync(findMxSpec(version) as string, 'utf8')));
  const ours = operations(createSimulator().openapi(version));

  it("are each served at MX's method and path, and nothing else is", () => {
    const served = [...ours.keys()];
    expect(
      served.filter((id) => !mx.has(id) && !(id in BEYOND)),
      'served but not an operation of MX',
    ).toEqual([]);
    expect(
      served.filter((id) => mx.has(id) && ours.get(id) !== mx.get(id)).map((id) => `${id}: ${ours.get(id)}`),
    ).toEqual([]);
    expect(
      [...mx.keys()].filter((id) => !ours.has(id)),
      "MX's operations not served",
    ).toEqual([]);
    // 169 in v20250224 and 166 in v20111101 when this was written; MX's documents may grow.
    expect(ours.size).toBe(mx.size + Object.keys(BEYOND).length);
  });
});
