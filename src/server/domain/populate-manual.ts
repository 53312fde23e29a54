// A scenario user's manual accounts and transactions, account edits and merges, put in after its members
// (edits and merges name aggregated accounts). Used by populate.ts; the inverse is store/snapshot-manual.ts.
import { categoryNamed } from '../generators/finance.js';
import { claimNew, type UserPreset } from './preset.js';

export function addManual({ tenant, user, u, where, now, guids }: UserPreset): string[] {
  const m = u.manual;
  if (!m) return [];
  const problems: string[] = [];
  const store = tenant.manual;
  const at = `${where}.manual`;
  const aggregated = new Set(
    tenant.members.forUser(user.guid).flatMap((x) => (x.data?.accounts ?? []).map((a) => a.guid)),
  );
  const accounts = m.accounts ?? [];
  let member = store.members.forUser(user.guid)[0];
  if (!member && (accounts.length || m.member_guid)) {
    guids.claim(m.member_guid, `${at}.member_guid`);
    member = store.members.insert({ guid: m.member_guid ?? tenant.guids.next('MBR'), user_guid: user.guid });
  }
  accounts.forEach((a, i) => {
    if (!claimNew(guids, store.accounts, a.guid, `${at}.accounts[${i}]`)) return;
    store.accounts.insert({
      guid: a.guid ?? tenant.guids.next('ACT'),
      user_guid: user.guid,
      member_guid: (member as { guid: string }).guid,
      name: a.name,
      account_type: a.account_type,
      account_subtype: a.account_subtype ?? null,
      apr: a.apr ?? null,
      apy: a.apy ?? null,
      available_balance: a.available_balance ?? null,
      balance: a.balance ?? null,
      cash_surrender_value: a.cash_surrender_value ?? null,
      credit_limit: a.credit_limit ?? null,
      currency_code: a.currency_code ?? 'USD',
      death_benefit: a.death_benefit ?? null,
      interest_rate: a.interest_rate ?? null,
      is_business: a.is_business ?? false,
      is_closed: a.is_closed ?? false,
      is_hidden: a.is_hidden ?? false,
      loan_amount: a.loan_amount ?? null,
      metadata: a.metadata ?? null,
      nickname: a.nickname ?? null,
      original_balance: a.original_balance ?? null,
      property_type: a.property_type ?? null,
      created_at_ms: now,
      updated_at_ms: now,
    });
  });
  const known = (guid: string) => aggregated.has(guid) || store.accounts.find(user.guid, guid) !== undefined;
  (m.transactions ?? []).forEach((t, i) => {
    const tAt = `${at}.transactions[${i}]`;
    if (!known(t.account_guid)) {
      problems.push(`${tAt}.account_guid: no account ${t.account_guid} among this user's accounts`);
      return;
    }
    if (!claimNew(guids, store.transactions, t.guid, tAt)) return;
    store.transactions.insert({
      guid: t.guid ?? tenant.guids.next('MAN'),
      user_guid: user.guid,
      account_guid: t.account_guid,
      amount: t.amount,
      at: Date.parse(`${t.date.slice(0, 10)}T00:00:00Z`),
      description: t.description,
      type: t.type,
      category: t.category === undefined ? null : categoryNamed(t.category).name,
      memo: t.memo ?? null,
      metadata: t.metadata ?? null,
      created_at_ms: now,
    });
  });
  (m.edits ?? []).forEach((e, i) => {
    if (!aggregated.has(e.account_guid)) {
      problems.push(`${at}.edits[${i}].account_guid: no aggregated account ${e.account_guid} of this user`);
      return;
    }
    if (store.edits.has(e.account_guid)) return;
    const { account_guid, ...fields } = e;
    store.edits.insert({ guid: account_guid, user_guid: user.guid, ...fields, updated_at_ms: now });
  });
  (m.merges ?? []).forEach((g, i) => {
    if (!aggregated.has(g.account_guid) || !known(g.into) || g.into === g.account_guid) {
      problems.push(`${at}.merges[${i}]: both accounts must be this user's (the merged one aggregated), and differ`);
      return;
    }
    if (!store.merges.has(g.account_guid))
      store.merges.insert({ guid: g.account_guid, user_guid: user.guid, into: g.into });
  });
  return problems;
}
