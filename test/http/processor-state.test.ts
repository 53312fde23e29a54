// Processor codes and tokens across a restart from a state file: they keep working (and a used code stays
// used, an expiry stays where it was), while the file holds only their hashes, never a code or token; a
// user taken off holdings billing stays off.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/server/clock.js';
import { asProcessor, codeFor, exchange, tokenFor, verified } from '../helpers/processor.js';
import { startServer } from '../helpers/server.js';

const AT = '2026-03-02T10:00:00Z';

describe('processor tokens in a state file', () => {
  it('keep working after a restart, and the file holds no code or token', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mx-sim-proc-state-')), 'state.json');
    const before = await startServer({ clock: new ManualClock(AT), stateFile: file, fast: true });
    const v = await verified(before);
    const used = await codeFor(before, v.scope);
    const token = (await exchange(before, used)).body.access_token as string;
    const fresh = await codeFor(before, v.scope);
    const tokens = (await before.get(`/tokens?account_guid=${v.account}`)).body;
    expect((await before.get(`/users/${v.user}/investment_holdings_deactivate`)).status).toBe(200);
    await before.sim.state.save();
    await before.close();
    const text = readFileSync(file, 'utf8');
    for (const secret of [used, fresh, token]) expect(text).not.toContain(secret);

    const after = await startServer({ clock: new ManualClock(before.clock.now()), stateFile: file, fast: true });
    const read = await after.get('/payment_account', asProcessor(token));
    expect(read.status, read.text).toBe(200);
    expect(read.body.payment_account.account_guid).toBe(v.account);
    expect(after.sim.tenants.find('test-client')?.holdingsDeactivated.has(v.user)).toBe(true);
    expect((await after.get(`/tokens?account_guid=${v.account}`)).body).toEqual(tokens);
    expect((await exchange(after, used)).body.error.type).toBe('invalid_grant');
    expect((await exchange(after, fresh)).status).toBe(200);
    after.clock.advance(60 * 86_400_000);
    expect((await after.get('/payment_account', asProcessor(token))).body.error.type).toBe('token_expired');
    expect(await tokenFor(after, v.scope)).not.toBe(token);
    await after.close();
  });

  it("saves the issuing client's world when its code is exchanged (the processor's request names another client)", async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mx-sim-proc-state-')), 'state.json');
    const before = await startServer({ clock: new ManualClock(AT), stateFile: file, fast: true });
    const v = await verified(before);
    const code = await codeFor(before, v.scope);
    expect(await before.sim.state.saveIfChanged()).toBeDefined();
    const token = (await exchange(before, code)).body.access_token as string;
    expect(await before.sim.state.saveIfChanged()).toBeDefined();
    await before.close();
    const after = await startServer({ clock: new ManualClock(before.clock.now()), stateFile: file, fast: true });
    expect((await after.get('/payment_account', asProcessor(token))).status).toBe(200);
    await after.close();
  });
});
