// How the simulator delivers a logged webhook (docs/webhooks.md): a JSON POST, the first attempt at once,
// retries on the client's simulated clock (MX-like: 12 retries, growing gaps, 24 hours in all; a scenario's
// `webhooks.retry` shortens it), each attempt cut off after 5 s; one client's first attempts one at a time,
// in order. Pure: the fetch and the clock are injected, nothing waits in real time.
import type { Logger } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScenarioWebhooks } from '../../src/scenarios/schema.js';
import type { WebhookEntry } from '../../src/server/store/webhook-log.js';
import { Deliverer, type DeliveryOptions, RETRY_GAPS_MS } from '../../src/server/webhooks/delivery.js';

const URL_ = 'http://127.0.0.1:9/hooks';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Most tests: 3 attempts in all (2 retries, 200 ms then 400 ms of simulated time apart). */
const config = { url: URL_, retry: { retries: 2, gaps_ms: [200, 400] } } as ScenarioWebhooks;
/** MX's schedule, as a world without `retry:` gets it. */
const mxLike = { url: URL_ } as ScenarioWebhooks;

let entries = 0;
function entry(payload: Record<string, string> = { type: 'AGGREGATION' }): WebhookEntry {
  return {
    guid: `WHK-${++entries}`,
    type: 'AGGREGATION',
    due_at: 0,
    payload,
    delivery: { state: 'pending', attempts: 0, last_error: null, next_attempt_at: null },
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

/** A client's clock, moved by hand. */
function manualClock(start = 0) {
  const clock = { t: start, now: () => clock.t };
  return clock;
}

/** Delivers one entry to the end: the first attempt, then a day of simulated time at a go until it is done. */
async function deliver(options: DeliveryOptions, e = entry(), c = config) {
  const d = new Deliverer(options);
  const owner = {};
  const clock = manualClock();
  d.enqueue(owner, e, c, clock.now);
  await d.idle();
  while (e.delivery.state === 'pending') {
    clock.t += DAY;
    d.due(owner);
    await d.idle();
  }
  return e;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('retries on the simulated clock', () => {
  it('by default: 12 retries after the first attempt, the gaps growing and adding up to 24 hours', () => {
    expect(RETRY_GAPS_MS).toHaveLength(12);
    expect(RETRY_GAPS_MS.reduce((a, b) => a + b, 0)).toBe(DAY);
    expect(RETRY_GAPS_MS.every((g, i) => i === 0 || g > (RETRY_GAPS_MS[i - 1] as number))).toBe(true);
    expect(RETRY_GAPS_MS[0]).toBe(MINUTE);
  });

  it('makes the first attempt at once and each retry only when the clock reaches it', async () => {
    const { calls, fetch } = answering(500, 503, 204);
    const d = new Deliverer({ fetch });
    const owner = {};
    const clock = manualClock(1_000);
    const e = { ...entry(), due_at: 1_000 };
    d.enqueue(owner, e, mxLike, clock.now);
    await d.idle();
    expect(calls).toHaveLength(1);
    expect(e.delivery).toEqual({
      state: 'pending',
      attempts: 1,
      last_error: 'HTTP 500',
      next_attempt_at: 1_000 + MINUTE,
    });
    clock.t += MINUTE - 1;
    d.due(owner);
    await d.idle();
    expect(calls).toHaveLength(1);
    clock.t += 1;
    d.due(owner);
    await d.idle();
    expect(calls).toHaveLength(2);
    expect(e.delivery).toMatchObject({ state: 'pending', attempts: 2, next_attempt_at: 1_000 + 3 * MINUTE });
    clock.t += 2 * MINUTE;
    d.due(owner);
    await d.idle();
    expect(e.delivery).toEqual({ state: 'delivered', attempts: 3, status: 204 });
    expect(e.attempt_log).toEqual([
      { at: 1_000, status: 500, error: 'HTTP 500' },
      { at: 1_000 + MINUTE, status: 503, error: 'HTTP 503' },
      { at: 1_000 + 3 * MINUTE, status: 204, error: null },
    ]);
  });

  it('replays every retry that fell due when the clock jumps, each at its own time, then fails after the 12th', async () => {
    const { calls, fetch } = answering(500);
    const d = new Deliverer({ fetch });
    const owner = {};
    const clock = manualClock();
    const e = entry();
    d.enqueue(owner, e, mxLike, clock.now);
    await d.idle();
    clock.t += DAY - 1;
    d.due(owner);
    await d.idle();
    // Every retry but the last (due at exactly 24 h) has gone.
    expect(calls).toHaveLength(12);
    expect(e.delivery).toMatchObject({ state: 'pending', attempts: 12, next_attempt_at: DAY });
    clock.t += 1;
    d.due(owner);
    await d.idle();
    expect(calls).toHaveLength(13);
    expect(e.delivery).toEqual({ state: 'failed', attempts: 13, last_error: 'HTTP 500' });
    const times = (e.attempt_log ?? []).map((a) => a.at);
    expect(times).toEqual([
      0,
      ...RETRY_GAPS_MS.map((_, i) => RETRY_GAPS_MS.slice(0, i + 1).reduce((a, b) => a + b, 0)),
    ]);
  });

  it("follows a scenario's retry: retries and gaps_ms, the last gap repeating", async () => {
    const { calls, fetch } = answering(500);
    const e = entry();
    await deliver({ fetch }, e, { url: URL_, retry: { retries: 4, gaps_ms: [10, 20] } } as ScenarioWebhooks);
    expect(calls).toHaveLength(5);
    expect((e.attempt_log ?? []).map((a) => a.at)).toEqual([0, 10, 30, 50, 70]);
    expect(e.delivery).toEqual({ state: 'failed', attempts: 5, last_error: 'HTTP 500' });
    const none = entry();
    await deliver({ fetch }, none, { url: URL_, retry: { retries: 0 } } as ScenarioWebhooks);
    expect(none.delivery).toEqual({ state: 'failed', attempts: 1, last_error: 'HTTP 500' });
  });

  it('stops at the first 2xx, recording the attempts and the status', async () => {
    const { calls, fetch } = answering(500, 200);
    const e = await deliver({ fetch });
    expect(calls).toHaveLength(2);
    expect(e.delivery).toEqual({ state: 'delivered', attempts: 2, status: 200 });
  });

  it('delivers on the first attempt; any 2xx counts', async () => {
    for (const status of [200, 202, 204, 299]) {
      const { calls, fetch } = answering(status);
      const e = await deliver({ fetch });
      expect(calls).toHaveLength(1);
      expect(e.delivery).toEqual({ state: 'delivered', attempts: 1, status });
      expect(e.attempt_log).toEqual([{ at: 0, status, error: null }]);
    }
  });

  it('retries 3xx and 4xx answers too', async () => {
    const { calls, fetch } = answering(301, 404, 204);
    const e = await deliver({ fetch });
    expect(calls).toHaveLength(3);
    expect(e.delivery).toEqual({ state: 'delivered', attempts: 3, status: 204 });
  });

  it('leaves a restored entry whose retry is not due yet waiting for the clock', async () => {
    const { calls, fetch } = answering(204);
    const d = new Deliverer({ fetch });
    const owner = {};
    const clock = manualClock(5_000);
    const e = entry();
    e.delivery = { state: 'pending', attempts: 1, last_error: 'HTTP 500', next_attempt_at: 6_000 };
    d.enqueue(owner, e, config, clock.now);
    await d.idle();
    expect(calls).toHaveLength(0);
    clock.t = 6_000;
    d.due(owner);
    await d.idle();
    expect(e.delivery).toEqual({ state: 'delivered', attempts: 2, status: 204 });
    expect(e.attempt_log).toEqual([{ at: 6_000, status: 204, error: null }]);
  });
});

describe('the per-attempt timeout', () => {
  it('is 5 s by default, a fresh one for every attempt', async () => {
    const timeout = vi.spyOn(AbortSignal, 'timeout');
    const { calls, fetch } = answering(500);
    await deliver({ fetch });
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
    const started = performance.now();
    const e = await deliver({ fetch, timeoutMs: 40 });
    expect(timeout.mock.calls).toEqual([[40], [40], [40]]);
    expect(calls).toHaveLength(3);
    expect(performance.now() - started).toBeGreaterThanOrEqual(3 * 35);
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
    return (await deliver({ fetch })).delivery;
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
    await deliver({ fetch, logger }, e, {
      url: 'http://user:secret@127.0.0.1:9/h',
      retry: { retries: 2 },
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
    const e = await deliver({ fetch, logger: { warn } as unknown as Logger });
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
    const e = await deliver({ fetch });
    expect(calls.map((c) => c.url)).toEqual([URL_, URL_, URL_]);
    expect(e.delivery).toEqual({
      state: 'failed',
      attempts: 3,
      last_error:
        "HTTP 307: redirect (to http://10.0.0.1:8/in) not followed; set webhooks.url to the receiver's own URL",
    });
    const relative = (async () =>
      new Response(null, { status: 301, headers: { location: '/moved' } })) as unknown as typeof globalThis.fetch;
    expect((await deliver({ fetch: relative })).delivery).toMatchObject({
      last_error:
        "HTTP 301: redirect (to http://127.0.0.1:9/moved) not followed; set webhooks.url to the receiver's own URL",
    });
    const nowhere = (async () => new Response(null, { status: 302 })) as unknown as typeof globalThis.fetch;
    expect((await deliver({ fetch: nowhere })).delivery).toMatchObject({
      last_error: "HTTP 302: redirect (no Location) not followed; set webhooks.url to the receiver's own URL",
    });
  });

  it('are not logged when the delivery succeeds', async () => {
    const warn = vi.fn();
    await deliver({ fetch: answering(500, 204).fetch, logger: { warn } as unknown as Logger });
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('ordering', () => {
  it("delivers one client's webhooks one at a time, in order; a retry waiting on the clock holds none back", async () => {
    const log: string[] = [];
    const fetch = (async (_url: string, init: RequestInit) => {
      const { n } = JSON.parse(init.body as string);
      log.push(n);
      return new Response(null, { status: n === 'first' && log.length < 2 ? 500 : 204 });
    }) as unknown as typeof globalThis.fetch;
    const d = new Deliverer({ fetch });
    const owner = {};
    const clock = manualClock();
    const first = entry({ n: 'first' });
    const second = entry({ n: 'second' });
    d.enqueue(owner, first, config, clock.now);
    d.enqueue(owner, second, config, clock.now);
    await d.idle();
    expect(log).toEqual(['first', 'second']);
    clock.t += 200;
    d.due(owner);
    await d.idle();
    expect(log).toEqual(['first', 'second', 'first']);
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
    d.enqueue({}, entry({ n: 'a' }), config, () => 0);
    const b = entry({ n: 'b' });
    d.enqueue({}, b, config, () => 0);
    await vi.waitFor(() => expect(b.delivery.state).toBe('delivered'));
    expect(log).toEqual(['a', 'b']);
    release();
    await d.idle();
  });
});
