// v20111101, selected by `Accept-Version: v20111101` (or, with --lenient-version, by
// `Accept: application/vnd.mx.api.v1+json` alone): `{user_guid}`-style paths (guids
// only), the `supports_*` institution filters, category filters on transactions, include_* flags on
// aggregate, no data_request, and JSON bodies in MX's vendor media type. Same state as v20250224.
import type { Product } from '../../mx/products.js';
import { V1_MEDIA_TYPE } from '../../mx/versions.js';
import * as present from '../presenters/v20111101.js';
import { booleanQuery, multiValue } from '../schemas/common.js';
import * as data from '../schemas/v20111101/data.js';
import * as institutions from '../schemas/v20111101/institutions.js';
import * as members from '../schemas/v20111101/members.js';
import type { VersionLayer } from './layer.js';
import { v20250224 } from './v20250224.js';

/** v20250224's `*_identifier` path parameters are guids in v20111101. */
const PARAMS: Record<string, string> = {
  user_identifier: 'user_guid',
  member_identifier: 'member_guid',
  account_identifier: 'account_guid',
  transaction_identifier: 'transaction_guid',
  institution_identifier: 'institution_code',
};

const SUPPORTS: Record<string, Product> = {
  supports_account_identification: 'identity_verification',
  supports_account_statement: 'statements',
  supports_account_verification: 'account_verification',
  supports_transaction_history: 'transaction_history',
};

const flag = (name: string, description: string) =>
  booleanQuery.openapi({ param: { name, in: 'query', description }, type: 'boolean' });

const listParam = (name: string, description: string) =>
  multiValue.openapi({
    param: { name, in: 'query', style: 'form', explode: true, description },
    type: 'array',
    items: { type: 'string' },
  });

export const v20111101: VersionLayer = {
  version: 'v20111101',
  mediaType: V1_MEDIA_TYPE,
  versionHeader: {
    name: 'Accept-Version',
    in: 'header',
    required: false,
    description: `MX Platform API version: required since 2026-08-12 (406 without it). Send it with \`Accept: ${V1_MEDIA_TYPE}\`.`,
    schema: { type: 'string', example: 'v20111101' },
  },
  param: (name) => PARAMS[name] ?? name,
  // Operations MX added in v20250224.
  omits: new Set([
    'listTransactionsByAccountPerMember',
    'readTransactionByAccount',
    'createSplitTransactionsByAccount',
    'deleteSplitTransactionByAccount',
    'mergeAccounts',
  ]),
  present,
  schemas: {
    ...v20250224.schemas,
    MemberCreateBody: members.MemberCreateBodySchema,
    InstitutionBody: institutions.InstitutionBodySchema,
    InstitutionsBody: institutions.InstitutionsBodySchema,
    AccountBody: data.AccountBodySchema,
    AccountsBody: data.AccountsBodySchema,
    RewardBody: data.RewardBodySchema,
    RewardsBody: data.RewardsBodySchema,
  },
  institutionProducts: {
    description: `the \`supports_*\` flags (each one set to true must be supported)`,
    query: Object.fromEntries(
      Object.entries(SUPPORTS).map(([name, product]) => [
        name,
        flag(name, `Only institutions that support ${product} (true); false is no filter.`),
      ]),
    ),
    products(q) {
      const wanted = Object.entries(SUPPORTS).flatMap(([name, product]) => (q[name] === true ? [product] : []));
      return wanted.length ? wanted : undefined;
    },
  },
  transactionQuery: {
    category_guid: listParam('category_guid', 'Only transactions in this category (`CAT-…`).'),
    'category_guid[]': listParam('category_guid[]', 'Only transactions in any of these categories.'),
    top_level_category_guid: listParam('top_level_category_guid', 'Only transactions under this top-level category.'),
    'top_level_category_guid[]': listParam(
      'top_level_category_guid[]',
      'Only transactions under any of these top-level categories.',
    ),
  },
  memberTransactionQuery: {},
  aggregateQuery: {
    include_holdings: flag('include_holdings', '`false`: holdings keep the prices of the last job that gathered them.'),
    include_transactions: flag(
      'include_transactions',
      '`false`: balances are refreshed, but no new transactions are gathered.',
    ),
  },
  honoursSkipAggregation: true,
};
