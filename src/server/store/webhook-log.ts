// One client's webhooks in the order MX would send them, with how each delivery went: what
// GET /_mx-sim/webhooks reads. Kept always, so a test can assert webhooks without any receiver.
import { DEFAULT_WEBHOOK_TYPES, type ScenarioWebhooks, type WebhookType } from '../../scenarios/schema.js';
import { GuidSequence } from '../generators/ids.js';

export type WebhookValue = string | number | boolean | string[] | null | { [key: string]: WebhookValue };
export type WebhookPayload = Record<string, WebhookValue>;

/** A webhook MX would send: built by webhooks/payloads.ts from the world's events. */
export interface WebhookEvent {
  type: WebhookType;
  payload: WebhookPayload;
  /** Simulated time (ms) at which MX would send it. */
  at: number;
  /** The X-CALLBACK-PAYLOAD of the request that caused it, sent back as that header. */
  callback_payload?: string | undefined;
}

export type Delivery =
  | { state: 'logged' }
  /** `next_attempt_at`: the simulated time (ms) of the next retry; null while the first attempt is under way. */
  | { state: 'pending'; attempts: number; last_error: string | null; next_attempt_at: number | null }
  | { state: 'delivered'; attempts: number; status: number }
  | { state: 'failed'; attempts: number; last_error: string };

/** One delivery attempt: when (simulated ms), the receiver's status (null: no answer) and why it failed. */
export interface DeliveryAttempt {
  at: number;
  status: number | null;
  error: string | null;
}

export interface WebhookEntry {
  /** The log's own id (MX's payloads carry none). */
  guid: string;
  type: WebhookType;
  /** Simulated time (ms) at which MX would send it. */
  due_at: number;
  payload: WebhookPayload;
  /** Sent as the X-CALLBACK-PAYLOAD header (the causing request's value); absent when it had none. */
  callback_payload?: string;
  delivery: Delivery;
  /** Every delivery attempt so far, in order. */
  attempt_log?: DeliveryAttempt[];
}

/** Beyond this many entries the oldest go: a long clock jump over many members must not eat memory. */
export const MAX_WEBHOOK_ENTRIES = 10_000;

export class WebhookLog {
  readonly #entries: WebhookEntry[] = [];
  readonly #guids: GuidSequence;
  readonly #config: ScenarioWebhooks | undefined;
  /** Called for each new entry when the world has a url (the simulator delivers it). */
  onEntry: ((entry: WebhookEntry) => void) | undefined;

  constructor(config: ScenarioWebhooks | undefined, ...seedParts: Array<string | number>) {
    this.#config = config;
    // A sequence of its own, so webhooks never shift the guids of users, members or jobs.
    this.#guids = new GuidSequence('webhooks', ...seedParts);
  }

  get config(): ScenarioWebhooks | undefined {
    return this.#config;
  }

  /** Logs an event when its type is subscribed to (all but the opt-in types when the world says nothing). */
  record(event: WebhookEvent | undefined): void {
    if (!event) return;
    const types = this.#config?.types;
    if (!(types ?? DEFAULT_WEBHOOK_TYPES).includes(event.type)) return;
    this.#log(event);
  }

  /**
   * Sends a logged webhook again, at `at`: a new entry with the same type, body and X-CALLBACK-PAYLOAD,
   * delivered like any other. Undefined when no entry has that guid.
   */
  resend(guid: string, at: number): WebhookEntry | undefined {
    const old = this.#entries.find((e) => e.guid === guid);
    if (!old) return undefined;
    return this.#log({ type: old.type, payload: old.payload, at, callback_payload: old.callback_payload });
  }

  #log(event: WebhookEvent): WebhookEntry {
    const entry: WebhookEntry = {
      guid: this.#guids.next('WHK'),
      type: event.type,
      due_at: event.at,
      payload: event.payload,
      ...(event.callback_payload !== undefined ? { callback_payload: event.callback_payload } : {}),
      delivery: this.#config?.url
        ? { state: 'pending', attempts: 0, last_error: null, next_attempt_at: null }
        : { state: 'logged' },
    };
    this.#entries.push(entry);
    if (this.#entries.length > MAX_WEBHOOK_ENTRIES) this.#entries.shift();
    if (this.#config?.url) this.onEntry?.(entry);
    return entry;
  }

  entries(type?: WebhookType): WebhookEntry[] {
    return type ? this.#entries.filter((e) => e.type === type) : [...this.#entries];
  }

  /** Empties the log; a delivery still pending (a retry waiting on the clock, or under way) is given up. */
  clear(): void {
    for (const entry of this.#entries) {
      const d = entry.delivery;
      if (d.state === 'pending') {
        entry.delivery = { state: 'failed', attempts: d.attempts, last_error: 'cancelled: the log was cleared' };
      }
    }
    this.#entries.length = 0;
  }

  /**
   * How far the log's own guid sequence has gone (0: no webhook was ever logged; clearing the log does not
   * rewind it). A state file keeps it.
   */
  get position(): number {
    return this.#guids.position;
  }

  /** Puts back entries and the guid position a state file kept; nothing is delivered here. */
  restore(entries: readonly WebhookEntry[], position: number): void {
    this.#entries.splice(0, this.#entries.length, ...entries.slice(-MAX_WEBHOOK_ENTRIES));
    this.#guids.moveTo(position);
  }
}
