// The insights a tenant derived are kept for its most recently read users only, so a world where
// 100,000 users read their insights holds a bounded number of derivations.
import { describe, expect, it } from 'vitest';
import { InsightStore, KEPT_DERIVATIONS } from '../../src/server/store/insights.js';

describe("a tenant's kept insight derivations", () => {
  it('are reused for the same inputs only, and the least recently read user goes first past the bound', () => {
    const store = new InsightStore();
    store.keep('USR-0', 'k0', ['first']);
    expect(store.cached('USR-0', 'k0')).toEqual(['first']);
    expect(store.cached('USR-0', 'other inputs')).toBeUndefined();
    for (let i = 1; i < KEPT_DERIVATIONS; i++) store.keep(`USR-${i}`, `k${i}`, [i]);
    // USR-1 is now the least recently read (USR-0 was read after it was kept, then the rest were kept).
    expect(store.cached('USR-0', 'k0')).toEqual(['first']);
    store.keep('USR-new', 'kn', ['new']);
    expect(store.kept('USR-1')).toBeUndefined();
    expect(store.kept('USR-0')).toEqual(['first']);
    expect(store.kept('USR-new')).toEqual(['new']);
    store.deleteForUser('USR-0');
    expect(store.kept('USR-0')).toBeUndefined();
  });
});
