// generators/deflate.ts keeps one pako deflate state between calls: every call must still write exactly
// what a new pako.deflate writes, whatever came before it (a large input, then a small one, then empty…).
import fc from 'fast-check';
import pako from 'pako';
import { describe, expect, it } from 'vitest';
import { deflate } from '../../src/server/generators/deflate.js';

/** Text like a PDF content stream: repetitive with variation, so matches reach back across the window. */
function textLike(n: number, seed: number): Uint8Array {
  let x = seed;
  let s = '';
  while (s.length < n) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    s += `q\nBT\n/Courier-${x % 100000} 9 Tf\n1 0 0 1 50 ${x % 740} Tm\n<${(x >>> 3).toString(16).toUpperCase()}> Tj\nET\nQ\n`;
  }
  return Buffer.from(s.slice(0, n), 'latin1');
}

function random(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const same = (input: Uint8Array) =>
  expect(Buffer.from(deflate(input)).equals(Buffer.from(pako.deflate(input)))).toBe(true);

describe('deflate with a kept state', () => {
  it('writes what pako.deflate writes, for sizes from empty to several windows, in any order', () => {
    const inputs = [
      textLike(300_000, 1), // several 32 KB windows, several output chunks
      new Uint8Array(0),
      textLike(7, 2),
      random(100_000, 3), // incompressible: stored-like blocks
      textLike(6_500, 4),
      new Uint8Array(70_000), // one long run
      random(50, 5),
      textLike(40_000, 6),
      textLike(1, 7),
    ];
    for (const input of inputs) same(input);
    for (const input of [...inputs].reverse()) same(input);
  });

  it('matches pako.deflate for arbitrary byte sequences, one after another', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 5_000 }), { maxLength: 8 }), (inputs) => {
        for (const input of inputs) same(input);
      }),
      { numRuns: 60 },
    );
  });
});
