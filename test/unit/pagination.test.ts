// Pagination rules alone: page and per-page resolution, totals past the end.
import { describe, expect, it } from 'vitest';
import { paginate, resolvePage } from '../../src/server/pagination.js';

describe('pagination rules', () => {
  it.each([
    [{}, 100, { page: 1, perPage: 25 }],
    [{ records_per_page: 100 }, 100, { page: 1, perPage: 100 }],
    [{ records_per_page: 101 }, 100, { page: 1, perPage: 25 }],
    [{ records_per_page: 1000 }, 1000, { page: 1, perPage: 1000 }],
    [{ records_per_page: 1001 }, 1000, { page: 1, perPage: 25 }],
    [{ records_per_page: 3 }, 100, { page: 1, perPage: 10 }],
    [{ page: 0 }, 100, { page: 1, perPage: 25 }],
    [{ page: -4 }, 100, { page: 1, perPage: 25 }],
  ] as const)('resolves %o with maximum %i to %o', (req, max, expected) => {
    expect(resolvePage(req, max)).toEqual(expected);
  });

  it('returns an empty page with true totals past the end', () => {
    expect(paginate([1, 2, 3], { page: 5 }, 100)).toEqual({
      items: [],
      pagination: { current_page: 5, per_page: 25, total_entries: 3, total_pages: 1 },
    });
  });
});
