// How the simulator delivers a logged webhook (docs/webhooks.md): a JSON POST, 3 attempts in all by
// default, waiting backoffMs × n (200 ms, then 400 ms) before retry n, each attempt cut off after 5 s;
// one client's webhooks one at a time, in order. Pure: the fetch and the waits are injected.
import type { Logger } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScenarioWebhooks } from '../../src/scenarios/schema.js';
import type { WebhookEntry } from '../../src/server/store/webhook-log.js';
import { Deliverer, type DeliveryOptions } from '../../src/server/webhooks/delivery.js';

const URL_ = 'http://127.0.0.1:9/hooks';
const config: ScenarioWebhooks = { url: URL_ } as ScenarioWebhooks;

let entries = 0;
function entry(payload: Record<string, string> = { type: 'AGGREGATION' }): WebhookEntry {
  return {
    guid: `WHK-${++entries}`,
    type: 'AGGREGATION',
    due_at: 0,
    payload,
    delivery: { state: 'pending', attempts: 0, last_error: null },
  };
}

interface Call {
  url: string;
  init: RequestInit;
}

/** A fetch that answers each call with the next status (the last one repeats), recording the calls. */
function answering(...statuses: number[]) {
  const calls: Call[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const status = statuses[Math.min(calls.length - 1, statuses.length - 1)] as number;
    return new Response(status === 204 ? null : 'body', { status });
  }) as unknown as typeof globalThis.fetch;
  return { calls, fetch };
}

/** Records each wait instead of waiting. */
function waits() {
  const ms: number[] = [];
  return { ms, sleep: async (n: number) => void ms.push(n) };
}

async function deliver(options: DeliveryOptions, e = entry(), c = config) {
  const d = new Deliverer(options);
  d.enqueue({}, e, c);
  await d.idle();
  return e;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('retries', () => {
  it('by default: 3 attempts in all, waiting 200 ms then 400 ms, then failed with the last error', async () => {
    const { calls, fetch } = answering(500, 502, 503);
    const w = waits();
    const e = await deliver({ fetch, sleep: w.sleep });
    expect(calls).toHaveLength(3);
    expect(w.ms).toEqual([200, 400]);
    expect(e.delivery).toEqual({ state: 'failed', attempts: 3, last_error: 'HTTP 503' });
  });

  it('waits backoffMs × n before retry n, for as many attempts as configured', async () => {
    const { calls, fetch } = answering(500);
    const w = waits();
    const e = await deliver({ fetch, sleep: w.sleep, attempts: 5, backoffMs: 50 });
    expect(calls).toHaveLength(5);
    expect(w.ms).toEqual([50, 100, 150, 200]);
    expect(e.delivery).toEqual({ state: 'failed', attempts: 5, last_error: 'HTTP 500' });
  });

  it('stops at the first 2xx, recording the attempts and the status', async () => {
    const { calls, fetch } = answering(500, 200);
    const w = waits();
    const e = await deliver({ fetch, sleep: w.sleep });
    expect(calls).toHaveLength(2);
    expect(w.ms).toEqual([200]);
    expect(e.delivery).toEqual({ state: 'delivered', attempts: 2, status: 200 });
  });

  it('delivers on the first attempt without waiting; any 2xx counts', async () => {
    for (const status of [200, 202, 204, 299]) {
      const { calls, fetch } = answering(status);
      const w = waits();
      const e = await deliver({ fetch, sleep: w.sleep });
      expect(calls).toHaveLength(1);
      expect(w.ms).toEqual([]);
      expect(e.delivery).toEqual({ state: 'delivered', attempts: 1, status });
    }
  });

  it('retries 3xx and 4xx answers too', async () => {
    const { calls, fetch } = answering(301, 404, 204);
    const e = await deliver({ fetch, sleep: waits().sleep });
    expect(calls).toHaveLength(3);
    expect(e.delivery).toEqual({ state: 'delivered', attempts: 3, status: 204 });
  });

  it('shows the entry pending, with its attempts and last error, while it waits to retry', async () => {
    const { fetch } = answering(500, 500, 204);
    const e = entry();
    const seen: unknown[] = [];
    await deliver(
      {
        fetch,
        sleep: async () => {
          seen.push({ ...e.delivery });
        },
      },
      e,
    );
    expect(seen).toEqual([
      { state: 'pending', attempts: 1, last_error: 'HTTP 500' },
      { state: 'pending', attempts: 2, last_error: 'HTTP 500' },
    ]);
  });

  it('waits in real time by default (no sleep given)', async () => {
    const { fetch } = answering(500, 204);
    const started = performance.now();
    const e = await deliver({ fetch, backoffMs: 30 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    expect(e.delivery).toEqual({ state: 'delivered', attempts: 2, status: 204 });
  });
});

describe('the per-attempt timeout', () => {
  it('is 5 s by default, a fresh one for every attempt', async () => {
    const timeout = vi.spyOn(AbortSignal, 'timeout');
    const { calls, fetch } = answering(500);
    await deliver({ fetch, sleep: waits().sleep });
    expect(timeout.mock.calls).toEqual([[5_000], [5_000], [5_000]]);
    const signals = calls.map((c) => c.init.signal);
    expect(signals.every((s) => s instanceof AbortSignal)).toBe(true);
    expect(new Set(signals).size).toBe(3);
    expect(signals.map((s, i) => s === timeout.mock.results[i]?.value)).toEqual([true, true, true]);
  });

  it('takes timeoutMs; a receiver that never answers is cut off, retried, and failed as "timed out"', async () => {
    const timeout = vi.spyOn(AbortSignal, 'timeout');
    const calls: number[] = [];
    // Never answers; gives up only when the request's signal aborts, as fetch does.
    const fetch = ((_url: string, init: RequestInit) => {
      calls.push(performance.now());
      return new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    }) as unknown as typeof globalThis.fetch;
    const w = waits();
    const started = performance.now();
    const e = await deliver({ fetch, sleep: w.sleep, timeoutMs: 40 });
    expect(timeout.mock.calls).toEqual([[40], [40], [40]]);
    expect(calls).toHaveLength(3);
    expect(performance.now() - started).toBeGreaterThanOrEqual(3 * 35);
    expect(w.ms).toEqual([200, 400]);
    expect(e.delivery).toEqual({ state: 'failed', attempts: 3, last_error: 'timed out' });
  });
});

describe('the request', () => {
  it('is a JSON POST of the payload to the url, as MX sends it', async () => {
    const { calls, fetch } = answering(204);
    await deliver({ fetch }, entry({ type: 'AGGREGATION', member_guid: 'MBR-1' }));
    expect(calls).toHaveLength(1);
    const { url, init } = calls[0] as Call;
    expect(url).toBe(URL_);
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({
      'content-type': 'application/json; charset=utf-8',
      accept: 'application/json',
      'user-agent': 'mx-sim webhooks',
    });
    expect(JSON.parse(init.body as string)).toEqual({ type: 'AGGREGATION', member_guid: 'MBR-1' });
  });

  it('never follows a redirect (fetch is told redirect: manual)', async () => {
    const { calls, fetch } = answering(204);
    await deliver({ fetch });
    expect((calls[0] as Call).init.redirect).toBe('manual');
  });

  it("carries the scenario's Basic credentials", async () => {
    const { calls, fetch } = answering(204);
    const withAuth = { url: URL_, basic_auth: { username: 'hook', password: 'p:w' } } as ScenarioWebhooks;
    await deliver({ fetch }, entry(), withAuth);
    expect(((calls[0] as Call).init.headers as Record<string, string>).authorization).toBe(
      `Basic ${Buffer.from('hook:p:w').toString('base64')}`,
    );
  });
});

describe('errors', () => {
  async function failWith(error: unknown) {
    const fetch = (async () => {
      throw error;
    }) as unknown as typeof globalThis.fetch;
    return (await deliver({ fetch, sleep: waits().sleep })).delivery;
  }

  it("name the connection error's code, else its cause's message, else the error's message", async () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) });
    expect(await failWith(refused)).toEqual({ state: 'failed', attempts: 3, last_error: 'ECONNREFUSED' });
    const caused = new TypeError('fetch failed', { cause: new Error('socket hang up') });
    expect(await failWith(caused)).toEqual({ state: 'failed', attempts: 3, last_error: 'socket hang up' });
    expect(await failWith(new Error('plain'))).toEqual({ state: 'failed', attempts: 3, last_error: 'plain' });
    expect(await failWith('a string')).toEqual({ state: 'failed', attempts: 3, last_error: 'a string' });
  });

  it('log a failed delivery once, without the url userinfo', async () => {
    const warn = vi.fn();
    const logger = { warn } as unknown as Logger;
    const { fetch } = answering(500);
    const e = entry();
    await deliver({ fetch, sleep: waits().sleep, logger }, e, {
      url: 'http://user:secret@127.0.0.1:9/h',
    } as ScenarioWebhooks);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]).toEqual([
      { webhook: e.guid, type: 'AGGREGATION', url: 'http://127.0.0.1:9/h', attempts: 3, error: 'HTTP 500' },
      'webhook delivery failed',
    ]);
    expect(JSON.stringify(warn.mock.calls)).not.toContain('secret');
  });

  it('never show a url password an error quotes, in the log entry or the warning', async () => {
    const warn = vi.fn();
    // What Node's fetch throws for a URL with userinfo; any other error may quote a URL too.
    const quoting = new TypeError(
      'Request cannot be constructed from a URL that includes credentials: http://hook:pa@ss-42@127.0.0.1:9/h',
    );
    const fetch = (async () => {
      throw quoting;
    }) as unknown as typeof globalThis.fetch;
    const e = await deliver({ fetch, sleep: waits().sleep, logger: { warn } as unknown as Logger });
    expect(e.delivery).toEqual({
      state: 'failed',
      attempts: 3,
      last_error: 'Request cannot be constructed from a URL that includes credentials: http://127.0.0.1:9/h',
    });
    expect(JSON.stringify(warn.mock.calls)).not.toContain('ss-42');
  });

  it('count a 3xx as a failed attempt that says where it pointed (origin and path only), retried', async () => {
    const calls: Call[] = [];
    const fetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(null, { status: 307, headers: { location: 'http://u:pw-9@10.0.0.1:8/in?token=t0k' } });
    }) as unknown as typeof globalThis.fetch;
    const e = await deliver({ fetch, sleep: waits().sleep });
    expect(calls.map((c) => c.url)).toEqual([URL_, URL_, URL_]);
    expect(e.delivery).toEqual({
      state: 'failed',
      attempts: 3,
      last_error:
        "HTTP 307: redirect (to http://10.0.0.1:8/in) not followed; set webhooks.url to the receiver's own URL",
    });
    const relative = (async () =>
      new Response(null, { status: 301, headers: { location: '/moved' } })) as unknown as typeof globalThis.fetch;
    expect((await deliver({ fetch: relative, sleep: waits().sleep })).delivery).toMatchObject({
      last_error:
        "HTTP 301: redirect (to http://127.0.0.1:9/moved) not followed; set webhooks.url to the receiver's own URL",
    });
    const nowhere = (async () => new Response(null, { status: 302 })) as unknown as typeof globalThis.fetch;
    expect((await deliver({ fetch: nowhere, sleep: waits().sleep })).delivery).toMatchObject({
      last_error: "HTTP 302: redirect (no Location) not followed; set webhooks.url to the receiver's own URL",
    });
  });

  it('are not logged when the delivery succeeds', async () => {
    const warn = vi.fn();
    await deliver({ fetch: answering(500, 204).fetch, sleep: waits().sleep, logger: { warn } as unknown as Logger });
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('ordering', () => {
  it("delivers one client's webhooks one at a time, in order, each after the previous one's retries", async () => {
    const log: string[] = [];
    const fetch = (async (_url: string, init: RequestInit) => {
      const { n } = JSON.parse(init.body as string);
      log.push(n);
      return new Response(null, { status: n === 'first' && log.length < 2 ? 500 : 204 });
    }) as unknown as typeof globalThis.fetch;
    const d = new Deliverer({ fetch, sleep: async () => {} });
    const owner = {};
    const first = entry({ n: 'first' });
    const second = entry({ n: 'second' });
    d.enqueue(owner, first, config);
    d.enqueue(owner, second, config);
    await d.idle();
    expect(log).toEqual(['first', 'first', 'second']);
    expect(first.delivery).toEqual({ state: 'delivered', attempts: 2, status: 204 });
    expect(second.delivery).toEqual({ state: 'delivered', attempts: 1, status: 204 });
  });

  it("does not hold one client's webhooks behind another's", async () => {
    const log: string[] = [];
    let release: () => void = () => {};
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const fetch = (async (_url: string, init: RequestInit) => {
      const { n } = JSON.parse(init.body as string);
      log.push(n);
      if (n === 'a') await blocked;
      return new Response(null, { status: 204 });
    }) as unknown as typeof globalThis.fetch;
    const d = new Deliverer({ fetch });
    d.enqueue({}, entry({ n: 'a' }), config);
    const b = entry({ n: 'b' });
    d.enqueue({}, b, config);
    await vi.waitFor(() => expect(b.delivery.state).toBe('delivered'));
    expect(log).toEqual(['a', 'b']);
    release();
    await d.idle();
  });
});
