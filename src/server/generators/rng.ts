// Counter-based randomness: a value is a pure function of (stream, index, draw), so any transaction
// of a million-row history can be produced on demand, in any order, without generating the others.
import { createHash } from 'node:crypto';

/** A 32-bit stream key from any parts (seed, account guid, purpose). */
export function streamKey(...parts: Array<string | number>): number {
  return createHash('sha256').update(parts.join('\u0000')).digest().readUInt32BE(0);
}

/** A uniform number in [0, 1) for (stream, index, draw): a murmur3-style finaliser over the three. */
export function unit(stream: number, index: number, draw = 0): number {
  let h = Math.imul(stream ^ 0x9e3779b9, 0x85ebca6b);
  h ^= Math.imul((index | 0) ^ Math.floor(index / 4294967296), 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h ^= Math.imul(draw + 0x27d4eb2f, 0x165667b1);
  h = Math.imul(h ^ (h >>> 13), 0x297a2d39);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** Draws for one (stream, index): `next()` is the next uniform value. */
export class Draws {
  #n = 0;
  constructor(
    readonly stream: number,
    readonly index: number,
  ) {}

  next(): number {
    return unit(this.stream, this.index, this.#n++);
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Money in [min, max] with cents. */
  money(min: number, max: number): number {
    return Math.round((min + this.next() * (max - min)) * 100) / 100;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(Math.floor(this.next() * 10));
    return s;
  }
}
