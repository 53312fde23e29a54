// Every identifier the simulator makes: seeds derived from names, MX-style guids in a seeded sequence
// or from a stable name, and transaction guids that encode their account and position.
import { createHash } from 'node:crypto';
import type { Faker as FakerInstance, Randomizer, SimpleFaker as SimpleFakerInstance } from '@faker-js/faker';
import { enUS, Faker, generateMersenne53Randomizer, SimpleFaker } from './faker-en.js';
import { streamKey } from './rng.js';

/** A 32-bit integer seed derived from any number of parts (seed, tenant, purpose). */
export function seedOf(...parts: Array<string | number>): number {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  return digest.readUInt32BE(0);
}

export function seededFaker(...parts: Array<string | number>): FakerInstance {
  const faker = new Faker({ locale: enUS });
  faker.seed(seedOf(...parts));
  return faker;
}

/** A GUID in MX's form, PREFIX-8-4-4-4-12, derived from a stable name rather than a sequence. */
export function stableGuid(prefix: string, ...parts: Array<string | number>): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${prefix}-${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Issues GUIDs for new records of one tenant, in a seeded sequence. The generator is made on the first
 * guid (a tenant that never draws one costs a few bytes), and it is Faker's locale-free SimpleFaker: the
 * same Mersenne Twister and `string.uuid()` as a full Faker seeded alike, so the same guids, at about a
 * third of the memory. Its position (how many random draws it has made) can be read and moved on, so a
 * world loaded from a state file goes on exactly where it stopped.
 */
export class GuidSequence {
  readonly #seedParts: Array<string | number>;
  #faker: SimpleFakerInstance | undefined;
  /** The generator under the Faker, to skip draws without counting them twice. */
  #inner: Randomizer | undefined;
  #position = 0;

  constructor(...seedParts: Array<string | number>) {
    this.#seedParts = seedParts;
  }

  next(prefix: string): string {
    return `${prefix}-${this.#generator().string.uuid()}`;
  }

  /** How far the sequence has gone: random draws since the seed (0: where a new one starts; a guid takes 31). */
  get position(): number {
    return this.#position;
  }

  /** Goes on to `position` (at or ahead of the current one), as if the ids in between had been issued. */
  moveTo(position: number): void {
    if (!Number.isSafeInteger(position) || position < this.#position) {
      throw new RangeError(`moveTo: expected a position from ${this.#position}, got ${position}`);
    }
    if (position === this.#position) return;
    this.#generator();
    const inner = this.#inner as Randomizer;
    while (this.#position < position) {
      inner.next();
      this.#position++;
    }
  }

  /** Faker's default generator (Mersenne Twister, 53 bits), counted as it draws, made on first use. */
  #generator(): SimpleFakerInstance {
    if (!this.#faker) {
      const inner = generateMersenne53Randomizer();
      const randomizer: Randomizer = {
        next: () => {
          this.#position++;
          return inner.next();
        },
        seed: (seed) => inner.seed(seed),
      };
      this.#faker = new SimpleFaker({ randomizer });
      this.#faker.seed(seedOf('guids', ...this.#seedParts));
      this.#inner = inner;
      this.#position = 0;
    }
    return this.#faker;
  }
}

// Transaction guids name their account (its 16-hex key) and their index k in the account's stream,
// scrambled so they look like any MX guid: TRN-kkkkkkkk-kkkk-kkkk-cccc-nnnnnnnnnnnn.

const SPAN = 2 ** 48;
const BIAS = 2 ** 40;

/**
 * Each account's masks, to spare two hashes per transaction guid. About 170 bytes an account and shared by
 * every client, so kept small: a page touches a handful of accounts, and 10,000 is 1.7 MB at most.
 */
const MAX_CACHED_ACCOUNTS = 10_000;
const cache = new Map<string, { check: string; offset: number }>();

function masks(key: string): { check: string; offset: number } {
  let m = cache.get(key);
  if (!m) {
    const a = streamKey('trn-check', key);
    const b = streamKey('trn-offset', key);
    m = { check: (a & 0xffff).toString(16).padStart(4, '0'), offset: (b % 65536) * 2 ** 32 + a };
    if (cache.size >= MAX_CACHED_ACCOUNTS) cache.clear();
    cache.set(key, m);
  }
  return m;
}

export function encodeTransactionGuid(key: string, k: number): string {
  const { check, offset } = masks(key);
  const n = (k + BIAS + offset) % SPAN;
  const hex = n.toString(16).padStart(12, '0');
  return `TRN-${key.slice(0, 8)}-${key.slice(8, 12)}-${key.slice(12, 16)}-${check}-${hex}`;
}

/** The account key and k of a transaction guid, or undefined when it is not one of ours. */
export function decodeTransactionGuid(guid: string): { key: string; k: number } | undefined {
  const m = /^TRN-([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/.exec(guid);
  if (!m) return undefined;
  const key = `${m[1]}${m[2]}${m[3]}`;
  const { check, offset } = masks(key);
  if (m[4] !== check) return undefined;
  const n = Number.parseInt(m[5] as string, 16);
  return { key, k: ((((n - offset) % SPAN) + SPAN) % SPAN) - BIAS };
}
