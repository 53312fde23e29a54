// An account's balance moves by exactly the signed amounts of the transactions that arrived
// (src/server/generators/accounts.ts: refreshBalance sums them in a loop of its own, for speed).
import { describe, expect, it } from 'vitest';
import { startMemberJob } from '../../src/server/domain/jobs.js';
import { settleMember } from '../../src/server/domain/settle.js';
import { refreshBalance, transactionAmount } from '../../src/server/generators/accounts.js';
import { isLiability } from '../../src/server/generators/finance.js';
import { round2 } from '../../src/server/generators/records.js';
import { lastAtOrBefore } from '../../src/server/generators/transactions.js';
import { addMember, addUser, START, TIMING, tenantWith } from './fixtures/tenant.js';

const DAY = 86_400_000;

describe('refreshBalance', () => {
  it("adds each new transaction's amount, + when it raises the balance (a credit to an asset, a debit to a liability)", () => {
    const { tenant } = tenantWith();
    const member = addMember(tenant, addUser(tenant), 'mxbank', { LOGIN: 'mxuser', PASSWORD: 'password' });
    startMemberJob(member, tenant, 'aggregate', START);
    settleMember(member, tenant, START + TIMING.authenticateMs + TIMING.syncMs);
    const accounts = (member.data?.accounts ?? []).filter((a) => !a.stream.fixed);
    expect(accounts.some((a) => isLiability(a.type))).toBe(true);
    expect(accounts.some((a) => !isLiability(a.type))).toBe(true);
    for (const a of accounts) {
      const [before, from] = [a.balance, a.balance_k + 1];
      const at = START + 400 * DAY;
      const to = lastAtOrBefore(a.stream, at);
      expect(to - from).toBeGreaterThan(10);
      let expected = before;
      for (let k = from; k <= to; k++) {
        const { type, amount } = transactionAmount(a, k);
        expected += (isLiability(a.type) ? type === 'DEBIT' : type === 'CREDIT') ? amount : -amount;
      }
      refreshBalance(a, at);
      expect([a.type, a.balance, a.balance_k]).toEqual([a.type, round2(expected), to]);
    }
  });
});
