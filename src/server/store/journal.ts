// The request journal: each client's last MX API requests (method, path, status, time taken, version,
// the member or user they touched, their bodies with every credential value and answer replaced), for the
// inspector page and GET /_mx-sim/journal. Kept beside the tenants, not in them: a client whose world holds
// nothing (only reads so far) still has its journal. Bounded per client and in clients.

/** What a journal keeps of a body: its text up to this many characters. */
export const JOURNAL_BODY_CHARS = 16 * 1024;
/** Clients with a journal at once; past this the one used least recently is forgotten. */
export const JOURNAL_CLIENTS = 200;
/** Entries per client unless the simulator is told otherwise (--journal-size). */
export const DEFAULT_JOURNAL_SIZE = 200;

export interface JournalEntry {
  /** 1, 2, 3…: the client's request number since its journal began (never reused). */
  seq: number;
  /** The client's simulated time when the request arrived (ISO 8601). */
  at: string;
  method: string;
  /** Path and query string as sent. */
  path: string;
  status: number;
  /** Real time the simulator took to answer, in ms. */
  duration_ms: number;
  /** The API version the headers selected; null when they selected none (406). */
  version: string | null;
  request_id: string;
  /** Ids the path names (a USR-/MBR-/ACT-/TRN- guid or your own id), so a page can link them. */
  user: string | null;
  member: string | null;
  /** With the contract watch on: how many problems the request and its answer had; else null. */
  contract_violations: number | null;
  request_body: string | null;
  response_body: string | null;
}

const REDACTED = '[redacted]';

/**
 * A body as the journal keeps it: JSON with the value of every credential and challenge answer (any
 * `value` inside `credentials` or `challenges`, any `password`, `api_key`, `secret` or `access_token` field,
 * and processor authorization codes) replaced;
 * text that is not JSON is kept only when it names none of those fields. Cut at JOURNAL_BODY_CHARS.
 */
export function journalBody(text: string | null | undefined): string | null {
  if (text === null || text === undefined || text === '') return null;
  let kept: string;
  try {
    kept = JSON.stringify(redact(JSON.parse(text), false));
  } catch {
    kept = /credential|challenge|password|api_key|secret/i.test(text)
      ? `[${text.length} characters, not JSON: not kept]`
      : text;
  }
  return kept.length > JOURNAL_BODY_CHARS ? `${kept.slice(0, JOURNAL_BODY_CHARS)}… [${kept.length} characters]` : kept;
}

/** A processor authorization code: `authorization_code.code`, or v20111101's deprecated answer's string. */
const isProcessorCode = (k: string, v: unknown, parent: string | undefined) =>
  (k === 'code' && parent === 'authorization_code') || (k === 'authorization_code' && typeof v === 'string');

function redact(value: unknown, secretValues: boolean, parent?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => redact(v, secretValues));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (
      /^(password|api_key|secret|client_secret|access_token)$/i.test(k) ||
      (secretValues && k === 'value') ||
      isProcessorCode(k, v, parent)
    ) {
      out[k] = REDACTED;
    } else out[k] = redact(v, secretValues || k === 'credentials' || k === 'challenges', k);
  }
  return out;
}

/** POST /token takes the processor's authorization code in its query: not kept. */
const withoutCode = (path: string) => path.replace(/([?&]code=)[^&#]*/g, `$1${REDACTED}`);

const ID = /^[A-Za-z0-9_.:=-]+$/;

/** The user and member a path names (`/users/{user}/members/{member}/…`), as written in it. */
export function touched(path: string): { user: string | null; member: string | null } {
  const parts = path.split('?')[0]?.split('/') ?? [];
  const after = (name: string) => {
    const i = parts.indexOf(name);
    const v = i >= 0 ? parts[i + 1] : undefined;
    return v && ID.test(v) ? decodeURIComponent(v) : null;
  };
  return { user: after('users'), member: after('members') };
}

/**
 * What the journal step records per request: the raw facts, cheap to keep (every request pays for it);
 * the entry's other fields (ISO time, path, user and member, redacted bodies) are worked out when read.
 */
export interface JournalRecord {
  /** Simulated ms. */
  at: number;
  method: string;
  /** The request URL as received. */
  url: string;
  status: number;
  duration_ms: number;
  version: string | null;
  request_id: string;
  contract_violations: number | null;
  request_text: string | undefined;
  answer_text: string | undefined;
}

const isoOf = (ms: number) => new Date(ms).toISOString();

function entryOf(seq: number, r: JournalRecord): JournalEntry {
  const url = r.url;
  const path = withoutCode(url.slice(url.indexOf('/', url.indexOf('//') + 2)));
  return {
    seq,
    at: isoOf(r.at),
    method: r.method,
    path,
    status: r.status,
    duration_ms: Math.round(r.duration_ms * 100) / 100,
    version: r.version,
    request_id: r.request_id,
    ...touched(path),
    contract_violations: r.contract_violations,
    request_body: journalBody(r.request_text),
    response_body: journalBody(r.answer_text),
  };
}

/** A client's last `size` requests: a ring, so recording one costs the same however full it is. */
export class Journal {
  readonly size: number;
  /** Grows to `size` as requests come (a light client keeps a short array), then wraps. */
  readonly #ring: Array<JournalRecord | undefined> = [];
  /** Requests recorded so far (record n sits at (n - 1) % size); the newest's seq. */
  #seq = 0;
  /** Records before this seq were cleared. */
  #from = 1;

  constructor(size: number) {
    this.size = size;
  }

  add(record: JournalRecord): void {
    if (this.size === 0) return;
    const at = this.#seq % this.size;
    if (at === this.#ring.length) this.#ring.push(record);
    else this.#ring[at] = record;
    this.#seq++;
  }

  /** Newest first; `after`: only entries with a higher seq (what a page has not shown yet). */
  entries(after = 0): JournalEntry[] {
    const out: JournalEntry[] = [];
    const oldest = Math.max(this.#from, this.#seq - this.size + 1, after + 1);
    for (let seq = this.#seq; seq >= oldest; seq--) {
      out.push(entryOf(seq, this.#ring[(seq - 1) % this.size] as JournalRecord));
    }
    return out;
  }

  clear(): void {
    this.#ring.fill(undefined);
    this.#from = this.#seq + 1;
  }

  get last(): number {
    return this.#seq;
  }
}

/** Every client's journal, the least recently used forgotten past JOURNAL_CLIENTS. */
export class Journals {
  readonly #journals = new Map<string, Journal>();
  readonly #inspected = new Map<string, number>();
  readonly size: number;

  constructor(size = DEFAULT_JOURNAL_SIZE) {
    this.size = size;
  }

  #lastId: string | undefined;
  #last: Journal | undefined;

  /** The client's journal, made when first needed. */
  of(clientId: string): Journal {
    // The same client again (a client polling): already the most recently used.
    if (clientId === this.#lastId && this.#last) return this.#last;
    let j = this.#journals.get(clientId);
    if (j) this.#journals.delete(clientId);
    else j = new Journal(this.size);
    this.#lastId = clientId;
    this.#last = j;
    this.#journals.set(clientId, j);
    for (const oldest of this.#journals.keys()) {
      if (this.#journals.size <= JOURNAL_CLIENTS) break;
      this.#journals.delete(oldest);
      this.#inspected.delete(oldest);
    }
    return j;
  }

  /** Journals kept (tests). */
  get clients(): number {
    return this.#journals.size;
  }

  peek(clientId: string): Journal | undefined {
    return this.#journals.get(clientId);
  }

  /** The inspector page is looking at this client (real time `now`): successful reads keep their bodies too. */
  inspect(clientId: string, now: number): void {
    this.#inspected.set(clientId, now);
  }

  /** Whether a page looked at the client within the last minute (real time). */
  inspected(clientId: string, now: number): boolean {
    const at = this.#inspected.get(clientId);
    return at !== undefined && now - at < 60_000;
  }
}
