// Which of MX's operations the simulator serves, against MX's own documents (when present): every operation
// the project's documents list is one of MX's, at MX's method and path; every one of MX's that is not served
// yet is named below, under the issue that brings it. Serving one means taking it off its list, so the lists
// only shrink, and the day they are empty every operation of both documents is served.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findMxSpec, MX_SPEC_HINT } from '../../src/contract/mx-spec.js';
import type { ApiVersion } from '../../src/mx/versions.js';
import { createSimulator } from '../../src/server/app.js';

/** Not served yet, by the issue that brings them (both versions; a name missing from a version's document is ignored there). */
const PENDING: Record<string, readonly string[]> = {
  'all of MX, part 3 (insights, budgets, goals, spending plans, notifications, managed data)': [
    'listInsightsUser',
    'readInsightUser',
    'updateInsight',
    'listInsightsByAccount',
    'listInsightsByTransaction',
    'listAccountsInsight',
    'listCategoriesInsight',
    'listMerchantsInsight',
    'listScheduledPaymentsInsight',
    'listTransactionsInsight',
    'listGoals',
    'createGoal',
    'readGoal',
    'updateGoal',
    'deleteGoal',
    'repositionGoals',
    'listNotifications',
    'createNotification',
    'readNotifications',
  ],
};

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

const pending = new Set(Object.values(PENDING).flat());
const versions = (['v20250224', 'v20111101'] as const).filter((v) => findMxSpec(v));
if (versions.length < 2) console.info(`operation coverage against MX's documents skipped: ${MX_SPEC_HINT}`);

describe('pending operations', () => {
  it('are named once each', () => {
    expect(pending.size).toBe(Object.values(PENDING).flat().length);
  });
});

describe.each(versions)("MX's operations in %s", (version: ApiVersion) => {
  const mx = operations(parse(readFileSync(findMxSpec(version) as string, 'utf8')));
  const ours = operations(createSimulator().openapi(version));

  it("are each served at MX's method and path, or named as pending", () => {
    const served = [...ours.keys()];
    expect(
      served.filter((id) => !mx.has(id) && !(id in BEYOND)),
      'served but not an operation of MX',
    ).toEqual([]);
    expect(
      served.filter((id) => mx.has(id) && ours.get(id) !== mx.get(id)).map((id) => `${id}: ${ours.get(id)}`),
    ).toEqual([]);
    expect(
      served.filter((id) => pending.has(id)),
      'served: take them off PENDING',
    ).toEqual([]);
    expect(
      [...mx.keys()].filter((id) => !ours.has(id) && !pending.has(id)),
      'neither served nor pending',
    ).toEqual([]);
  });
});
