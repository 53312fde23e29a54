// Delivers logged webhooks to the world's url: a JSON POST as MX sends it, retried a few times with a
// short backoff, then `failed`. It runs beside the request that produced the webhook and never delays it.
import type { Logger } from 'pino';
import type { ScenarioWebhooks } from '../../scenarios/schema.js';
import type { WebhookEntry } from '../store/webhook-log.js';
import { redactUserinfo, withoutUserinfo } from './targets.js';

export interface DeliveryOptions {
  /** How many attempts in all before an entry is `failed`. Default 3. */
  attempts?: number;
  /** Wait before retry n (1-based) is backoffMs * n. Default 200 ms. */
  backoffMs?: number;
  /** Per attempt. Default 5 s. */
  timeoutMs?: number;
  /** How the backoff waits (real time by default; tests inject an instant one). */
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
  logger?: Logger;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class Deliverer {
  readonly #options: DeliveryOptions;
  /** Per receiving log, the tail of its queue: one client's webhooks arrive one at a time, in order. */
  readonly #queues = new WeakMap<object, Promise<void>>();
  readonly #inFlight = new Set<Promise<void>>();

  constructor(options: DeliveryOptions = {}) {
    this.#options = options;
  }

  /** Queues an entry behind the same client's earlier ones. */
  enqueue(owner: object, entry: WebhookEntry, config: ScenarioWebhooks): void {
    const tail = this.#queues.get(owner) ?? Promise.resolve();
    const next = tail.then(() => this.#deliver(entry, config));
    this.#queues.set(owner, next);
    this.#inFlight.add(next);
    void next.finally(() => this.#inFlight.delete(next));
  }

  /** Resolves when every delivery queued so far has ended (delivered or failed). */
  async idle(): Promise<void> {
    while (this.#inFlight.size) await Promise.all([...this.#inFlight]);
  }

  async #deliver(entry: WebhookEntry, config: ScenarioWebhooks): Promise<void> {
    const url = config.url as string;
    const attempts = this.#options.attempts ?? 3;
    const sleep = this.#options.sleep ?? realSleep;
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
    const body = JSON.stringify(entry.payload);
    let lastError = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await sleep((this.#options.backoffMs ?? 200) * (attempt - 1));
      try {
        const res = await doFetch(url, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(this.#options.timeoutMs ?? 5_000),
          // A redirect is never followed: it could send the payload anywhere (another host, an internal one).
          redirect: 'manual',
        });
        // The body is not read: MX asks for 204, and any 2xx counts.
        await res.body?.cancel();
        if (res.ok) {
          entry.delivery = { state: 'delivered', attempts: attempt, status: res.status };
          return;
        }
        lastError = res.status >= 300 && res.status < 400 ? redirected(res, url) : `HTTP ${res.status}`;
      } catch (e) {
        // Error texts may quote the url, userinfo and all.
        lastError = redactUserinfo(describe(e));
      }
      entry.delivery = { state: 'pending', attempts: attempt, last_error: lastError };
    }
    entry.delivery = { state: 'failed', attempts, last_error: lastError };
    // The url is logged without any userinfo; Basic credentials are never logged.
    this.#options.logger?.warn(
      { webhook: entry.guid, type: entry.type, url: withoutUserinfo(url), attempts, error: lastError },
      'webhook delivery failed',
    );
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
