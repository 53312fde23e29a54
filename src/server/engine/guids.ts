// Transaction guids name their account (its 16-hex key) and their index k in the account's stream,
// scrambled so they look like any MX guid: TRN-kkkkkkkk-kkkk-kkkk-cccc-nnnnnnnnnnnn.
import { streamKey } from '../data/rng.js';

const SPAN = 2 ** 48;
const BIAS = 2 ** 40;

const cache = new Map<string, { check: string; offset: number }>();

function masks(key: string): { check: string; offset: number } {
  let m = cache.get(key);
  if (!m) {
    const a = streamKey('trn-check', key);
    const b = streamKey('trn-offset', key);
    m = { check: (a & 0xffff).toString(16).padStart(4, '0'), offset: (b % 65536) * 2 ** 32 + a };
    if (cache.size > 100_000) cache.clear();
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
