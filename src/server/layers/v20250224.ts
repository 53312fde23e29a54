// v20250224: `*_identifier` paths (guid or partner id), `supported_products`, plain application/json.
import { normalizeProduct, PRODUCT_INPUTS, type Product } from '../../mx/products.js';
import { errors } from '../errors.js';
import * as present from '../presenters/v20250224.js';
import { dateParam, mergeArrayParam, productListParam } from '../schemas/common.js';
import * as data from '../schemas/v20250224/data.js';
import * as institutions from '../schemas/v20250224/institutions.js';
import * as members from '../schemas/v20250224/members.js';
import * as users from '../schemas/v20250224/users.js';
import type { VersionLayer } from './layer.js';

function parseProducts(values: string[] | undefined): Product[] | undefined {
  if (!values) return undefined;
  return values.map((value) => {
    const product = normalizeProduct(value);
    if (!product) {
      throw errors.validation(
        `supported_products: '${value}' is not a product; use one of ${PRODUCT_INPUTS.join(', ')}`,
      );
    }
    return product;
  });
}

export const v20250224: VersionLayer = {
  version: 'v20250224',
  mediaType: 'application/json',
  versionHeader: {
    name: 'Accept-Version',
    in: 'header',
    required: false,
    description: 'MX Platform API version: required since 2026-08-12 (406 without it).',
    schema: { type: 'string', example: 'v20250224' },
  },
  param: (name) => name,
  // Only v20111101's document keeps the deprecated processor code endpoint and connect_widget_url.
  omits: new Set(['deprecatedRequestPaymentProcessorAuthorizationCode', 'requestConnectWidgetURL']),
  present,
  schemas: {
    UserCreateBody: users.UserCreateBodySchema,
    UserUpdateBody: users.UserUpdateBodySchema,
    MemberCreateBody: members.MemberCreateBodySchema,
    MemberUpdateBody: members.MemberUpdateBodySchema,
    MemberResumeBody: members.MemberResumeBodySchema,
    InstitutionBody: institutions.InstitutionBodySchema,
    InstitutionsBody: institutions.InstitutionsBodySchema,
    CredentialsBody: institutions.CredentialsBodySchema,
    UserBody: users.UserBodySchema,
    UsersBody: users.UsersBodySchema,
    MemberBody: members.MemberBodySchema,
    MemberCreatedBody: members.MemberCreatedBodySchema,
    MembersBody: members.MembersBodySchema,
    MemberStatusBody: members.MemberStatusBodySchema,
    ChallengesBody: members.ChallengesBodySchema,
    OAuthWindowBody: members.OAuthWindowBodySchema,
    AccountBody: data.AccountBodySchema,
    AccountsBody: data.AccountsBodySchema,
    AccountOwnersBody: data.AccountOwnersBodySchema,
    AccountNumbersBody: data.AccountNumbersBodySchema,
    TransactionBody: data.TransactionBodySchema,
    TransactionsBody: data.TransactionsBodySchema,
    StatementBody: data.StatementBodySchema,
    StatementsBody: data.StatementsBodySchema,
    HoldingBody: data.HoldingBodySchema,
    HoldingsBody: data.HoldingsBodySchema,
    RewardBody: data.RewardBodySchema,
    RewardsBody: data.RewardsBodySchema,
  },
  institutionProducts: {
    description: '`supported_products` (every value must be supported)',
    query: {
      supported_products: productListParam('supported_products'),
      'supported_products[]': productListParam('supported_products[]'),
    },
    products: (q) =>
      parseProducts(
        mergeArrayParam(
          q.supported_products as string[] | undefined,
          q['supported_products[]'] as string[] | undefined,
        ),
      ),
  },
  transactionQuery: {},
  memberTransactionQuery: {
    from_timestamp: dateParam('from_timestamp', 'Created at or after (same as from_created_at).'),
    to_timestamp: dateParam('to_timestamp', 'Created at or before (same as to_created_at).'),
  },
  aggregateQuery: {},
  honoursSkipAggregation: false,
};
