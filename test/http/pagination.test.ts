// Pagination over HTTP: MX's rules applied to a real list.
import { describe, expect, it } from 'vitest';
import { useServer } from '../helpers/server.js';

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
