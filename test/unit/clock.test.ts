import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoTime } from '../../src/server/clock.js';

describe('isoTime', () => {
  it('is exactly Date#toISOString for any time in years 0000 to 9999 and around them', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -62_167_219_200_000 - 10 * 86_400_000, max: 253_402_300_799_999 + 10 * 86_400_000 }),
        (ms) => {
          expect(isoTime(ms)).toBe(new Date(ms).toISOString());
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('formats the edges, leap days and consecutive calls on other days', () => {
    const cases = [
      0,
      -1,
      1,
      86_399_999,
      86_400_000,
      -86_400_000,
      Date.UTC(2024, 1, 29, 23, 59, 59, 999),
      Date.UTC(2000, 1, 29),
      Date.UTC(1900, 2, 1),
      Date.UTC(2100, 1, 28, 12),
      -62_167_219_200_000,
      253_402_300_799_999,
      8.64e15,
      -8.64e15,
    ];
    for (const ms of cases) expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    expect(() => isoTime(Number.NaN)).toThrow(RangeError);
  });
});
