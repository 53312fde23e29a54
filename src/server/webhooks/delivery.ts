// Delivers logged webhooks to the world's url: a JSON POST as MX sends it. The first attempt goes out at
// once (real time), beside the request that produced the webhook, and never delays it. A failed attempt
// is retried on the client's simulated clock, MX-like: up to 12 retries with growing gaps that add up to
// 24 hours (RETRY_GAPS_MS; a scenario's `webhooks.retry` shortens it). Retries that fall due go out when
// the client's due steps are applied (any request, tick(), moving its clock), each at the time it fell due.
import type { Logger } from 'pino';
import type { ScenarioWebhooks } from '../../scenarios/schema.js';
import type { DeliveryAttempt, WebhookEntry } from '../store/webhook-log.js';
import { redactUserinfo, withoutUserinfo } from './targets.js';

const MINUTE = 60_000;

/**
 * The simulator's retry schedule: the gap before retry n (1-based) is RETRY_GAPS_MS[n - 1]. MX publishes only
 * the totals (at most 12 retries over about 24 hours, less and less often); these gaps are ours: they grow,
 * and they add up to exactly 24 hours (1 + 2 + 4 + 8 + 15 + 30 + 60 + 120 + 180 + 240 + 360 + 420 minutes).
 */
export const RETRY_GAPS_MS: readonly number[] = [1, 2, 4, 8, 15, 30, 60, 120, 180, 240, 360, 420].map(
  (m) => m * MINUTE,
);

export interface DeliveryOptions {
  /** Per attempt. Default 5 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  logger?: Logger;
}

/** How many retries a world's webhooks get, and the gap before each (a scenario may shorten MX's). */
export function retrySchedule(config: ScenarioWebhooks): { retries: number; gap: (retry: number) => number } {
  const gaps = config.retry?.gaps_ms ?? RETRY_GAPS_MS;
  const retries = config.retry?.retries ?? (config.retry?.gaps_ms ? gaps.length : RETRY_GAPS_MS.length);
  return { retries, gap: (retry) => gaps[Math.min(retry, gaps.length) - 1] as number };
}

/** One client's deliveries: its config, its clock, its queue and the entries waiting for a retry. */
interface Client {
  config: ScenarioWebhooks;
  now: () => number;
  tail: Promise<void>;
  waiting: Set<WebhookEntry>;
}

export class Deliverer {
  readonly #options: DeliveryOptions;
  /** Per receiving log (one client's), its deliveries: its webhooks arrive one at a time, in order. */
  readonly #clients = new WeakMap<object, Client>();
  readonly #inFlight = new Set<Promise<void>>();

  constructor(options: DeliveryOptions = {}) {
    this.#options = options;
  }

  /**
   * Takes an entry to deliver: the first attempt now (queued behind the same client's earlier ones), or, for
   * an entry restored waiting for a retry, at its simulated time. `now` is the client's clock.
   */
  enqueue(owner: object, entry: WebhookEntry, config: ScenarioWebhooks, now: () => number): void {
    const client = this.#client(owner, config, now);
    const d = entry.delivery;
    if (d.state === 'pending' && d.next_attempt_at !== null && d.next_attempt_at > now()) {
      client.waiting.add(entry);
      return;
    }
    this.#queue(client, entry);
  }

  /** Sends every retry of the client's that is due by its clock (each at the time it fell due). */
  due(owner: object): void {
    const client = this.#clients.get(owner);
    if (!client?.waiting.size) return;
    const now = client.now();
    for (const entry of [...client.waiting]) {
      const d = entry.delivery;
      if (d.state !== 'pending')
        client.waiting.delete(entry); // given up (the log was cleared)
      else if (d.next_attempt_at !== null && d.next_attempt_at <= now) {
        client.waiting.delete(entry);
        this.#queue(client, entry);
      }
    }
  }

  /** Resolves when every attempt started so far has ended (retries waiting on the clock are not waited for). */
  async idle(): Promise<void> {
    while (this.#inFlight.size) await Promise.all([...this.#inFlight]);
  }

  #client(owner: object, config: ScenarioWebhooks, now: () => number): Client {
    let client = this.#clients.get(owner);
    if (!client) {
      client = { config, now, tail: Promise.resolve(), waiting: new Set() };
      this.#clients.set(owner, client);
    }
    return client;
  }

  #queue(client: Client, entry: WebhookEntry): void {
    const next = client.tail.then(() => this.#deliver(client, entry));
    client.tail = next;
    this.#inFlight.add(next);
    void next.finally(() => this.#inFlight.delete(next));
  }

  /** Attempts now, then every retry that is already due by the client's clock; leaves a later one waiting. */
  async #deliver(client: Client, entry: WebhookEntry): Promise<void> {
    const { config } = client;
    const url = config.url as string;
    const schedule = retrySchedule(config);
    for (;;) {
      const d = entry.delivery;
      if (d.state !== 'pending') return;
      // A retry counts at the time it fell due; a first attempt at the webhook's own time (when MX sends it).
      const at = d.next_attempt_at ?? entry.due_at;
      const result = await this.#attempt(entry, config);
      if (entry.delivery !== d) return; // given up while the attempt was under way (the log was cleared)
      const attempt: DeliveryAttempt = { at, status: result.status, error: result.error };
      entry.attempt_log = [...(entry.attempt_log ?? []), attempt];
      const attempts = d.attempts + 1;
      if (result.error === null) {
        entry.delivery = { state: 'delivered', attempts, status: result.status as number };
        return;
      }
      if (attempts > schedule.retries) {
        entry.delivery = { state: 'failed', attempts, last_error: result.error };
        // The url is logged without any userinfo; Basic credentials are never logged.
        this.#options.logger?.warn(
          { webhook: entry.guid, type: entry.type, url: withoutUserinfo(url), attempts, error: result.error },
          'webhook delivery failed',
        );
        return;
      }
      const nextAt = at + schedule.gap(attempts);
      entry.delivery = { state: 'pending', attempts, last_error: result.error, next_attempt_at: nextAt };
      if (nextAt > client.now()) {
        client.waiting.add(entry);
        return;
      }
    }
  }

  /** One POST: the receiver's status, and why it failed (null when a 2xx came back). */
  async #attempt(
    entry: WebhookEntry,
    config: ScenarioWebhooks,
  ): Promise<{ status: number | null; error: string | null }> {
    const url = config.url as string;
    const doFetch = this.#options.fetch ?? fetch;
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      accept: 'application/json',
      'user-agent': 'mx-sim webhooks',
    };
    if (config.basic_auth) {
      const { username, password } = config.basic_auth;
      headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    }
    // MX echoes the causing request's X-CALLBACK-PAYLOAD as a header of its own.
    if (entry.callback_payload !== undefined) headers['x-callback-payload'] = entry.callback_payload;
    try {
      const res = await doFetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify(entry.payload),
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? 5_000),
        // A redirect is never followed: it could send the payload anywhere (another host, an internal one).
        redirect: 'manual',
      });
      // The body is not read: MX asks for 204, and any 2xx counts.
      await res.body?.cancel();
      if (res.ok) return { status: res.status, error: null };
      return {
        status: res.status,
        error: res.status >= 300 && res.status < 400 ? redirected(res, url) : `HTTP ${res.status}`,
      };
    } catch (e) {
      // Error texts may quote the url, userinfo and all.
      return { status: null, error: redactUserinfo(describe(e)) };
    }
  }
}

function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  if (e.name === 'TimeoutError') return 'timed out';
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? e.message;
}

/** A 3xx answer: a failed attempt, saying where the receiver pointed (origin and path only). */
function redirected(res: Response, url: string): string {
  const location = res.headers.get('location');
  let where = 'no Location';
  if (location) {
    try {
      const to = new URL(location, url);
      where = `to ${to.origin}${to.pathname}`;
    } catch {
      where = 'to an unreadable Location';
    }
  }
  return `HTTP ${res.status}: redirect (${where}) not followed; set webhooks.url to the receiver's own URL`;
}
