// The reference client against the in-process simulator: MX's errors, Retry-After, pagination.
import { describe, expect, it } from 'vitest';
import { createMxClient, ok } from '../../src/client/client.js';
import { MxApiError } from '../../src/client/errors.js';
import { eachItem, listAll } from '../../src/client/paginate.js';
import type { WireExchange } from '../../src/client/transport.js';
import { recordingSleep, target } from '../helpers/flow.js';

describe('the reference client', () => {
  it("surfaces MX's error as an MxApiError with status, message and type", async () => {
    const t = target();
    const mx = createMxClient(t);
    const err = await ok(
      mx.api.GET('/users/{user_identifier}', { params: { path: { user_identifier: 'nobody' } } }),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MxApiError);
    expect(err).toMatchObject({ status: 404, type: 'not_found', method: 'GET', path: '/users/nobody' });
    expect((err as MxApiError).mxMessage).toMatch(/nobody/);
    expect((err as MxApiError).message).toMatch(/^GET \/users\/nobody → 404: /);
  });

  it('retries a 429 after exactly the Retry-After the simulator sends (scenario fault)', async () => {
    const t = target('faults:\n  - { route: "GET /institutions/*", retry_after: 1, every: 2 }\n');
    const { sleep, delays } = recordingSleep(t);
    const exchanges: WireExchange[] = [];
    const mx = createMxClient({ ...t, sleep, onExchange: (e) => exchanges.push(e) });
    for (let i = 0; i < 3; i++) {
      const { institution: got } = await ok(
        mx.api.GET('/institutions/{institution_code}', { params: { path: { institution_code: 'mxbank' } } }),
      );
      expect(got.code).toBe('mxbank');
    }
    // Every 2nd matching request (retries count) is refused: calls 2 and 3 each wait once.
    expect(delays).toEqual([1000, 1000]);
    expect(exchanges.map((e) => [e.status, e.attempt])).toEqual([
      [200, 1],
      [429, 1],
      [200, 2],
      [429, 1],
      [200, 2],
    ]);
    expect(exchanges[1]?.responseHeaders['retry-after']).toBe('1');
  });
});

describe('pagination', () => {
  it('iterates every page of any list', async () => {
    const t = target(undefined, 'pagination-test');
    const pages: string[] = [];
    const mx = createMxClient({ ...t, onExchange: (e) => pages.push(e.path) });
    for (let i = 0; i < 23; i++) await ok(mx.api.POST('/users', { body: { user: { id: `paged-${i}` } } }));
    pages.length = 0;
    const users = await listAll('users', (query) => mx.api.GET('/users', { params: { query } }), { perPage: 10 });
    expect(users.map((u) => u.id)).toEqual(Array.from({ length: 23 }, (_, i) => `paged-${i}`));
    expect(pages).toEqual([1, 2, 3].map((p) => `/users?page=${p}&records_per_page=10`));
    // The generator form stops as soon as the caller does.
    let seen = 0;
    for await (const _ of eachItem('users', (query) => mx.api.GET('/users', { params: { query } }), { perPage: 10 })) {
      if (++seen === 5) break;
    }
    expect(pages).toHaveLength(4);
  });
});
