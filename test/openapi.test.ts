import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateArtifacts } from '../scripts/artifacts.js';
import { createSimulator } from '../src/server/app.js';

describe('generated files', () => {
  it('are fresh: openapi/ and src/client/generated/ match the route definitions and src/scenarios/scenario.schema.json (run `npm run openapi`)', async () => {
    for (const artifact of await generateArtifacts()) {
      const onDisk = readFileSync(new URL(`../${artifact.path}`, import.meta.url), 'utf8');
      expect(onDisk, `${artifact.path} is stale: run npm run openapi`).toBe(artifact.content);
    }
  });

  it('document every route the simulator serves, and nothing else', () => {
    const doc = createSimulator().openapi('v20250224');
    const documented = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
      Object.keys(item as object).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.length).toBeGreaterThan(0);
    for (const op of documented) expect(op).toMatch(/^(GET|POST|PUT|DELETE) \//);
    const ids = Object.values(doc.paths ?? {}).flatMap((item) =>
      Object.values(item as Record<string, { operationId?: string }>).map((o) => o.operationId),
    );
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('document the Accept-Version header on every operation (the version middleware enforces it)', () => {
    const doc = createSimulator().openapi('v20250224');
    expect(doc.components?.parameters?.AcceptVersion).toMatchObject({ name: 'Accept-Version', in: 'header' });
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const [method, op] of Object.entries(item as Record<string, { parameters?: Array<{ $ref?: string }> }>)) {
        const refs = (op.parameters ?? []).map((p) => p.$ref);
        expect(refs, `${method.toUpperCase()} ${path}`).toContain('#/components/parameters/AcceptVersion');
      }
    }
  });
});
