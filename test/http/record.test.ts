import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRecording } from '../../src/client/record.js';
import { runCommand } from '../../src/client/run.js';
import { target } from '../helpers/flow.js';

describe('recording a flow', () => {
  it('saves every exchange in order, with no credential, API key, answer or full account number', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mx-record-'));
    const t = target(undefined, 'record-test');
    const outcome = await runCommand(
      {
        credentials: { LOGIN: 'jane-secret-login', PASSWORD: 'challenge' },
        answers: ['correct'],
        products: ['transactions', 'account_verification', 'identity_verification'],
        record: dir,
      },
      { print: () => {}, target: { ...t, apiKey: 'super-secret-api-key' } },
    );
    expect(outcome.exitCode).toBe(0);
    const files = readdirSync(dir).sort();
    expect(files[0]).toBe('0001-get-institutions.json');
    expect(files).toContain('0004-post-users-USR-members.json');
    const text = files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    for (const secret of ['jane-secret-login', 'super-secret-api-key', '"challenge"', 'Basic ']) {
      expect(text).not.toContain(secret);
    }
    const recording = readRecording(dir);
    expect(recording.map((r) => r.seq)).toEqual(recording.map((_, i) => i + 1));
    const create = recording.find((r) => r.method === 'POST' && r.path.endsWith('/members'));
    expect(create?.requestHeaders.authorization).toBe('[REDACTED]');
    expect((create!.requestBody as any).member.credentials.map((c: any) => c.value)).toEqual([
      '[REDACTED]',
      '[REDACTED]',
    ]);
    expect((create!.requestBody as any).member.credentials[0].guid).toMatch(/^CRD-/);
    const resume = recording.find((r) => r.path.endsWith('/resume'));
    expect((resume!.requestBody as any).member.challenges[0].value).toBe('[REDACTED]');
    const numbers = recording.find((r) => r.path.includes('/account_numbers'));
    const first = (numbers!.responseBody as any).account_numbers[0];
    expect(first.account_number).toMatch(/^X+\d{4}$/);
    expect(first.routing_number).toMatch(/^X+\d{4}$/);
    // What a scenario needs survives: balances, transaction amounts and guids.
    const accounts = recording.find((r) => /\/members\/MBR-[^/]+\/accounts/.test(r.path));
    expect((accounts!.responseBody as any).accounts[0].balance).toEqual(expect.any(Number));
  });
});
