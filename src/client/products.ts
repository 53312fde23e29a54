// Reading a member's data product by product, as the flow does after each successful job.
import { type MxClient, ok, type Schemas } from './client.js';
import { listAll } from './paginate.js';

export type Product = Schemas['MemberCreateRequestBody'] extends { data_request?: { products: (infer P)[] } }
  ? Exclude<P, 'history'>
  : never;
export const PRODUCTS: readonly Product[] = [
  'transactions',
  'transaction_history',
  'account_verification',
  'identity_verification',
  'statements',
  'investments',
  'rewards',
];

/** What was read, per product. */
export interface ProductData {
  accounts: Schemas['AccountResponse'][];
  transactions?: Schemas['TransactionIncludesResponse'][];
  account_numbers?: Schemas['AccountNumberResponse'][];
  account_owners?: Schemas['AccountOwnerResponse'][];
  statements?: Schemas['StatementResponse'][];
  investment_holdings?: Schemas['InvestmentHoldingResponse'][];
  rewards?: Schemas['RewardResponse'][];
}

/** Reads the accounts (balances always come back) and every requested product, all pages. */
export async function readProducts(
  { api }: MxClient,
  path: { user_identifier: string; member_identifier: string },
  products: readonly Product[],
): Promise<ProductData> {
  const guids = { user_guid: path.user_identifier, member_guid: path.member_identifier };
  const data: ProductData = {
    accounts: await listAll('accounts', (query) =>
      api.GET('/users/{user_identifier}/members/{member_identifier}/accounts', { params: { path, query } }),
    ),
  };
  const wants = new Set(products);
  if (wants.has('transactions') || wants.has('transaction_history')) {
    data.transactions = await listAll('transactions', (query) =>
      api.GET('/users/{user_identifier}/members/{member_identifier}/transactions', { params: { path, query } }),
    );
  }
  if (wants.has('account_verification')) {
    data.account_numbers = await listAll('account_numbers', (query) =>
      api.GET('/users/{user_guid}/members/{member_guid}/account_numbers', { params: { path: guids, query } }),
    );
  }
  if (wants.has('identity_verification')) {
    data.account_owners = await listAll('account_owners', (query) =>
      api.GET('/users/{user_identifier}/members/{member_identifier}/account_owners', { params: { path, query } }),
    );
  }
  if (wants.has('statements')) {
    data.statements = await listAll('statements', (query) =>
      api.GET('/users/{user_guid}/members/{member_guid}/statements', { params: { path: guids, query } }),
    );
  }
  if (wants.has('investments')) {
    data.investment_holdings = await listAll('investment_holdings', (query) =>
      api.GET('/users/{user_guid}/members/{member_guid}/investment_holdings', { params: { path: guids, query } }),
    );
  }
  if (wants.has('rewards')) {
    // MX's document gives rewards no paging parameters: one call.
    data.rewards = (
      await ok(api.GET('/users/{user_guid}/members/{member_guid}/rewards', { params: { path: guids } }))
    ).rewards;
  }
  return data;
}
