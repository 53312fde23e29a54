import { describe, expect, it } from 'vitest';
import { paginate, resolvePage } from '../src/server/pagination.js';
import { useServer } from './helpers/server.js';

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

describe('pagination over HTTP', () => {
  const mx = useServer();

  it('applies MX rules to a real list', async () => {
    const small = await mx.get('/institutions?records_per_page=2');
    expect(small.body.pagination.per_page).toBe(10);
    expect(small.body.institutions).toHaveLength(10);
    const tooMany = await mx.get('/institutions?records_per_page=500');
    expect(tooMany.body.pagination.per_page).toBe(25);
    const max1000 = await mx.get('/institutions/mxbank/credentials?records_per_page=500');
    expect(max1000.body.pagination.per_page).toBe(500);
    const p2 = await mx.get('/institutions?page=2&records_per_page=10');
    const p1 = await mx.get('/institutions?page=0&records_per_page=10');
    expect(p1.body.pagination.current_page).toBe(1);
    expect(p2.body.institutions[0].code).not.toBe(p1.body.institutions[0].code);
    expect(p2.body.pagination.total_pages).toBe(Math.ceil(p2.body.pagination.total_entries / 10));
  });
});
