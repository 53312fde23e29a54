import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateArtifacts } from '../../scripts/artifacts.js';
import { ContractValidator } from '../../src/contract/validator.js';
import { createSimulator } from '../../src/server/app.js';

describe('generated files', () => {
  it('are fresh: openapi/ and src/client/generated/ match the route definitions and src/scenarios/scenario.schema.json (run `npm run openapi`)', async () => {
    const artifacts = await generateArtifacts();
    expect(artifacts.map((a) => a.path)).toEqual(
      expect.arrayContaining(['openapi/v20111101.json', 'src/client/generated/v20111101.ts', 'openapi/admin.json']),
    );
    for (const artifact of artifacts) {
      const onDisk = readFileSync(new URL(`../../${artifact.path}`, import.meta.url), 'utf8');
      expect(onDisk, `${artifact.path} is stale: run npm run openapi`).toBe(artifact.content);
    }
  });

  describe.each([
    ['v20250224', 'Accept-Version', 'v20250224'],
    ['v20111101', 'Accept-Version', 'v20111101'],
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

    it('can check a request and an answer of every operation: each schema compiles in a JSON Schema validator', async () => {
      // The file users check against (the test above proves it is this document).
      const file = JSON.parse(readFileSync(new URL(`../../openapi/${version}.json`, import.meta.url), 'utf8'));
      const validator = await ContractValidator.fromDocument(file);
      const paths = Object.entries(file.paths) as [string, Record<string, unknown>][];
      const failures: string[] = [];
      for (const [path, item] of paths) {
        for (const [method, op] of Object.entries(item as Record<string, { responses: object }>)) {
          const concrete = path.replace(/\{[^}]+\}/g, 'X');
          const checks = [
            () => validator.validateRequest({ method, path: concrete, headers: {}, body: {} }),
            ...Object.keys(op.responses).map(
              (status) => () =>
                validator.validate({
                  method,
                  path: concrete,
                  status: Number(status),
                  body: {},
                  contentType: 'application/json',
                }),
            ),
          ];
          for (const check of checks) {
            // A schema no validator compiles is reported as a problem (or, before, thrown): neither may happen.
            const found = (() => {
              try {
                return check().filter((x) => x.message.includes('cannot be checked'));
              } catch (e) {
                return [{ message: (e as Error).message }];
              }
            })();
            failures.push(...found.map((x) => `${method.toUpperCase()} ${path}: ${x.message}`));
          }
        }
      }
      expect(failures).toEqual([]);
    }, 60_000);

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

  describe('the admin API (openapi/admin.json)', () => {
    const doc = createSimulator().adminOpenapi();
    const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
      Object.entries(item as Record<string, { operationId?: string }>).map(
        ([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`,
      ),
    );

    it('documents every admin route, each with its own operationId, and says it is generated', () => {
      expect(operations.sort()).toEqual([
        'DELETE /_mx-sim/contract clearContractReport',
        'DELETE /_mx-sim/journal clearJournal',
        'DELETE /_mx-sim/scenarios deleteScenarios',
        'DELETE /_mx-sim/webhooks clearWebhooks',
        'GET /_mx-sim/clock readClock',
        'GET /_mx-sim/contract readContractReport',
        'GET /_mx-sim/export exportWorld',
        'GET /_mx-sim/health readHealth',
        'GET /_mx-sim/journal readJournal',
        'GET /_mx-sim/micro_deposits listSimulatedMicrodeposits',
        'GET /_mx-sim/openapi/{document} readOpenApiDocument',
        'GET /_mx-sim/scenarios listScenarios',
        'GET /_mx-sim/webhooks readWebhooks',
        'POST /_mx-sim/clock moveClock',
        'POST /_mx-sim/reset resetWorld',
        'POST /_mx-sim/scenarios loadScenario',
        'POST /_mx-sim/webhooks/{guid}/resend resendWebhook',
      ]);
      expect(doc.info.description).toMatch(/Generated from the route definitions; do not edit\./);
      const load = (doc.paths as any)['/_mx-sim/scenarios'].post;
      expect(Object.keys(load.requestBody.content)).toEqual(['application/yaml', 'application/json']);
    });

    it('catches an admin answer that breaks it (the check the HTTP tests run has teeth)', async () => {
      const validator = await ContractValidator.fromDocument(doc as never);
      const good = { client_id: 'c', now: '2026-01-15T12:00:00.000Z', offset_ms: 0 };
      expect(validator.validate({ method: 'GET', path: '/_mx-sim/clock', status: 200, body: good })).toEqual([]);
      const bad = validator.validate({
        method: 'GET',
        path: '/_mx-sim/clock',
        status: 200,
        body: { ...good, offset_ms: 'soon' },
        contentType: 'application/json',
      });
      expect(bad.map((v) => v.message)).toEqual([expect.stringContaining('offset_ms')]);
      // An exported scenario is described field by field (from the scenario's zod schema).
      const exported = (body: unknown) =>
        validator.validate({ method: 'GET', path: '/_mx-sim/export?format=json', status: 200, body });
      expect(exported({ users: [{ id: 'u', members: [{ institution: 'mxbank' }] }] })).toEqual([]);
      expect(exported({ users: [{ members: [{ id: 'm' }] }] }).map((v) => v.message)).toEqual([
        expect.stringContaining('institution'),
      ]);
    });
  });
});

describe('GET /_mx-sim/openapi/{document}', () => {
  it('serves each generated document, byte for byte the file in openapi/, without credentials', async () => {
    const sim = createSimulator();
    for (const name of ['admin.json', 'v20250224.json', 'v20111101.json']) {
      const res = await sim.app.request(`/_mx-sim/openapi/${name}`);
      expect(res.status, name).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(res.headers.get('x-request-id')).toMatch(/^req-/);
      const onDisk = JSON.parse(readFileSync(new URL(`../../openapi/${name}`, import.meta.url), 'utf8'));
      expect(await res.json(), name).toEqual(onDisk);
    }
    const unknown = await sim.app.request('/_mx-sim/openapi/v3.json');
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.message).toContain('v20250224.json');
  });
});
