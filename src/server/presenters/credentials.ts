// Verifiable credentials → MX's wire form: a JWT whose `vc` is a W3C credential with the data in FDX's
// shapes (accounts as depositAccount / locAccount / loanAccount / investmentAccount, as MX's example).
import { isoTime } from '../clock.js';
import type { AccountsSubject, TransactionsSubject } from '../domain/credentials.js';
import { balances } from '../generators/accounts.js';
import type { AccountRecord, NumberRecord, OwnerRecord } from '../generators/records.js';
import type { TransactionFacts } from '../generators/transaction-facts.js';
import { type Issuer, signJwt } from '../generators/vc-jwt.js';

const seconds = (ms: number) => Math.floor(ms / 1000);
const iso = (ms: number) => isoTime(ms).replace(/\.\d{3}Z$/, 'Z');

/** FDX's account kinds and types for MX's account types. */
function fdxKind(a: AccountRecord): { kind: string; type: string } {
  switch (a.type) {
    case 'CREDIT_CARD':
      return { kind: 'locAccount', type: 'CREDITCARD' };
    case 'LINE_OF_CREDIT':
      return { kind: 'locAccount', type: 'LINEOFCREDIT' };
    case 'LOAN':
      return { kind: 'loanAccount', type: 'LOAN' };
    case 'MORTGAGE':
      return { kind: 'loanAccount', type: 'MORTGAGE' };
    case 'INVESTMENT':
      return { kind: 'investmentAccount', type: 'BROKERAGE' };
    case 'SAVINGS':
      return { kind: 'depositAccount', type: 'SAVINGS' };
    default:
      return { kind: 'depositAccount', type: 'CHECKING' };
  }
}

function fdxAccount(a: AccountRecord, n: NumberRecord | undefined, institutionGuid: string) {
  const { kind, type } = fdxKind(a);
  const b = balances(a);
  const number = n?.account_number ?? a.account_number;
  const asset = kind === 'depositAccount' || kind === 'investmentAccount';
  const common = {
    accountId: a.guid,
    accountType: type,
    accountNumber: number,
    accountNumberDisplay: `****${number.slice(-4)}`,
    productName: null,
    nickname: null,
    status: 'OPEN',
    accountOpenDate: iso(a.created_at),
    accountClosedDate: null,
    currency: { currencyRate: null, currencyCode: a.currency_code, originalCurrencyCode: null },
    fiAttributes: [
      { name: 'member_guid', value: a.member_guid },
      { name: 'institution_guid', value: institutionGuid },
      { name: 'external_guid', value: a.id },
    ],
    routingTransitNumber: n?.routing_number ?? null,
    balanceType: asset ? 'ASSET' : 'LIABILITY',
    interestRate: a.interest_rate,
    lastActivityDate: iso(a.balance_at),
    balanceAsOf: iso(a.balance_at),
  };
  const detail =
    kind === 'locAccount'
      ? {
          creditLine: a.credit_limit,
          availableCredit: b.available_credit,
          nextPaymentDate: null,
          principalBalance: null,
          currentBalance: b.balance,
          minimumPaymentAmount: null,
          purchasesApr: a.apr,
        }
      : kind === 'loanAccount'
        ? { principalBalance: b.balance, originalPrincipal: a.original_balance, nextPaymentDate: null }
        : {
            currentBalance: b.balance,
            openingDayBalance: null,
            availableBalance: b.available_balance,
            annualPercentageYield: a.apy,
            maturityDate: null,
          };
  return { [kind]: { ...common, ...detail } };
}

function fdxCustomer(o: OwnerRecord) {
  return {
    customerId: o.guid,
    name: { first: o.first_name, last: o.last_name },
    addresses: [{ line1: o.address, city: o.city, region: o.state, postalCode: o.postal_code, country: o.country }],
    email: [o.email],
    telephones: [{ type: 'HOME', number: o.phone }],
    accounts: [{ accountId: o.account_guid, relationship: 'PRIMARY' }],
  };
}

function fdxTransaction(a: AccountRecord, t: TransactionFacts) {
  const { kind } = fdxKind(a);
  const name = kind.replace('Account', 'Transaction');
  return {
    [name]: {
      accountId: a.guid,
      transactionId: t.guid,
      postedTimestamp: t.posted_at === null ? null : iso(t.posted_at),
      transactionTimestamp: iso(t.at),
      description: t.description,
      debitCreditMemo: t.type,
      status: t.pending ? 'PENDING' : 'POSTED',
      amount: t.amount,
      category: t.category.name,
    },
  };
}

export interface CredentialContext {
  issuer: Issuer;
  /** The credential's id: the URL it was asked at. */
  id: string;
  userGuid: string;
  now: number;
}

function credential(ctx: CredentialContext, type: string, subject: object): { verifiableCredential: string } {
  const vc = {
    '@context': ['https://www.w3.org/2018/credentials/v1'],
    id: ctx.id,
    type: ['VerifiableCredential', type],
    issuer: ctx.issuer.did,
    issuanceDate: iso(ctx.now),
    credentialSubject: { ...subject, id: ctx.userGuid },
  };
  const payload = { vc, iss: ctx.issuer.did, iat: seconds(ctx.now), jti: ctx.id, sub: ctx.userGuid };
  return { verifiableCredential: signJwt(ctx.issuer, payload) };
}

export const accountsCredential = (ctx: CredentialContext, s: AccountsSubject) =>
  credential(ctx, 'FinancialAccountCredential', {
    accounts: s.accounts.map(({ account, numbers }) => fdxAccount(account, numbers, s.member.institution_guid)),
  });

export const identityCredential = (ctx: CredentialContext, owners: readonly OwnerRecord[]) =>
  credential(ctx, 'FinancialIdentityCredential', { customers: owners.map(fdxCustomer) });

export const transactionsCredential = (ctx: CredentialContext, s: TransactionsSubject) =>
  credential(ctx, 'FinancialTransactionCredential', {
    transactions: s.transactions.map((t) => fdxTransaction(s.account, t)),
  });
