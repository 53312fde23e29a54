import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateArtifacts } from '../scripts/artifacts.js';
import { createSimulator } from '../src/server/app.js';

describe('generated files', () => {
  it('are fresh: openapi/ and src/client/generated/ match the route definitions and src/scenarios/scenario.schema.json (run `npm run openapi`)', async () => {
    const artifacts = await generateArtifacts();
    expect(artifacts.map((a) => a.path)).toEqual(
      expect.arrayContaining(['openapi/v20111101.json', 'src/client/generated/v20111101.ts']),
    );
    for (const artifact of artifacts) {
      const onDisk = readFileSync(new URL(`../${artifact.path}`, import.meta.url), 'utf8');
      expect(onDisk, `${artifact.path} is stale: run npm run openapi`).toBe(artifact.content);
    }
  });

  describe.each([
    ['v20250224', 'Accept-Version', 'v20250224'],
    ['v20111101', 'Accept', 'application/vnd.mx.api.v1+json'],
  ] as const)('%s', (version, header, example) => {
    const doc = createSimulator().openapi(version);

    it('documents every route the simulator serves, and nothing else', () => {
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

    it(`documents the ${header} header on every operation (the version middleware enforces it)`, () => {
      expect(doc.components?.parameters?.Version).toMatchObject({ name: header, in: 'header', schema: { example } });
      for (const [path, item] of Object.entries(doc.paths ?? {})) {
        for (const [method, op] of Object.entries(item as Record<string, { parameters?: Array<{ $ref?: string }> }>)) {
          const refs = (op.parameters ?? []).map((p) => p.$ref);
          expect(refs, `${method.toUpperCase()} ${path}`).toContain('#/components/parameters/Version');
        }
      }
    });
  });

  it('documents v20111101 paths with guids where v20250224 takes identifiers', () => {
    const sim = createSimulator();
    const v1 = Object.keys(sim.openapi('v20111101').paths ?? {});
    expect(v1).toContain('/users/{user_guid}/members/{member_guid}/status');
    expect(v1).toContain('/institutions/{institution_code}/credentials');
    expect(v1.filter((p) => p.includes('_identifier'))).toEqual([]);
    expect(v1).not.toContain('/users/{user_guid}/members/{member_guid}/accounts/{account_guid}/transactions');
  });
});
