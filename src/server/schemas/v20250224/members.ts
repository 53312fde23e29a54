// v20250224 wire shapes for members, their status, challenges and OAuth window.
import { z } from '@hono/zod-openapi';
import { PRODUCT_INPUTS } from '../../../mx/products.js';
import { CONNECTION_STATUSES } from '../../../mx/statuses.js';
import { PaginationSchema } from '../../pagination.js';

const USE_CASES = ['MONEY_MOVEMENT', 'PFM'] as const;

export const CredentialRequestSchema = z
  .object({
    guid: z.string().min(1, 'must not be empty').openapi({ example: 'CRD-9f61fb4c-912c-bd1e-b175-ccc7f0275cc1' }),
    value: z.string().openapi({ example: 'mxuser' }),
  })
  .openapi('CredentialRequest');

const memberId = z.string().min(1, 'must not be empty').max(1024);

export const MemberCreateRequestSchema = z
  .object({
    background_aggregation_is_disabled: z.boolean().optional(),
    credentials: z.array(CredentialRequestSchema).optional(),
    id: memberId.optional(),
    institution_code: z.string().min(1, 'must not be empty').openapi({ example: 'mxbank' }),
    is_oauth: z.boolean().optional(),
    metadata: z.string().optional(),
    skip_aggregation: z.boolean().optional().openapi({
      description:
        'v20111101: create the member without starting a job. v20250224 no longer uses it (MX migration guide): accepted and ignored, the member aggregates.',
    }),
    use_cases: z.array(z.enum(USE_CASES)).optional(),
  })
  .openapi('MemberCreateRequest');

export const MemberCreateBodySchema = z
  .object({
    client_redirect_url: z.string().optional(),
    data_request: z
      .object({ products: z.array(z.enum(PRODUCT_INPUTS as [string, ...string[]])) })
      .optional()
      .openapi({ description: 'The products to gather. Defaults to transactions.' }),
    enable_app2app: z.boolean().optional(),
    member: MemberCreateRequestSchema,
    referral_source: z.string().optional(),
    ui_message_webview_url_scheme: z.string().optional(),
  })
  .openapi('MemberCreateRequestBody');

export const MemberUpdateBodySchema = z
  .object({
    member: z
      .object({
        background_aggregation_is_disabled: z.boolean().optional(),
        credentials: z.array(CredentialRequestSchema).optional(),
        id: memberId.nullable().optional(),
        metadata: z.string().nullable().optional(),
        skip_aggregation: z.boolean().optional().openapi({
          description:
            'v20111101: new credentials without starting a job. v20250224 no longer uses it (MX migration guide): accepted and ignored.',
        }),
        use_cases: z.array(z.enum(USE_CASES)).optional(),
      })
      .openapi('MemberUpdateRequest'),
  })
  .openapi('MemberUpdateRequestBody');

export const MemberResumeBodySchema = z
  .object({
    member: z
      .object({ challenges: z.array(CredentialRequestSchema).min(1, 'must answer at least one challenge') })
      .openapi('MemberResumeRequest'),
  })
  .openapi('MemberResumeRequestBody');

const statusEnum = z.enum(CONNECTION_STATUSES).nullable();

export const MemberSchema = z
  .object({
    aggregated_at: z.string().nullable().openapi({ example: '2026-01-15T12:00:00.000Z' }),
    background_aggregation_is_disabled: z.boolean(),
    connection_status: statusEnum,
    connection_status_message: z.string().nullable(),
    guid: z.string().nullable().openapi({ example: 'MBR-7c6f361b-e582-15b6-60c0-358f12466b4b' }),
    id: z.string().nullable(),
    institution_code: z.string().nullable(),
    institution_guid: z.string(),
    is_being_aggregated: z.boolean().nullable(),
    is_managed_by_user: z.boolean().nullable(),
    is_manual: z.boolean().nullable(),
    is_oauth: z.boolean().nullable(),
    metadata: z.string().nullable(),
    most_recent_job_detail_code: z.number().int().nullable(),
    most_recent_job_detail_text: z.boolean().nullable(),
    most_recent_job_guid: z.string().nullable(),
    name: z.string().nullable(),
    needs_updated_credentials: z.boolean().nullable(),
    oauth_window_uri: z.string().nullable(),
    successfully_aggregated_at: z.string().nullable(),
    use_cases: z.array(z.enum(USE_CASES)),
    user_guid: z.string().nullable(),
    user_id: z.string().nullable(),
  })
  .openapi('MemberResponse');

export const MemberBodySchema = z.object({ member: MemberSchema }).openapi('MemberResponseBody');
/** Create member's 201: the member, and MX's error object saying which `data_request` products failed. */
export const MemberCreatedBodySchema = z
  .object({
    member: MemberSchema,
    error: z
      .object({
        message: z.string().openapi({
          example:
            'data_request.products: mxcu_credential does not support rewards (it supports transactions); member MBR-… was created without it. Ask for supported products only, or use another institution.',
        }),
        status: z.string().openapi({ example: 'bad_request' }),
        type: z.string().openapi({ example: 'unsupported_product' }),
      })
      .openapi({ description: 'What could not be done: the products of `data_request` that failed.' }),
  })
  .openapi('MemberCreatedResponseBody');
export const MembersBodySchema = z
  .object({ members: z.array(MemberSchema), pagination: PaginationSchema })
  .openapi('MembersResponseBody');

const OptionSchema = z
  .object({ guid: z.string().nullable(), label: z.string().nullable(), value: z.string().nullable() })
  .openapi('OptionResponse');
const ImageOptionSchema = z
  .object({
    data_uri: z.string().nullable(),
    guid: z.string().nullable(),
    label: z.string().nullable(),
    value: z.string().nullable(),
  })
  .openapi('ImageOptionResponse');

export const ChallengeSchema = z
  .object({
    field_name: z.string().nullable(),
    guid: z.string().nullable(),
    image_data: z.string().nullable(),
    image_options: z.array(ImageOptionSchema),
    label: z.string().nullable(),
    options: z.array(OptionSchema),
    type: z.string().nullable().openapi({ example: 'TEXT' }),
  })
  .openapi('ChallengeResponse');

export const ChallengesBodySchema = z
  .object({ challenges: z.array(ChallengeSchema), pagination: PaginationSchema })
  .openapi('ChallengesResponseBody');

export const MemberStatusSchema = z
  .object({
    aggregated_at: z.string().nullable(),
    challenges: z.array(ChallengeSchema).optional().openapi({ description: 'Present only while CHALLENGED.' }),
    connection_status: statusEnum,
    connection_status_message: z.string().nullable(),
    guid: z.string().nullable(),
    has_processed_account_numbers: z.boolean().nullable(),
    has_processed_accounts: z.boolean().nullable(),
    has_processed_transactions: z.boolean().nullable(),
    is_authenticated: z.boolean().nullable(),
    is_being_aggregated: z.boolean().nullable(),
    successfully_aggregated_at: z.string().nullable(),
  })
  .openapi('MemberStatusResponse');

export const MemberStatusBodySchema = z.object({ member: MemberStatusSchema }).openapi('MemberStatusResponseBody');

export const OAuthWindowBodySchema = z
  .object({
    member: z
      .object({ guid: z.string().nullable(), oauth_window_uri: z.string().nullable() })
      .openapi('OAuthWindowResponse'),
  })
  .openapi('OAuthWindowResponseBody');
