// The journal's ring: the last `size` requests, newest first, numbers that never repeat, clear, ?after.
import { describe, expect, it } from 'vitest';
import { Journal, type JournalRecord, journalBody, touched } from '../../src/server/store/journal.js';

const record = (n: number): JournalRecord => ({
  at: Date.UTC(2026, 0, 15) + n,
  method: 'GET',
  url: `http://x/users/u-${n}/members/m-${n}?page=2`,
  status: 200,
  duration_ms: 1.23456,
  version: 'v20250224',
  request_id: `req-${n}`,
  contract_violations: null,
  request_text: undefined,
  answer_text: undefined,
});

describe('Journal', () => {
  it('keeps the newest `size` records, newest first, whatever how many came', () => {
    const j = new Journal(3);
    expect(j.entries()).toEqual([]);
    for (let n = 1; n <= 7; n++) j.add(record(n));
    expect(j.entries().map((e) => e.seq)).toEqual([7, 6, 5]);
    expect(j.entries(5).map((e) => e.seq)).toEqual([7, 6]);
    expect(j.entries(7)).toEqual([]);
    const [newest] = j.entries();
    expect(newest).toMatchObject({
      path: '/users/u-7/members/m-7?page=2',
      user: 'u-7',
      member: 'm-7',
      duration_ms: 1.23,
      at: '2026-01-15T00:00:00.007Z',
    });
    expect(j.last).toBe(7);
  });

  it('counts on after a clear, and keeps nothing with size 0', () => {
    const j = new Journal(4);
    for (let n = 1; n <= 3; n++) j.add(record(n));
    j.clear();
    expect(j.entries()).toEqual([]);
    j.add(record(4));
    expect(j.entries().map((e) => e.seq)).toEqual([4]);
    const none = new Journal(0);
    none.add(record(1));
    expect(none.entries()).toEqual([]);
  });

  it('redacts credential values and answers, and cuts long bodies', () => {
    const body = journalBody(
      JSON.stringify({
        member: { credentials: [{ guid: 'CRD-1', value: 'hunter2' }], challenges: [{ guid: 'x', value: 'y' }] },
        password: 'p',
      }),
    ) as string;
    expect(body).not.toContain('hunter2');
    expect(JSON.parse(body)).toEqual({
      member: {
        credentials: [{ guid: 'CRD-1', value: '[redacted]' }],
        challenges: [{ guid: 'x', value: '[redacted]' }],
      },
      password: '[redacted]',
    });
    expect(journalBody('password=abc')).toBe('[12 characters, not JSON: not kept]');
    expect(journalBody(JSON.stringify({ a: 'x'.repeat(20_000) }))).toMatch(/… \[20008 characters\]$/);
    expect(journalBody('')).toBeNull();
    expect(touched('/users/USR-1/accounts')).toEqual({ user: 'USR-1', member: null });
  });
});
