// Untrusted input over HTTP: scenario bodies built to exhaust the parser (deep nesting, alias bombs, maps
// of many keys), impossible calendar dates in queries and scenarios, control characters in institution
// search, and pages past what a JSON integer holds. Each gets MX's error JSON with a status that says
// what to fix, and the simulator keeps answering.
import { describe, expect, it } from 'vitest';
import { createMember, newUser } from '../helpers/members.js';
import { useServer } from '../helpers/server.js';

const mx = useServer();

const body = (text: string) => ({ raw: text, headers: { 'Content-Type': 'application/yaml' } });

/** `{"name":"x","institutions":[[[…]]]}`, `levels` deep: about 2 KB for 1,000 levels. */
const deepJson = (levels: number) => `{"name":"x","institutions":${'['.repeat(levels)}${']'.repeat(levels)}}`;

/** The world still answers, with the scenarios it had. */
async function stillServing() {
  expect((await mx.get('/institutions/mxbank')).status).toBe(200);
  const scenarios = await mx.get('/_mx-sim/scenarios');
  expect(scenarios.status).toBe(200);
  expect(scenarios.body.scenarios).toEqual([]);
}

describe('scenario bodies built to exhaust the parser', () => {
  it('refuses a body nested 1,000 levels deep with 400, every time it is sent, and keeps serving', async () => {
    // Before the limit, the second of these killed the process (V8: RegExpCompiler Allocation failed).
    for (let i = 0; i < 5; i++) {
      const res = await mx.post('/_mx-sim/scenarios', undefined, body(deepJson(1000)));
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ status: 'bad_request', type: 'invalid_scenario' });
      expect(res.body.error.message).toContain('request body:1:');
      expect(res.body.error.message).toContain('nested more than 64 levels deep');
    }
    await stillServing();
  });

  it('refuses deep YAML in block style, and a body 100,000 levels deep, the same way', async () => {
    const block = Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}a:`).join('\n');
    const dashes = `${'- '.repeat(5000)}x`;
    for (const text of [block, dashes, deepJson(100_000), `{"a":`.repeat(100_000)]) {
      const res = await mx.post('/_mx-sim/scenarios?source=deep.yaml', undefined, body(text));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/deep\.yaml:\d+:\d+: nested more than 64 levels deep/);
    }
    // A scenario as deep as real ones get (users → members → accounts → transactions) still loads.
    const real = [
      'users:',
      '  - id: deep-user',
      '    members:',
      '      - institution: mxbank',
      '        accounts:',
      '          - type: CHECKING',
      '            transactions:',
      '              - { days_ago: 1, amount: 5, type: DEBIT, description: Coffee }',
    ].join('\n');
    expect((await mx.post('/_mx-sim/scenarios', undefined, body(real))).status).toBe(201);
    expect((await mx.del('/_mx-sim/scenarios')).status).toBe(200);
    await stillServing();
  });

  it('refuses a YAML alias bomb (billion laughs) with 400 saying what to fix, not 500', async () => {
    const laughs = ['a: &a [x,x,x,x,x,x,x,x,x]'];
    for (const [name, prev] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'd'],
      ['f', 'e'],
    ]) {
      laughs.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const res = await mx.post('/_mx-sim/scenarios', undefined, body(laughs.join('\n')));
    expect(res.status).toBe(400);
    expect(res.body.error.type).toBe('invalid_scenario');
    expect(res.body.error.message).toContain('aliases (*name) expand too far');
    expect(res.body.error.message).toContain('write the repeated values out');
    const many = `x: &x mxbank\ny: [${Array(101).fill('*x').join(', ')}]`;
    const tooMany = await mx.post('/_mx-sim/scenarios', undefined, body(many));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toContain('request body:2:405: more than 100 aliases (*name)');
    // A few aliases, as a hand-written file may use them, still work.
    const fine = [
      'institutions:',
      '  - &bank { code: alias_bank, name: Alias Bank }',
      'outcomes:',
      '  - { match: { institution: alias_bank }, jobs: &ok [CONNECTED] }',
      '  - { match: { username: again }, jobs: *ok }',
    ].join('\n');
    expect((await mx.post('/_mx-sim/scenarios', undefined, body(fine))).status).toBe(201);
    expect((await mx.del('/_mx-sim/scenarios')).status).toBe(200);
    await stillServing();
  });

  it('checks a map of 100,000 keys for repeats in one pass, and still reports a repeated key', async () => {
    // The yaml package's own check compares each key with every other: minutes for this 1.2 MB body.
    const keys = Array.from({ length: 100_000 }, (_, i) => `  k${i}: 0`).join('\n');
    const res = await mx.post('/_mx-sim/scenarios', undefined, body(`description:\n${keys}\n`));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('description: Invalid input: expected string, received object');
    const repeated = await mx.post('/_mx-sim/scenarios', undefined, body('name: a\nseed: 1\nname: b\n'));
    expect(repeated.status).toBe(400);
    expect(repeated.body.error.message).toContain('request body:3:1: not valid YAML or JSON: Map keys must be unique');
  });

  it('reports the first 50 problems of a list of many wrong items, and how many more there are', async () => {
    const res = await mx.post('/_mx-sim/scenarios', undefined, body(`institutions: [${Array(5000).fill('0')}]`));
    expect(res.status).toBe(400);
    const lines = res.body.error.message.split('\n');
    expect(lines.filter((l: string) => l.includes('expected object'))).toHaveLength(50);
    expect(lines.at(-1)).toBe('  - … and 4950 more problems; fix these first');
  });

  it('refuses a second YAML document, and never echoes more than a line of a huge value', async () => {
    const two = await mx.post('/_mx-sim/scenarios', undefined, body('name: a\n---\nname: b\n'));
    expect(two.status).toBe(400);
    expect(two.body.error.message).toContain(
      'request body:2:1: a second YAML document (after ---); a scenario is one document',
    );
    const huge = `outcomes: [{ match: { institution: x }, jobs: [${'X'.repeat(1_000_000)}] }]`;
    const res = await mx.post('/_mx-sim/scenarios', undefined, body(huge));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("outcomes[0].jobs[0]: 'XXX");
    expect(res.body.error.message.length).toBeLessThan(1000);
  });
});

describe('impossible calendar dates', () => {
  it('answers 400 naming the parameter for a day that does not exist, on every date parameter', async () => {
    const { path } = await createMember(mx, 'password');
    const base = `${path}/transactions`;
    // from_timestamp/to_timestamp are v20250224's names, on a member's transactions.
    for (const name of [
      'from_date',
      'to_date',
      'from_created_at',
      'to_created_at',
      'from_updated_at',
      'to_updated_at',
      'from_timestamp',
      'to_timestamp',
    ]) {
      for (const day of ['2026-02-30', '2025-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00']) {
        const res = await mx.get(`${base}?${name}=${day}`);
        expect(res.status, `${name}=${day}`).toBe(400);
        expect(res.body.error).toMatchObject({ status: 'bad_request', type: 'validation_error' });
        expect(res.body.error.message).toBe(`${name}: is not a real calendar date (check the month and the day)`);
      }
      // Real days (a leap day among them) and Unix seconds are taken as before (with the other end of
      // MX's default date window moved out of the way).
      const other = name === 'from_date' ? '&to_date=2099-12-31' : name === 'to_date' ? '&from_date=2000-01-01' : '';
      for (const day of ['2024-02-29', '2025-02-28', '2025-12-31', '1735689600']) {
        const res = await mx.get(`${base}?${name}=${day}${other}`);
        expect(res.status, `${name}=${day}: ${res.text}`).toBe(200);
      }
    }
    const user = await newUser(mx);
    expect((await mx.get(`/users/${user}/transactions?to_date=2026-02-30`)).status).toBe(400);
    const v1 = await mx.get(`/users/${user}/transactions?from_date=2026-02-30`, {
      headers: { 'Accept-Version': 'v20111101', Accept: 'application/vnd.mx.api.v1+json' },
    });
    expect(v1.status).toBe(400);
    expect(v1.body.error.message).toContain('from_date: is not a real calendar date');
  });

  it('refuses a scenario whose transaction date or starts_at does not exist, at its line', async () => {
    const scenario = (date: string) =>
      [
        'users:',
        '  - id: dated',
        '    members:',
        '      - institution: mxbank',
        '        accounts:',
        '          - type: CHECKING',
        '            transactions:',
        `              - { date: ${date}, amount: 5, type: DEBIT, description: Coffee }`,
      ].join('\n');
    for (const date of ['2026-02-30', '2026-02-29T10:00:00Z', '2026-01-31T24:00:00Z', '2026-01-31T10:60:00Z']) {
      const res = await mx.post('/_mx-sim/scenarios?source=dated.yaml', undefined, body(scenario(date)));
      expect(res.status, date).toBe(400);
      expect(res.body.error.message).toContain(
        'dated.yaml:8:25 users[0].members[0].accounts[0].transactions[0].date: is not a real calendar date and time',
      );
    }
    const start = await mx.post('/_mx-sim/scenarios?source=s.yaml', undefined, body('starts_at: 2026-02-30T00:00:00Z'));
    expect(start.status).toBe(400);
    expect(start.body.error.message).toContain('s.yaml:1:12 starts_at: must be an ISO 8601 time');
    for (const date of ['2024-02-29', '2024-02-29T23:59:59.5+05:30']) {
      expect((await mx.post('/_mx-sim/scenarios', undefined, body(scenario(date)))).status, date).toBe(201);
      expect((await mx.del('/_mx-sim/scenarios')).status).toBe(200);
    }
  });
});

describe('institution search text', () => {
  it('matches nothing for NUL or another control character, and normal searches as before', async () => {
    for (const needle of ['%00', '%01', '%1F', '%7F', 'mx%00bank', '%00mxbank']) {
      const res = await mx.get(`/institutions?name=${needle}`);
      expect(res.status, needle).toBe(200);
      expect(res.body.pagination.total_entries, needle).toBe(0);
      expect(res.body.institutions).toEqual([]);
    }
    const byName = await mx.get('/institutions?name=MX%20Bank&records_per_page=100');
    expect(byName.body.institutions.map((i: any) => i.code)).toEqual(
      expect.arrayContaining(['mxbank', 'mx_bank_oauth']),
    );
    for (const inst of byName.body.institutions) expect(inst.name.toLowerCase()).toContain('mx bank');
    const byCode = await mx.get('/institutions?name=mx_bank_oauth');
    expect(byCode.body.institutions.map((i: any) => i.code)).toEqual(['mx_bank_oauth']);
  });
});

describe('pagination values', () => {
  it('answers 400 for a page past 2147483647 (it came back as 1e+23 or null), and pages as before below it', async () => {
    for (const page of ['99999999999999999999999', '9'.repeat(400), '2147483648']) {
      const res = await mx.get(`/institutions?page=${page}`);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ status: 'bad_request', type: 'validation_error' });
      expect(res.body.error.message).toBe('page: must be a whole number up to 2147483647');
    }
    const last = await mx.get('/institutions?page=2147483647');
    expect(last.status).toBe(200);
    expect(last.body.institutions).toEqual([]);
    expect(last.body.pagination.current_page).toBe(2147483647);
    // Below 1 is page 1, and records_per_page out of range falls back, however many digits they have.
    const low = await mx.get(`/institutions?page=-${'9'.repeat(400)}&records_per_page=${'9'.repeat(400)}`);
    expect(low.status).toBe(200);
    expect(low.body.pagination).toMatchObject({ current_page: 1, per_page: 25 });
  });
});
