// In the e2e project: it loads dependency-cruiser and TypeScript (seconds), which the fast unit loop should not pay.
// The import rules (.dependency-cruiser.cjs, run over src/ by `npm run deps` in `npm test`) have teeth:
// a throwaway tree with one forbidden edge per rule is refused edge by edge, and an allowed tree passes.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruise } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';

const config = createRequire(import.meta.url)('../../.dependency-cruiser.cjs') as { forbidden: unknown[] };
const roots: string[] = [];

/** Cruises a tree of files (path → the modules it imports) with the project's rules; returns `rule: from → to`. */
async function violations(files: Record<string, string[]>): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), 'mx-sim-deps-'));
  roots.push(root);
  for (const [path, imports] of Object.entries(files)) {
    const lines = imports.map((to, i) => `import * as m${i} from '${to}';\nexport const u${i} = m${i};`);
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), `${lines.join('\n')}\nexport const x = 1;\n`);
  }
  const result = await cruise(
    ['src'],
    {
      baseDir: root,
      validate: true,
      ruleSet: { forbidden: config.forbidden } as never,
      tsPreCompilationDeps: true,
    },
    { extensions: ['.ts', '.js'] },
  );
  const output = result.output as {
    summary: { violations: Array<{ rule: { name: string }; from: string; to: string }> };
  };
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe('import rules', () => {
  it('accept imports that point down the layers', async () => {
    expect(
      await violations({
        'src/server/app.ts': ['./routes/users.js', './middleware/auth.js'],
        'src/server/routes/users.ts': ['../domain/users.js', '../presenters/v.js'],
        'src/server/presenters/v.ts': ['../store/users.js'],
        'src/server/middleware/auth.ts': ['../store/users.js'],
        'src/server/domain/users.ts': ['../store/users.js', '../engine/lifecycle.js', '../generators/ids.js'],
        'src/server/webhooks/payloads.ts': ['../store/users.js'],
        'src/server/store/users.ts': ['../generators/ids.js', '../../scenarios/schema.js'],
        'src/server/generators/ids.ts': ['../engine/lifecycle.js', '../errors.js'],
        'src/server/engine/lifecycle.ts': ['../../mx/statuses.js'],
        'src/server/errors.ts': [],
        'src/scenarios/schema.ts': ['../mx/statuses.js'],
        'src/mx/statuses.ts': [],
        'src/client/run.ts': ['../server/app.js', '../contract/report.js'],
        'src/contract/report.ts': [],
      }),
    ).toEqual([]);
  });

  it('refuse upward imports, impure engines and generators, and cycles', async () => {
    expect(
      await violations({
        'src/server/engine/lifecycle.ts': ['../store/tenant.js', '../generators/ids.js'],
        'src/server/generators/ids.ts': ['../webhooks/payloads.js'],
        'src/server/store/tenant.ts': ['../domain/faults.js'],
        'src/server/domain/faults.ts': ['../store/tenant.js', '../routes/users.js'],
        'src/server/routes/users.ts': [],
        'src/server/webhooks/payloads.ts': [],
      }),
    ).toEqual([
      'engine-is-pure: src/server/engine/lifecycle.ts → src/server/generators/ids.ts',
      'engine-is-pure: src/server/engine/lifecycle.ts → src/server/store/tenant.ts',
      'generators-are-pure: src/server/generators/ids.ts → src/server/webhooks/payloads.ts',
      'layer-domain: src/server/domain/faults.ts → src/server/routes/users.ts',
      'layer-engine+generators: src/server/engine/lifecycle.ts → src/server/store/tenant.ts',
      'layer-engine+generators: src/server/generators/ids.ts → src/server/webhooks/payloads.ts',
      'layer-store: src/server/store/tenant.ts → src/server/domain/faults.ts',
      // A cycle is reported once, at the module where the cruise meets it first.
      'no-circular: src/server/domain/faults.ts → src/server/store/tenant.ts',
    ]);
  });

  it('keep the server off the client, and the file format, contract code and vocabulary self-contained', async () => {
    expect(
      await violations({
        'src/server/watch/contract-watch.ts': ['../../client/transport.js'],
        'src/client/transport.ts': [],
        'src/contract/report.ts': ['../client/transport.js'],
        'src/scenarios/schema.ts': ['../server/generators/finance.js'],
        'src/server/generators/finance.ts': [],
        'src/mx/products.ts': ['../scenarios/x.js'],
        'src/scenarios/x.ts': [],
      }),
    ).toEqual([
      'contract-stands-alone: src/contract/report.ts → src/client/transport.ts',
      'mx-vocabulary-is-a-leaf: src/mx/products.ts → src/scenarios/x.ts',
      'scenarios-are-the-file-format: src/scenarios/schema.ts → src/server/generators/finance.ts',
      'server-not-to-client: src/server/watch/contract-watch.ts → src/client/transport.ts',
    ]);
  });
  it("keep the package's entry modules on top: nothing under them imports them", async () => {
    expect(
      await violations({
        'src/index.ts': ['./server/clock.js'],
        'src/testing/index.ts': ['../server/clock.js', '../client/answerers.js'],
        'src/msw/index.ts': ['../server/clock.js'],
        'src/server/app.ts': ['../index.js', '../testing/index.js'],
        'src/client/run.ts': ['../msw/index.js'],
        'src/server/clock.ts': [],
        'src/client/answerers.ts': [],
      }),
    ).toEqual([
      'entry-points-on-top: src/client/run.ts → src/msw/index.ts',
      'entry-points-on-top: src/server/app.ts → src/index.ts',
      'entry-points-on-top: src/server/app.ts → src/testing/index.ts',
    ]);
  });
});
