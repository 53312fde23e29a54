// Wire shapes of processor tokens (authorization codes, the token exchange, the processor's reads),
// verifiable credentials, credit card products and the holdings deactivation, named like MX's
// components. Both versions' documents declare them alike.
import { z } from '@hono/zod-openapi';
import { PaginationSchema } from '../../pagination.js';
import { ACCOUNT_TYPES, AccountNumberSchema, AccountOwnerSchema } from './data.js';

const str = () => z.string().nullable();
const SCOPE_EXAMPLE =
  'user-guid:USR-101ad774-288b-44ed-ad16-da87d522ea20 member-guid:MBR-54feffb9-8474-47bd-8442-de003910113a account-guid:ACT-32a64160-582a-4f00-ab34-5f49cc35ed35 read-protected';

export const AuthorizationCodeRequestBodySchema = z
  .object({
    authorization_code: z
      .object({
        scope: str().optional().openapi({
          description: 'The user, member and account guids the processor may read, and the feature `read-protected`.',
          example: SCOPE_EXAMPLE,
        }),
      })
      .openapi('AuthorizationCodeRequest'),
  })
  .openapi('AuthorizationCodeRequestBody');

export const AuthorizationCodeResponseBodySchema = z
  .object({
    authorization_code: z
      .object({ code: str().openapi({ example: '9nN-9D8_4Z3WYazx7-zXfmqsD3jwgL_2W927Sb3otI' }) })
      .openapi('AuthorizationCodeResponse'),
  })
  .openapi('AuthorizationCodeResponseBody');

const guid = (prefix: string) =>
  z
    .string()
    .min(1)
    .openapi({ example: `${prefix}-4d4c0068-33bc-4d06-bbd6-cd270fd0135c` });

export const PaymentProcessorAuthorizationCodeRequestBodySchema = z
  .object({
    payment_processor_authorization_code: z
      .object({ account_guid: guid('ACT'), member_guid: guid('MBR'), user_guid: guid('USR') })
      .openapi('PaymentProcessorAuthorizationCodeRequest'),
  })
  .openapi('PaymentProcessorAuthorizationCodeRequestBody');

export const PaymentProcessorAuthorizationCodeResponseBodySchema = z
  .object({
    payment_processor_authorization_code: z
      .object({ authorization_code: str().openapi({ example: '9nN-9D8_4Z3WYazx7-zXfmqsD3jwgL_2W927Sb3otI' }) })
      .openapi('PaymentProcessorAuthorizationCodeResponse'),
  })
  .openapi('PaymentProcessorAuthorizationCodeResponseBody');

export const TokenExchangeBodySchema = z
  .object({
    access_token: z.string().openapi({ example: 'DCOwM2Zxxc0YO507ZZqIiJ8gBN5HdSQG4_g3v3xjFlGUM' }),
    expires_at: z
      .string()
      .nullable()
      .openapi({ description: 'Always null, as MX answers; GET /tokens gives the expiry.' }),
    scope: z.string().openapi({ example: SCOPE_EXAMPLE }),
    token_type: z.literal('Bearer'),
  })
  .openapi('ProcessorTokenExchangeBody');

const MemberElements = {
  account_guid: z.string().openapi({ example: 'ACT-06d7f44b-caae-0f6e-1384-01f52e75dcb1' }),
  member_guid: z.string().openapi({ example: 'MBR-7c6f361b-e582-15b6-60c0-358f12466b4b' }),
  user_guid: z.string().openapi({ example: 'USR-fa7537f3-48aa-a683-a02a-b18940482f54' }),
};

export const TokenRequestBodySchema = z
  .object({ scope: z.object(MemberElements).partial().openapi('MemberElements') })
  .partial()
  .openapi('TokenRequestBody');

export const TokenResponseBodySchema = z
  .object({
    tokens: z.array(
      z
        .object({
          payment_processor_guid: z.string().openapi({ example: 'PPR-084aa709-8218-4b5a-b3ab-70ffc7483daf' }),
          expires_at: z.string().openapi({ example: '2026-04-19T15:38:28Z' }),
          access_token: z.string().openapi({ description: 'Its first five characters only.', example: 'i8FnF...' }),
          active: z.boolean(),
        })
        .openapi('TokenResponse'),
    ),
  })
  .openapi('TokenResponseBody');

/**
 * A member's account number fields (MX's ProcessorAccountNumber is MemberElements and them), with the account
 * and routing numbers as integers, as MX's document types them for processors: a leading zero is not kept.
 */
export const ProcessorAccountNumberBodySchema = z
  .object({
    account_numbers: z.array(
      z
        .object({
          ...AccountNumberSchema.shape,
          account_number: z.number().int().nullable().openapi({ example: 6366816006 }),
          routing_number: z
            .number()
            .int()
            .nullable()
            .openapi({ description: 'As an integer: a leading zero is not kept.', example: 91000019 }),
        })
        .openapi('ProcessorAccountNumber'),
    ),
  })
  .openapi('ProcessorAccountNumberBody');

export const PaymentAccountBodySchema = z
  .object({
    payment_account: z
      .object({
        ...MemberElements,
        account_name: z.string().openapi({ example: 'My test account' }),
        account_number: z.string().openapi({ example: '6366816006' }),
        account_type: z.enum(ACCOUNT_TYPES).nullable(),
        available_balance: z.number().nullable(),
        balance: z.number().openapi({ example: 1000 }),
        created_at: z.string().openapi({ example: '2025-02-13T18:08:00Z' }),
        routing_number: str().openapi({ example: '091000019' }),
        transit_number: str(),
        updated_at: str().openapi({ example: '2025-02-13T18:09:00Z' }),
      })
      .openapi('PaymentAccount'),
  })
  .openapi('PaymentAccountBody');

/** A member's account owners' fields (MX's ProcessorOwner is MemberElements and most of them). */
export const ProcessorOwnerBodySchema = z
  .object({ account_owners: z.array(AccountOwnerSchema.openapi('ProcessorOwner')), pagination: PaginationSchema })
  .openapi('ProcessorOwnerBody');

export const VC_MEDIA_TYPE = 'application/vnd.mx.api.v2beta+json';

export const VCResponseSchema = z
  .object({
    verifiableCredential: z.string().openapi({
      description: 'A JWT (EdDSA) whose payload `vc` is the W3C verifiable credential; see docs/payments.md.',
    }),
  })
  .openapi('VCResponse');

export const CreditCardProductResponseSchema = z
  .object({
    credit_card_product: z
      .object({
        annual_fee: z.number(),
        duration_of_introductory_rate_on_balance_transfer: z.number().int().nullable(),
        duration_of_introductory_rate_on_purchases: z.number().int().nullable(),
        guid: z.string().openapi({ example: 'CCA-b5bcd822-6d01-4e23-b8d6-846a225e714a' }),
        has_cashback_rewards: z.boolean(),
        has_other_rewards: z.boolean(),
        has_travel_rewards: z.boolean(),
        has_zero_introductory_annual_fee: z.boolean(),
        has_zero_percent_introductory_rate: z.boolean(),
        has_zero_percent_introductory_rate_on_balance_transfer: z.boolean(),
        is_accepting_applicants: z.boolean(),
        is_active_credit_card_product: z.boolean(),
        is_small_business_card: z.boolean(),
        name: z.string(),
      })
      .openapi('CreditCardProduct'),
  })
  .openapi('CreditCardProductResponse');

export const InvestmentHoldingsDeactivationSchema = z
  .object({
    message: z.string().openapi({ example: 'Successfully deactivated user from billing' }),
    status: z.number().int().openapi({ example: 200 }),
  })
  .openapi('InvestmentHoldingsDeactivation');
