// ACH returns as a client submits and reads them (both versions, MX's filters, the references checked),
// and microdeposits and ACH returns surviving a state file.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/server/clock.js';
import { createMember, settle } from '../helpers/members.js';
import { startServer, type TestServer, useServer, VERSION_HEADERS } from '../helpers/server.js';

/** A connected member with accounts: its user, member and first account. */
async function memberWithAccount(mx: TestServer) {
  const { user, member, path } = await createMember(mx, 'password');
  await settle(mx, path);
  const accounts = (await mx.get(`${path}/accounts`)).body.accounts as Array<{ guid: string; type: string }>;
  return { user, member, account: accounts[0] as { guid: string; type: string } };
}

let ids = 0;
const achReturn = (refs: { user: string; member: string; account: { guid: string } }, extra = {}) => ({
  ach_return: {
    id: `return-${++ids}`,
    user_guid: refs.user,
    member_guid: refs.member,
    account_guid: refs.account.guid,
    return_code: 'R01',
    returned_at: '2026-01-14T18:09:00+00:00',
    transaction_amount: 225.84,
    sec_code: 'PPD',
    ...extra,
  },
});

describe('ACH returns', () => {
  const mx = useServer({ fast: true });

  it('submits a return for an account of a member, SUBMITTED, and reads it by guid or id', async () => {
    const refs = await memberWithAccount(mx);
    const res = await mx.post('/ach_returns', achReturn(refs, { account_number_last_four: '1234' }));
    expect(res.status, res.text).toBe(200);
    const created = res.body.ach_return;
    expect(created).toMatchObject({
      guid: expect.stringMatching(/^ACH-/),
      user_guid: refs.user,
      member_guid: refs.member,
      account_guid: refs.account.guid,
      account_type: refs.account.type,
      institution_guid: expect.stringMatching(/^INS-/),
      client_guid: expect.stringMatching(/^CLT-/),
      return_code: 'R01',
      return_status: 'SUBMITTED',
      account_number_last_four: '1234',
      transaction_amount: 225.84,
      resolution_code: null,
    });
    expect(created.submitted_at).toBe(created.created_at);
    expect((await mx.get(`/ach_returns/${created.guid}`)).body.ach_return).toEqual(created);
    expect((await mx.get(`/ach_returns/${created.id}`)).body.ach_return).toEqual(created);
  });

  it('checks the user, member and account belong together (404) and that an id is new (409)', async () => {
    const refs = await memberWithAccount(mx);
    const other = await memberWithAccount(mx);
    const wrongMember = await mx.post('/ach_returns', achReturn({ ...refs, member: other.member }));
    expect(wrongMember.status).toBe(404);
    expect(wrongMember.body.error.message).toContain(other.member);
    const wrongAccount = await mx.post('/ach_returns', achReturn({ ...refs, account: other.account }));
    expect(wrongAccount.status).toBe(404);
    expect(wrongAccount.body.error.message).toContain(other.account.guid);
    expect((await mx.post('/ach_returns', achReturn({ ...refs, user: 'USR-nobody' }))).status).toBe(404);
    const first = await mx.post('/ach_returns', achReturn(refs, { id: 'dup-1' }));
    expect(first.status).toBe(200);
    const again = await mx.post('/ach_returns', achReturn(refs, { id: 'dup-1' }));
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain("'dup-1'");
  });

  it('validates the return code, SEC code and corrected routing number (400 naming the field)', async () => {
    const refs = await memberWithAccount(mx);
    for (const [extra, field] of [
      [{ return_code: 'X1' }, 'return_code'],
      [{ sec_code: 'web' }, 'sec_code'],
      [{ corrected_routing_number: '123' }, 'corrected_routing_number'],
    ] as const) {
      const res = await mx.post('/ach_returns', achReturn(refs, extra));
      expect(res.status, field).toBe(400);
      expect(res.body.error.message).toContain(field);
    }
    const missing = await mx.post('/ach_returns', { ach_return: { id: 'x', user_guid: refs.user } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('member_guid');
  });

  it("lists with MX's filters and pages", async () => {
    const refs = await memberWithAccount(mx);
    const r2 = await mx.post('/ach_returns', achReturn(refs, { return_code: 'R02', returned_at: '2026-01-20' }));
    expect(r2.status).toBe(200);
    const all = (await mx.get('/ach_returns?records_per_page=100')).body;
    expect(all.pagination.total_entries).toBe(all.ach_returns.length);
    const r02 = (await mx.get('/ach_returns?return_code=R02')).body.ach_returns;
    expect(r02.map((r: any) => r.guid)).toEqual([r2.body.ach_return.guid]);
    expect((await mx.get('/ach_returns?returned_at=2026-01-20')).body.ach_returns).toHaveLength(1);
    const inst = r2.body.ach_return.institution_guid;
    const byInst = (await mx.get(`/ach_returns?institution_guid=${inst}&return_status=SUBMITTED`)).body.ach_returns;
    expect(byInst.length).toBe(all.ach_returns.length);
    expect((await mx.get('/ach_returns?resolved_status_at=2026-01-20')).body.ach_returns).toEqual([]);
    expect((await mx.get('/ach_returns/ACH-nope')).status).toBe(404);
  });
});

describe('ACH returns in v20111101', () => {
  const mx = useServer({ fast: true, version: 'v20111101' });

  it("answers in the v1 media type, as MX's v20111101 document declares", async () => {
    const refs = await memberWithAccount(mx);
    const res = await mx.post('/ach_returns', achReturn(refs));
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toBe(VERSION_HEADERS.v20111101.Accept);
    expect((await mx.get('/ach_returns')).body.ach_returns).toHaveLength(1);
  });
});

describe('microdeposits and ACH returns in a state file', () => {
  it('come back as they were, and go on with the clock', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mx-sim-md-')), 'state.json');
    const before = await startServer({ clock: new ManualClock('2026-03-02T10:00:00Z'), stateFile: file, fast: true });
    const refs = await memberWithAccount(before);
    const returned = (await before.post('/ach_returns', achReturn(refs))).body.ach_return;
    const md = (
      await before.post(`/users/${refs.user}/micro_deposits`, {
        micro_deposit: { account_number: '3331555', account_type: 'SAVINGS', routing_number: '091000019' },
      })
    ).body.micro_deposit;
    const amounts = (await before.get('/_mx-sim/micro_deposits')).body.micro_deposits[0];
    await before.sim.state.save();
    await before.close();

    const after = await startServer({ clock: new ManualClock(before.clock.now()), stateFile: file, fast: true });
    expect((await after.get(`/ach_returns/${returned.guid}`)).body.ach_return).toEqual(returned);
    expect((await after.get(`/users/${refs.user}/micro_deposits/${md.guid}`)).body.micro_deposit).toEqual(md);
    expect((await after.get('/_mx-sim/micro_deposits')).body.micro_deposits[0]).toEqual(amounts);
    after.clock.advance(2);
    const { deposit_amount_1: a, deposit_amount_2: b } = amounts;
    const verified = await after.put(`/micro_deposits/${md.guid}/verify`, {
      micro_deposit: { deposit_amount_1: a, deposit_amount_2: b },
    });
    expect(verified.status, verified.text).toBe(200);
    after.clock.advance(1);
    expect((await after.get(`/users/${refs.user}/micro_deposits/${md.guid}`)).body.micro_deposit.status).toBe(
      'VERIFIED',
    );
    await after.close();
  });
});
