// The data a member's jobs gather, read over HTTP at MX's v20250224 paths: accounts, transactions,
// owners, account numbers, statements (and their PDF), holdings and rewards; every refresh job.
import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { isValidAba } from '../../src/server/generators/gathered.js';
import { credentialsFor, newUser, settle } from '../helpers/members.js';
import { startServer, useServer } from '../helpers/server.js';

const mx = useServer();
const DAY = 86_400_000;

async function connected(products?: string[], institution = 'mxbank', login?: string) {
  const user = await newUser(mx);
  const credentials = await credentialsFor(mx, institution, 'password', login);
  const res = await mx.post(`/users/${user}/members`, {
    member: { institution_code: institution, credentials },
    ...(products ? { data_request: { products } } : {}),
  });
  expect(res.status).toBe(202);
  const member = res.body.member.guid as string;
  const path = `/users/${user}/members/${member}`;
  await settle(mx, path);
  return { user, member, path };
}

async function runJob(path: string, job: string, expected = 202) {
  const res = await mx.post(`${path}/${job}`);
  expect(res.status, JSON.stringify(res.body)).toBe(expected);
  expect(res.body.member.is_being_aggregated).toBe(true);
  const done = await settle(mx, path);
  expect(done).toMatchObject({ connection_status: 'CONNECTED', is_being_aggregated: false });
  return done;
}

const signed = (t: any, liability: boolean) => (t.type === (liability ? 'DEBIT' : 'CREDIT') ? t.amount : -t.amount);

describe('before any job has succeeded', () => {
  it('answers every list empty with true pagination, and reads with 404', async () => {
    const user = await newUser(mx);
    const credentials = await credentialsFor(mx, 'mxbank', 'password');
    const member = (await mx.post(`/users/${user}/members`, { member: { institution_code: 'mxbank', credentials } }))
      .body.member.guid;
    const m = `/users/${user}/members/${member}`;
    const empty = { current_page: 1, per_page: 25, total_entries: 0, total_pages: 0 };
    for (const [path, key] of [
      [`${m}/accounts`, 'accounts'],
      [`/users/${user}/accounts`, 'accounts'],
      [`${m}/transactions`, 'transactions'],
      [`/users/${user}/transactions`, 'transactions'],
      [`${m}/account_owners`, 'account_owners'],
      [`${m}/account_numbers`, 'account_numbers'],
      [`${m}/statements`, 'statements'],
      [`${m}/investment_holdings`, 'investment_holdings'],
      [`/users/${user}/investment_holdings`, 'investment_holdings'],
    ] as const) {
      const res = await mx.get(path);
      expect(res.status, path).toBe(200);
      expect(res.body[key], path).toEqual([]);
      expect(res.body.pagination, path).toEqual(empty);
    }
    expect((await mx.get(`${m}/rewards`)).body.rewards).toEqual([]);
    const missing = await mx.get(`/users/${user}/accounts/ACT-00000000-0000-0000-0000-000000000000`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain('ACT-00000000');
  });
});

describe('after the first aggregation', () => {
  it('lists realistic accounts, the same in every endpoint that shows them', async () => {
    const { user, member, path } = await connected();
    const byMember = (await mx.get(`${path}/accounts`)).body;
    const types = byMember.accounts.map((a: any) => a.type);
    expect(types).toEqual(['CHECKING', 'SAVINGS', 'CREDIT_CARD', 'LOAN', 'MORTGAGE', 'INVESTMENT']);
    expect(byMember.pagination.total_entries).toBe(6);
    const checking = byMember.accounts[0];
    expect(checking).toMatchObject({
      member_guid: member,
      user_guid: user,
      institution_code: 'mxbank',
      is_closed: false,
    });
    expect(checking.guid).toMatch(/^ACT-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(checking.balance).toBeGreaterThan(0);
    expect(byMember.accounts[2].available_credit).toBeCloseTo(
      byMember.accounts[2].credit_limit - byMember.accounts[2].balance,
      2,
    );
    const byUser = (await mx.get(`/users/${user}/accounts`)).body.accounts;
    expect(byUser).toEqual(byMember.accounts);
    expect((await mx.get(`/users/${user}/accounts/${checking.guid}`)).body.account).toEqual(checking);
    expect((await mx.get(`${path}/accounts/${checking.guid}`)).body.account).toEqual(checking);
    expect((await mx.get(`${path}/accounts/${checking.id}`)).body.account).toEqual(checking);
    // `{account_guid}` paths take the guid only, as MX's document says.
    expect((await mx.get(`/users/${user}/accounts/${checking.id}`)).status).toBe(404);
    const manual = (await mx.get(`/users/${user}/accounts?is_manual=true`)).body;
    expect(manual.accounts).toEqual([]);
  });

  it('lists transactions newest first, paginated, with consistent fields', async () => {
    const { user, path } = await connected();
    const accounts = (await mx.get(`${path}/accounts`)).body.accounts;
    const checking = accounts[0];
    const page1 = (await mx.get(`/users/${user}/accounts/${checking.guid}/transactions?records_per_page=10`)).body;
    expect(page1.transactions).toHaveLength(10);
    expect(page1.pagination.total_entries).toBeGreaterThan(60);
    const all = (await mx.get(`/users/${user}/accounts/${checking.guid}/transactions?records_per_page=1000`)).body
      .transactions;
    expect(all).toHaveLength(page1.pagination.total_entries);
    expect(all.slice(0, 10)).toEqual(page1.transactions);
    const times = all.map((t: any) => Date.parse(t.transacted_at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(new Set(all.map((t: any) => t.guid)).size).toBe(all.length);
    const now = mx.clock.now();
    for (const t of all) {
      expect(t.account_guid).toBe(checking.guid);
      expect(t.amount).toBeGreaterThan(0);
      expect(['CREDIT', 'DEBIT']).toContain(t.type);
      expect(t.date).toBe(t.transacted_at.slice(0, 10));
      expect(Date.parse(t.transacted_at)).toBeLessThanOrEqual(now);
      expect(Date.parse(t.transacted_at)).toBeGreaterThan(now - 91 * DAY);
      expect(t.category).toBeTruthy();
      expect(t.top_level_category).toBeTruthy();
    }
    expect(all.some((t: any) => t.status === 'PENDING')).toBe(true);
    expect(all.some((t: any) => t.type === 'CREDIT' && t.category === 'Paycheck')).toBe(true);
    // The same transactions through the member, per-member account and user endpoints.
    const viaMember = (await mx.get(`${path}/accounts/${checking.guid}/transactions?records_per_page=1000`)).body;
    expect(viaMember.transactions).toEqual(all);
    const memberAll = (await mx.get(`${path}/transactions?records_per_page=1000`)).body;
    const userAll = (await mx.get(`/users/${user}/transactions?records_per_page=1000`)).body;
    expect(userAll).toEqual(memberAll);
    expect(memberAll.transactions.filter((t: any) => t.account_guid === checking.guid)).toEqual(all);
    const mtimes = memberAll.transactions.map((t: any) => Date.parse(t.transacted_at));
    expect([...mtimes].sort((a, b) => b - a)).toEqual(mtimes);
    // Pages of the merged list line up with the whole list.
    const p3 = (await mx.get(`${path}/transactions?records_per_page=10&page=3`)).body.transactions;
    expect(p3).toEqual(memberAll.transactions.slice(20, 30));
    // Read one by guid, by account (guid and id).
    const one = all[5];
    expect((await mx.get(`/users/${user}/transactions/${one.guid}`)).body.transaction).toEqual(one);
    expect((await mx.get(`${path}/accounts/${checking.guid}/transactions/${one.guid}`)).body.transaction).toEqual(one);
    expect((await mx.get(`${path}/accounts/${checking.id}/transactions/${one.id}`)).body.transaction).toEqual(one);
    expect((await mx.get(`${path}/accounts/${accounts[1].guid}/transactions/${one.guid}`)).status).toBe(404);
    expect((await mx.get(`/users/${user}/transactions/TRN-not-a-guid`)).status).toBe(404);
  });

  it('filters by date (YYYY-MM-DD and Unix seconds) and adds enhancements on request', async () => {
    const { user, path } = await connected();
    const checking = (await mx.get(`${path}/accounts`)).body.accounts[0];
    const base = `/users/${user}/accounts/${checking.guid}/transactions`;
    const all = (await mx.get(`${base}?records_per_page=1000`)).body.transactions;
    const from = all[40].date;
    const to = all[10].date;
    const ranged = (await mx.get(`${base}?records_per_page=1000&from_date=${from}&to_date=${to}`)).body.transactions;
    expect(ranged).toEqual(all.filter((t: any) => t.date >= from && t.date <= to));
    const unix = (s: string) => Date.parse(`${s}T00:00:00Z`) / 1000;
    const ranged2 = (await mx.get(`${base}?records_per_page=1000&from_date=${unix(from)}&to_date=${unix(to) + 3600}`))
      .body.transactions;
    expect(ranged2).toEqual(ranged);
    const bad = await mx.get(`${base}?from_date=last-week`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('from_date');
    const reversed = await mx.get(`${base}?from_date=${to}&to_date=${from}`);
    expect(reversed.status).toBe(400);
    const plain = all[0];
    expect(plain.merchant).toBeUndefined();
    const rich = (await mx.get(`${base}?includes=merchants,classifications,geolocations,repeating_transactions`)).body
      .transactions;
    const withMerchant = rich.find((t: any) => t.merchant_guid);
    expect(withMerchant.merchant).toMatchObject({ guid: withMerchant.merchant_guid });
    expect(withMerchant.classification.parent_class).toBeTruthy();
    expect(withMerchant.geolocation.state).toMatch(/^[A-Z]{2}$/);
    expect(rich.every((t: any) => 'repeating_transaction' in t)).toBe(true);
    const wrong = await mx.get(`${base}?includes=merchants,weather`);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toContain("'weather'");
  });
});

describe('refresh jobs', () => {
  it('later aggregations add new transactions, and balances move by exactly their sum', async () => {
    const { path } = await connected();
    const firstAt = Date.parse((await mx.get(`${path}/status`)).body.member.successfully_aggregated_at);
    const before = (await mx.get(`${path}/accounts`)).body.accounts;
    const first = (await mx.get(`${path}/transactions?records_per_page=1000`)).body;
    // Three days on, background aggregation has run daily; then a manual aggregation.
    mx.clock.advance(3 * DAY);
    const status = await runJob(path, 'aggregate');
    const at = Date.parse(status.successfully_aggregated_at);
    const after = (await mx.get(`${path}/accounts`)).body.accounts;
    const all = (await mx.get(`${path}/transactions?records_per_page=1000`)).body;
    expect(all.pagination.total_entries).toBeGreaterThan(first.pagination.total_entries);
    const fresh = all.transactions.filter((t: any) => Date.parse(t.created_at) > firstAt);
    expect(fresh.length).toBe(all.pagination.total_entries - first.pagination.total_entries);
    const created = new Set(fresh.map((t: any) => t.created_at));
    expect(created.size).toBeGreaterThan(1);
    const day = new Date(at).toISOString().slice(0, 10);
    const today = (
      await mx.get(`${path}/transactions?records_per_page=1000&from_created_at=${day}&to_created_at=${day}`)
    ).body.transactions;
    expect(today).toEqual(fresh.filter((t: any) => t.created_at.slice(0, 10) === day));
    for (const [i, a] of before.entries()) {
      const liability = ['CREDIT_CARD', 'LOAN', 'MORTGAGE'].includes(a.type);
      const sum = fresh
        .filter((t: any) => t.account_guid === a.guid)
        .reduce((s: number, t: any) => s + signed(t, liability), 0);
      if (a.type === 'INVESTMENT') expect(after[i].cash_balance).toBeCloseTo(a.cash_balance + sum, 2);
      else expect(after[i].balance).toBeCloseTo(a.balance + sum, 2);
    }
    // Transactions pending at the first sync have posted since, with a later updated_at.
    const pendingBefore = first.transactions.filter((t: any) => t.status === 'PENDING');
    expect(pendingBefore.length).toBeGreaterThan(0);
    for (const p of pendingBefore) {
      const now = all.transactions.find((t: any) => t.guid === p.guid);
      expect(now.status).toBe('POSTED');
      expect(Date.parse(now.updated_at)).toBeGreaterThan(firstAt);
      expect(now.created_at).toBe(p.created_at);
    }
    const updated = (
      await mx.get(`${path}/transactions?records_per_page=1000&from_updated_at=${Math.floor(firstAt / 1000) + 1}`)
    ).body.transactions;
    expect(updated.length).toBe(fresh.length + pendingBefore.length);
  });

  it('identify gathers account owners; verify (200) gathers ABA-valid account numbers', async () => {
    const { user, path } = await connected();
    expect((await mx.get(`${path}/account_owners`)).body.account_owners).toEqual([]);
    await runJob(path, 'identify');
    const owners = (await mx.get(`${path}/account_owners`)).body.account_owners;
    const accounts = (await mx.get(`${path}/accounts`)).body.accounts;
    expect(owners.length).toBeGreaterThanOrEqual(accounts.length);
    expect(new Set(owners.map((o: any) => o.account_guid))).toEqual(new Set(accounts.map((a: any) => a.guid)));
    expect(owners[0].owner_name).toBe(`${owners[0].first_name} ${owners[0].last_name}`);
    expect(owners[0].email).toContain('@');
    const status = await runJob(path, 'verify', 200);
    expect(status.has_processed_account_numbers).toBe(true);
    const numbers = (await mx.get(`${path}/account_numbers`)).body.account_numbers;
    const demand = accounts.filter((a: any) => a.type === 'CHECKING' || a.type === 'SAVINGS');
    expect(numbers.map((n: any) => n.account_guid)).toEqual(demand.map((a: any) => a.guid));
    for (const n of numbers) {
      expect(isValidAba(n.routing_number)).toBe(true);
      expect(n.passed_validation).toBe(true);
      const acct = demand.find((a: any) => a.guid === n.account_guid);
      expect(acct.account_number).toBe(`XXXXXX${n.account_number.slice(-4)}`);
    }
    const byAccount = (await mx.get(`/users/${user}/accounts/${demand[0].guid}/account_numbers`)).body.account_numbers;
    expect(byAccount).toEqual([numbers[0]]);
  });

  it('fetch_statements gathers monthly statements whose PDFs are real PDFs', async () => {
    const { path } = await connected();
    await runJob(path, 'fetch_statements');
    const list = (await mx.get(`${path}/statements?records_per_page=100`)).body;
    expect(list.pagination.total_entries).toBe(36);
    const s = list.statements[0];
    expect((await mx.get(`${path}/statements/${s.guid}`)).body.statement).toEqual(s);
    const pdf = await mx.get(`${path}/statements/${s.guid}.pdf`, {
      headers: { Accept: 'application/vnd.mx.api.v1+pdf' },
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/vnd.mx.api.v1+pdf');
    const bytes = pdf.body as Uint8Array;
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-');
    expect(Buffer.from(bytes.slice(-6)).toString()).toContain('%%EOF');
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(doc.getTitle()).toContain('MX Bank statement');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(s.content_hash);
    expect(s.uri).toBe(`${path}/statements/${s.guid}.pdf`);
    expect((await mx.get(`${path}/statements/STA-nope.pdf`)).status).toBe(404);
  });

  it('extend_history reaches 24 months back', async () => {
    const { path } = await connected();
    const old = `${path}/transactions?records_per_page=10&from_date=2024-01-01`;
    const before = (await mx.get(old)).body.pagination.total_entries;
    await runJob(path, 'extend_history');
    const after = (await mx.get(old)).body;
    expect(after.pagination.total_entries).toBeGreaterThan(before * 6);
    const oldest = (await mx.get(`${old}&page=${after.pagination.total_pages}`)).body.transactions.at(-1);
    expect(Date.parse(oldest.transacted_at)).toBeLessThan(mx.clock.now() - 700 * DAY);
    // MX's default window (120 days back) still applies without from_date.
    const recent = (await mx.get(`${path}/transactions?records_per_page=10`)).body.pagination.total_entries;
    expect(recent).toBeLessThan(after.pagination.total_entries / 4);
  });

  it('fetch_rewards (200) gathers rewards; holdings come with investment accounts', async () => {
    const { user, member, path } = await connected();
    await runJob(path, 'fetch_rewards', 200);
    const rewards = (await mx.get(`${path}/rewards`)).body.rewards;
    expect(rewards.length).toBeGreaterThan(0);
    expect(rewards[0]).toMatchObject({ member_guid: member, user_guid: user, unit_type: 'POINTS' });
    expect((await mx.get(`${path}/rewards/${rewards[0].guid}`)).body.reward).toEqual(rewards[0]);
    expect((await mx.get(`${path}/rewards/RWD-nope`)).status).toBe(404);
    const holdings = (await mx.get(`/users/${user}/members/${member}/investment_holdings`)).body.investment_holdings;
    expect(holdings.length).toBeGreaterThanOrEqual(3);
    const investment = (await mx.get(`${path}/accounts`)).body.accounts.find((a: any) => a.type === 'INVESTMENT');
    const value = holdings.reduce((s: number, h: any) => s + h.market_value, 0);
    expect(investment.balance).toBeCloseTo(investment.cash_balance + value, 1);
    expect((await mx.get(`/users/${user}/investment_holdings`)).body.investment_holdings).toEqual(holdings);
    expect(
      (await mx.get(`/users/${user}/accounts/${investment.guid}/investment_holdings`)).body.investment_holdings,
    ).toEqual(holdings);
    expect((await mx.get(`/users/${user}/investment_holdings/${holdings[0].guid}`)).body.investment_holding).toEqual(
      holdings[0],
    );
  });

  it('check_balance refreshes balances without adding transactions', async () => {
    const { path } = await connected();
    await mx.put(path, { member: { background_aggregation_is_disabled: true } });
    const before = (await mx.get(`${path}/transactions?records_per_page=10`)).body.pagination.total_entries;
    const accountsBefore = (await mx.get(`${path}/accounts`)).body.accounts;
    mx.clock.advance(5 * DAY);
    await runJob(path, 'check_balance');
    const after = (await mx.get(`${path}/transactions?records_per_page=10`)).body.pagination.total_entries;
    expect(after).toBe(before);
    const accountsAfter = (await mx.get(`${path}/accounts`)).body.accounts;
    expect(accountsAfter[0].updated_at).not.toBe(accountsBefore[0].updated_at);
    expect(accountsAfter[0].balance).not.toBe(accountsBefore[0].balance);
  });

  it('gathers what data_request.products asked for with the first aggregation', async () => {
    const { path } = await connected(['transactions', 'identity_verification', 'account_verification', 'statements']);
    expect((await mx.get(`${path}/account_owners`)).body.account_owners.length).toBeGreaterThan(0);
    expect((await mx.get(`${path}/account_numbers`)).body.account_numbers.length).toBeGreaterThan(0);
    expect((await mx.get(`${path}/statements`)).body.pagination.total_entries).toBe(36);
  });

  it('answers 409 for a job while another type runs, 202 with no new job for the same type', async () => {
    const { path } = await connected();
    const started = await mx.post(`${path}/identify`);
    expect(started.status).toBe(202);
    const again = await mx.post(`${path}/identify`);
    expect(again.status).toBe(202);
    expect(again.body.member.most_recent_job_guid).toBe(started.body.member.most_recent_job_guid);
    const other = await mx.post(`${path}/verify`);
    expect(other.status).toBe(409);
    expect(other.body.error.message).toContain('identify');
    await settle(mx, path);
  });

  it('answers 400 for a premium job the institution does not support', async () => {
    const list = (await mx.get('/institutions?records_per_page=100&page=2')).body.institutions;
    const inst = list.find(
      (i: any) =>
        !i.supports_oauth && i.supported_products.includes('transactions') && !i.supported_products.includes('rewards'),
    );
    const { path } = await connected(undefined, inst.code);
    const res = await mx.post(`${path}/fetch_rewards`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('rewards');
  });

  it("a member's data goes away with the member", async () => {
    const { user, path } = await connected();
    const account = (await mx.get(`${path}/accounts`)).body.accounts[0];
    const txn = (await mx.get(`${path}/transactions`)).body.transactions[0];
    expect((await mx.del(path)).status).toBe(204);
    expect((await mx.get(`/users/${user}/accounts/${account.guid}`)).status).toBe(404);
    expect((await mx.get(`/users/${user}/transactions/${txn.guid}`)).status).toBe(404);
    expect((await mx.get(`/users/${user}/accounts`)).body.accounts).toEqual([]);
  });
});

describe('volume and determinism', () => {
  it('serves 50 accounts × 10,000 transactions (simbank login tokens) page by page', async () => {
    const { user, path } = await connected(undefined, 'simbank', 'mxuser accounts=50 transactions=10000');
    const accounts = (await mx.get(`${path}/accounts?records_per_page=100`)).body;
    expect(accounts.pagination.total_entries).toBe(50);
    const one = (await mx.get(`/users/${user}/accounts/${accounts.accounts[7].guid}/transactions`)).body;
    expect(one.pagination.total_entries).toBeGreaterThanOrEqual(9_999);
    const member = (await mx.get(`${path}/transactions?records_per_page=1000&page=300`)).body;
    expect(member.pagination.total_entries).toBeGreaterThanOrEqual(499_950);
    expect(member.transactions).toHaveLength(1000);
    const deep = member.transactions[500];
    expect((await mx.get(`/users/${user}/transactions/${deep.guid}`)).body.transaction).toEqual(deep);
  });

  it('gives identical data for one seed', async () => {
    const flow = async () => {
      const s = await startServer({ seed: 'same-seed' });
      try {
        const user = (await s.post('/users', { user: { id: 'det' } })).body.user.guid;
        const credentials = await credentialsFor(s, 'mxbank', 'password');
        const m = (await s.post(`/users/${user}/members`, { member: { institution_code: 'mxbank', credentials } })).body
          .member.guid;
        const path = `/users/${user}/members/${m}`;
        await settle(s, path);
        await s.post(`${path}/fetch_statements`);
        await settle(s, path);
        return [
          (await s.get(`${path}/accounts`)).text,
          (await s.get(`${path}/transactions?records_per_page=1000&includes=merchants`)).text,
          (await s.get(`${path}/statements`)).text,
          (await s.get(`/users/${user}/investment_holdings`)).text,
        ];
      } finally {
        await s.close();
      }
    };
    const [a, b] = [await flow(), await flow()];
    expect(a).toEqual(b);
    expect(a[1]).toContain('TRN-');
  });
});
