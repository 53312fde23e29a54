// A recording round-trips into a scenario: record the flow, convert, load the scenario into a fresh
// simulator, and read back exactly the accounts and transactions the flow read.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMxClient, ok } from '../../src/client/client.js';
import { listAll } from '../../src/client/paginate.js';
import { readRecording } from '../../src/client/record.js';
import { runCommand } from '../../src/client/run.js';
import { simulatorTarget } from '../../src/client/targets.js';
import { recordingToScenario, scenarioYaml } from '../../src/client/to-scenario.js';
import { parseScenario } from '../../src/scenarios/load.js';
import { ManualClock } from '../../src/server/clock.js';
import { target } from '../helpers/flow.js';

const accountView = (a: any) => ({
  guid: a.guid,
  name: a.name,
  type: a.type,
  balance: a.balance,
  account_number: a.account_number,
});
const transactionView = (t: any) => ({
  guid: t.guid,
  account_guid: t.account_guid,
  date: t.date,
  amount: t.amount,
  type: t.type,
  description: t.description,
  category: t.category,
  status: t.status,
});

describe('recording → scenario', () => {
  it('replays the recorded user, member, accounts (balances) and transactions exactly, in order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mx-roundtrip-'));
    const recorded = await runCommand(
      { products: ['transactions'], credentials: { PASSWORD: 'challenge' }, record: dir, userId: 'roundtrip-user' },
      { print: () => {}, target: target(undefined, 'roundtrip-rec') },
    );
    expect(recorded.exitCode).toBe(0);
    const read = recorded.result?.refreshed;
    expect(read?.transactions?.length).toBeGreaterThan(100);

    const conversion = recordingToScenario(readRecording(dir), 'roundtrip');
    expect(conversion.notes).toEqual([]);
    const yaml = scenarioYaml(conversion, dir);
    expect(yaml).not.toContain('[REDACTED]');
    const scenario = parseScenario(yaml, 'roundtrip.yaml');
    expect(scenario.users?.[0]).toMatchObject({ id: 'roundtrip-user', guid: recorded.result?.userGuid });

    // A fresh simulator (another seed, so nothing can come from the generator by coincidence).
    const replay = simulatorTarget(
      { scenarios: [{ scenario, source: 'roundtrip.yaml' }], seed: 'elsewhere' },
      'replay',
    );
    const mx = createMxClient(replay);
    const member = recorded.result?.memberGuid as string;
    const path = { user_identifier: 'roundtrip-user', member_identifier: member };
    const status = await ok(
      mx.api.GET('/users/{user_identifier}/members/{member_identifier}/status', { params: { path } }),
    );
    expect(status.member).toMatchObject({ connection_status: 'CONNECTED', is_being_aggregated: false });
    const accounts = await listAll('accounts', (query) =>
      mx.api.GET('/users/{user_identifier}/members/{member_identifier}/accounts', { params: { path, query } }),
    );
    expect(accounts.map(accountView)).toEqual(read?.accounts.map(accountView));
    const transactions = await listAll('transactions', (query) =>
      mx.api.GET('/users/{user_identifier}/members/{member_identifier}/transactions', { params: { path, query } }),
    );
    expect(transactions.map(transactionView)).toEqual(read?.transactions?.map(transactionView));
  });

  it('adds an institution the simulator lacks, from what the recording saw, and notes approximations', () => {
    const base = { requestHeaders: {}, responseHeaders: {}, contentType: 'application/json', attempt: 1, ms: 1 };
    const ex = (seq: number, method: string, path: string, responseBody: unknown, requestBody?: unknown) => ({
      ...base,
      seq,
      method,
      path,
      url: `https://int-api.mx.com${path}`,
      status: 200,
      responseBody,
      requestBody,
    });
    const conversion = recordingToScenario([
      ex(1, 'GET', '/institutions?name=credit', {
        institutions: [
          { code: 'acme_cu', name: 'Acme CU', supported_products: ['transactions'], iso_country_code: 'US' },
        ],
      }),
      ex(2, 'GET', '/institutions/acme_cu/credentials', {
        credentials: [
          { field_name: 'LOGIN', label: 'Member number', field_type: 'TEXT' },
          { field_name: 'PIN', label: 'PIN', field_type: 'PASSWORD' },
        ],
      }),
      ex(3, 'POST', '/users', { user: { guid: 'USR-1', id: 'u1' } }),
      ex(4, 'POST', '/users/USR-1/members', {
        member: { guid: 'MBR-1', user_guid: 'USR-1', institution_code: 'acme_cu' },
      }),
      ex(5, 'GET', '/users/USR-1/members/MBR-1/accounts', {
        accounts: [{ guid: 'ACT-1', name: 'Cash box', type: 'CASH', balance: 12.5 }],
      }),
    ]);
    expect(conversion.scenario.institutions).toEqual([
      {
        code: 'acme_cu',
        name: 'Acme CU',
        products: ['transactions'],
        country: 'US',
        credentials: [
          { field_name: 'LOGIN', label: 'Member number', type: 'TEXT' },
          { field_name: 'PIN', label: 'PIN', type: 'PASSWORD' },
        ],
      },
    ]);
    expect(conversion.scenario.users?.[0]?.members?.[0]).toMatchObject({
      guid: 'MBR-1',
      credentials: { PIN: 'recorded' },
      accounts: [{ guid: 'ACT-1', type: 'CHECKING', balance: 12.5, name: 'Cash box' }],
    });
    expect(conversion.notes).toEqual(['account ACT-1: MX type CASH replayed as CHECKING']);
    expect(() => parseScenario(scenarioYaml(conversion, 'test'), 'test.yaml')).not.toThrow();
  });

  it('with relative dates, replays the history ending at replay time, however old the recording', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mx-relative-'));
    const recordedAt = new ManualClock('2026-03-10T15:00:00Z');
    const recording = simulatorTarget({ clock: recordedAt, seed: 'relative' }, 'relative-rec');
    const recorded = await runCommand(
      { products: ['transactions'], record: dir, userId: 'relative-user' },
      { print: () => {}, target: recording },
    );
    expect(recorded.exitCode).toBe(0);
    const read = recorded.result?.refreshed?.transactions ?? [];
    expect(read.length).toBeGreaterThan(100);

    const conversion = recordingToScenario(readRecording(dir), 'relative', { relativeDates: true });
    const scenario = parseScenario(scenarioYaml(conversion, dir), 'relative.yaml');
    const first = scenario.users?.[0]?.members?.[0]?.accounts?.find((a) => a.transactions?.length)?.transactions?.[0];
    expect(first).toHaveProperty('days_ago');
    expect(first).not.toHaveProperty('date');

    // 400 days later, the default 120-day window still holds every transaction, each 400 days on.
    const later = new ManualClock(Date.parse('2026-03-10T15:00:00Z') + 400 * 86_400_000);
    const mx = createMxClient(simulatorTarget({ clock: later, scenarios: [{ scenario, source: 'relative.yaml' }] }));
    const path = { user_identifier: 'relative-user', member_identifier: recorded.result?.memberGuid as string };
    const replayed = await listAll('transactions', (query) =>
      mx.api.GET('/users/{user_identifier}/members/{member_identifier}/transactions', { params: { path, query } }),
    );
    const shifted = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 400 * 86_400_000).toISOString();
    const byGuid = new Map(replayed.map((t: any) => [t.guid, t]));
    expect(replayed).toHaveLength(read.length);
    for (const t of read as any[]) {
      const r: any = byGuid.get(t.guid);
      expect({ guid: r?.guid, date: r?.date, amount: r?.amount }).toEqual({
        guid: t.guid,
        date: shifted(t.date).slice(0, 10),
        amount: t.amount,
      });
    }
  });
});
