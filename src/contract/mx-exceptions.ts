// Where MX's official documents are known to be wrong, the correction the contract checks apply,
// with the reason. Each entry is a recorded, justified exception; keep this list short.
import { PROPERTY_TYPES } from '../mx/accounts.js';
import type { SpecException } from './validator.js';

/** Processor tokens, the same in both documents: the token exchange MX's processor guide documents is in neither. */
const PROCESSOR_EXCEPTIONS = (media: string): readonly SpecException[] => [
  {
    pointer: '/paths',
    patch: {
      '/token': {
        post: {
          operationId: 'requestProcessorAccessToken',
          parameters: [
            { name: 'grant_type', in: 'query', schema: { type: 'string' } },
            { name: 'code', in: 'query', schema: { type: 'string' } },
          ],
          responses: {
            '200': {
              description: 'OK',
              content: {
                [media]: {
                  schema: {
                    type: 'object',
                    required: ['access_token', 'token_type'],
                    properties: {
                      access_token: { type: 'string' },
                      expires_at: { type: 'string', nullable: true },
                      scope: { type: 'string' },
                      token_type: { type: 'string' },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    reason:
      "MX's processor guide has processors exchange the code at POST /token?grant_type=authorization_code&code=… " +
      "(Basic processor_id:api_key) and shows the answer; the document lists the token's reads but not the exchange.",
  },
];

/**
 * A microdeposit shows null for what it was not given: a pre-initiated one has no account yet, one created
 * without an email or name has none, and MX's field list says institution_code and institution_name are
 * null for a routing number no institution in MX's system has. The documents type these as plain strings.
 */
const MICRODEPOSIT_NULLABLE: readonly SpecException[] = [
  ...['account_name', 'account_number', 'account_type', 'email', 'first_name', 'last_name', 'routing_number'].map(
    (field) => ({
      pointer: `/components/schemas/MicrodepositElements/properties/${field}`,
      patch: { nullable: true },
      reason: 'A microdeposit shows null for a field it was not given (a pre-initiated one has no account yet).',
    }),
  ),
  ...['institution_code', 'institution_name'].map((field) => ({
    pointer: `/components/schemas/MicrodepositResponse/properties/${field}`,
    patch: { nullable: true },
    reason: "MX's microdeposit field list says it may be null when the institution is not in MX's system.",
  })),
];

/**
 * A transaction's `repeating_transaction.recurrence_type` (includes=repeating_transactions): the enum lists
 * EVERY_OTHER_WEEK alone, while the repeating transactions endpoint's own example is EVERY_MONTH and the
 * field links to MX's list of supported recurrence types. mx-sim uses EVERY_OTHER_WEEK and EVERY_MONTH.
 */
const RECURRENCE_TYPES: SpecException = {
  pointer:
    '/components/schemas/TransactionIncludesResponse/allOf/1/properties/repeating_transaction/properties/recurrence_type',
  patch: { enum: ['EVERY_OTHER_WEEK', 'EVERY_MONTH'] },
  reason:
    "The transaction includes' recurrence_type enum lists only EVERY_OTHER_WEEK; the repeating transactions " +
    "endpoint's example is EVERY_MONTH and the field refers to MX's list of supported recurrence types.",
};

export const MX_V20250224_EXCEPTIONS: readonly SpecException[] = [
  ...PROCESSOR_EXCEPTIONS('application/json'),
  ...MICRODEPOSIT_NULLABLE,
  RECURRENCE_TYPES,
  {
    pointer: '/components/schemas/UserResponse/properties/email',
    patch: { nullable: true },
    reason:
      'A user created without an email has no email; the document types it as a non-nullable string, ' +
      'while every other optional user field (id, metadata) is nullable. mx-sim answers null.',
  },
  {
    pointer: '/paths/~1users~1{user_identifier}~1members~1{member_identifier}~1challenges/get/responses',
    patch: { '204': { description: 'No Content' } },
    reason:
      "The operation's own description says it answers 204 No Content when the member is not CHALLENGED, " +
      'but only 200 is declared.',
  },
  {
    pointer: '/paths/~1users~1{user_identifier}~1members/post/responses',
    patch: {
      '201': {
        description: 'Created, but a product in data_request failed',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/MemberResponseBody' } } },
      },
    },
    reason:
      "MX's create-member reference page answers 201 when the member was created but a product in " +
      'data_request failed; the document declares only 200 and 202.',
  },
  {
    pointer: '/components/schemas/AccountResponse/properties/property_type',
    patch: {
      enum: [...PROPERTY_TYPES, null],
    },
    reason:
      'property_type is declared nullable (only PROPERTY accounts have one), but its enum omits null, so no ' +
      'checking, savings or card account could validate; account_ownership next to it lists null in its enum.',
  },
  {
    pointer: '/components/parameters/supportedProducts/schema/items',
    patch: {
      enum: [
        'account_verification',
        'identity_verification',
        'transactions',
        'history',
        'transaction_history',
        'statements',
        'investments',
        'rewards',
      ],
    },
    reason:
      "The institution search's supported_products filter lists 'history', while the response's " +
      "SupportedProducts enum, data_request.products and MX's migration guide all say 'transaction_history'; " +
      'a client that filters by the product it will request must not be flagged. Both are accepted.',
  },
];

export const MX_V20111101_EXCEPTIONS: readonly SpecException[] = [
  ...PROCESSOR_EXCEPTIONS('application/vnd.mx.api.v1+json'),
  ...MICRODEPOSIT_NULLABLE,
  RECURRENCE_TYPES,
  {
    pointer: '/components/schemas/MemberResponse/properties/most_recent_job_guid',
    patch: { type: 'string' },
    reason:
      'A job guid (JOB-…) is a string; the document types it as a boolean. Its own example is a JOB- string, ' +
      'and v20250224 corrects the type to string.',
  },
  {
    pointer: '/paths/~1users~1{user_guid}~1members~1{member_guid}~1challenges/get/responses',
    patch: { '204': { description: 'No Content' } },
    reason:
      "The operation's own description says it answers 204 No Content when the member is not CHALLENGED, " +
      'but only 200 is declared.',
  },
];

/** The corrections per API version. */
export const MX_EXCEPTIONS = {
  v20250224: MX_V20250224_EXCEPTIONS,
  v20111101: MX_V20111101_EXCEPTIONS,
} as const;
