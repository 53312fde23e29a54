// A transaction list's JSON is mostly its transactions' JSON, and transaction k of an account always
// presents the same way until one of the things it is made of changes. TransactionJson keeps each
// presented transaction's JSON text, so a page is written by joining texts instead of presenting and
// serializing every row again (the two largest costs of a page of 100).
//
// What a presented transaction is made of (presenters/v20250224.ts `transaction`, generators/
// transaction-facts.ts): the account's guid, id, key, type, currency, member and user guids; its stream
// (a pull replaces the stream object or pushes onto its batches and syncs, which decide created_at,
// updated_at and pending); the user's id; the includes asked for; the user's edits and transaction
// rules (their overlay's stamp, domain/transaction-edits.ts). An account's texts are kept with a
// stamp of all of these and dropped as soon as the stamp differs, so a write is seen by the next read.

import type { Overlay } from '../domain/transaction-edits.js';
import type { AccountRecord } from '../generators/records.js';
import type { Stream } from '../generators/transactions.js';
import type { Presenter } from '../layers/layer.js';
import type { Includes } from '../presenters/v20250224.js';
import type { UserRecord } from '../store/users.js';

/** Texts kept across every account and client (about 750 bytes each); past this the cache starts over. */
export const MAX_TRANSACTION_TEXTS = 2_000;

/** Encoded pages kept across every client; the least recently used go first past this many bytes. */
export const MAX_PAGE_BYTES = 8 * 1024 * 1024;

const encoder = new TextEncoder();

interface PageEntry {
  /** The very records and streams the page was written from (another client's equal guids never match). */
  accounts: readonly AccountRecord[];
  streams: readonly Stream[];
  /** Each account's stamp (what its rows and their selection are made of, the user's id among them). */
  stamps: readonly Stamp[];
  /** The user's edits and rules (their overlay's stamp). */
  overlay: string;
  bytes: Uint8Array<ArrayBuffer>;
}

interface Entry {
  stream: Stream;
  stamp: Stamp;
  overlay: string;
  texts: Map<string, string>;
}

/**
 * What an account's presented transactions are made of, as values compared one by one: a page read
 * again costs these comparisons, with no text built from them.
 */
type Stamp = readonly unknown[];

const sameStamp = (x: Stamp, y: Stamp) => x.length === y.length && x.every((v, i) => Object.is(v, y[i]));

function stampOf(a: AccountRecord, user: UserRecord): Stamp {
  const s = a.stream;
  const lastBatch = s.batches[s.batches.length - 1];
  return [
    a.guid,
    a.id,
    a.key,
    a.type,
    a.currency_code,
    a.member_guid,
    a.user_guid,
    user.id,
    s.key,
    s.t0,
    s.interval,
    s.lo,
    s.hi,
    s.pendingMs,
    s.batches.length,
    lastBatch?.lo,
    lastBatch?.hi,
    lastBatch?.at,
    s.syncs.length,
    s.syncs[s.syncs.length - 1],
    s.fixed?.length ?? -1,
  ];
}

export class TransactionJson {
  readonly #present: Presenter;
  readonly #entries = new Map<AccountRecord, Entry>();
  #size = 0;
  readonly #pages = new Map<string, PageEntry>();
  #pageBytes = 0;

  constructor(present: Presenter) {
    this.#present = present;
  }

  /** The entry of an account's texts, new when anything they are made of changed. */
  #entry(a: AccountRecord, user: UserRecord, overlay: Overlay | undefined): Entry {
    const stamp = stampOf(a, user);
    const overlayStamp = overlay?.stamp ?? '';
    let entry = this.#entries.get(a);
    if (!entry || entry.stream !== a.stream || entry.overlay !== overlayStamp || !sameStamp(entry.stamp, stamp)) {
      if (entry) this.#size -= entry.texts.size;
      entry = { stream: a.stream, stamp, overlay: overlayStamp, texts: new Map() };
      this.#entries.set(a, entry);
    }
    return entry;
  }

  /**
   * The JSON text of `rows.map((r) => present.transaction(r.account, r.k, user, includes))`, byte for byte
   * what JSON.stringify writes for that array.
   */
  list(
    rows: readonly { account: AccountRecord; k: number }[],
    user: UserRecord,
    includes: Includes,
    overlay?: Overlay,
  ): string {
    const includesKey = [...includes].sort().join(',');
    const entries = new Map<AccountRecord, Entry>();
    const parts: string[] = [];
    for (const { account, k } of rows) {
      let entry = entries.get(account);
      if (!entry) {
        entry = this.#entry(account, user, overlay);
        entries.set(account, entry);
      }
      const key = `${k} ${includesKey}`;
      let text = entry.texts.get(key);
      if (text === undefined) {
        const tx = this.#present.transaction(account, k, user, includes);
        text = JSON.stringify(overlay ? overlay.apply(tx) : tx);
        if (this.#size >= MAX_TRANSACTION_TEXTS) this.#forgetAll();
        // After #forgetAll the entry may be gone from the map: put it back (it is still current).
        if (this.#entries.get(account) !== entry) {
          this.#size -= entry.texts.size;
          entry.texts.clear();
          this.#entries.set(account, entry);
        }
        entry.texts.set(key, text);
        this.#size++;
      }
      parts.push(text);
    }
    return `[${parts.join(',')}]`;
  }

  /**
   * A whole page, encoded: the one kept for the same accounts (the same records, streams and stamps) and
   * the same `query` (the resolved filter, page and includes, as a key), else `write()`'s text, kept.
   * Selecting the rows of a page and encoding its text were most of what a page read cost; a page read
   * again (a client polling, a UI refreshing) now costs its stamps. Any write that changes a row or which
   * rows match changes a stamp (stampOf), so the next read writes the page afresh.
   */
  page(
    accounts: readonly AccountRecord[],
    user: UserRecord,
    query: string,
    write: () => string,
    overlay?: Overlay,
  ): Uint8Array<ArrayBuffer> {
    const key = `${accounts.map((a) => a.guid).join(',')} ${query}`;
    const stamps = accounts.map((a) => stampOf(a, user));
    const overlayStamp = overlay?.stamp ?? '';
    const kept = this.#pages.get(key);
    if (
      kept &&
      kept.overlay === overlayStamp &&
      kept.accounts.length === accounts.length &&
      kept.accounts.every(
        (a, i) =>
          a === accounts[i] && kept.streams[i] === a.stream && sameStamp(kept.stamps[i] as Stamp, stamps[i] as Stamp),
      )
    ) {
      // Most recently used last: eviction takes the first.
      this.#pages.delete(key);
      this.#pages.set(key, kept);
      return kept.bytes;
    }
    const bytes = encoder.encode(write());
    if (kept) {
      this.#pages.delete(key);
      this.#pageBytes -= kept.bytes.byteLength;
    }
    this.#pages.set(key, {
      accounts: [...accounts],
      streams: accounts.map((a) => a.stream),
      stamps,
      overlay: overlayStamp,
      bytes,
    });
    this.#pageBytes += bytes.byteLength;
    for (const [oldest, entry] of this.#pages) {
      if (this.#pageBytes <= MAX_PAGE_BYTES) break;
      this.#pages.delete(oldest);
      this.#pageBytes -= entry.bytes.byteLength;
    }
    return bytes;
  }

  /** How many pages are kept (tests). */
  get pages(): number {
    return this.#pages.size;
  }

  #forgetAll(): void {
    for (const entry of this.#entries.values()) entry.texts.clear();
    this.#entries.clear();
    this.#size = 0;
  }

  /** How many texts are kept (tests). */
  get size(): number {
    return this.#size;
  }
}
