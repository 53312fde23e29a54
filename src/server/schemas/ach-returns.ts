// ACH return wire shapes, the same in both versions, under MX's component names.
import { z } from '@hono/zod-openapi';
import { ACCOUNT_TYPES } from '../../mx/accounts.js';
import { PaginationSchema } from '../pagination.js';

const required = (example: string) => z.string().min(1, 'must not be empty').max(1024).openapi({ example });
const optional = (example: string | null) => z.string().max(1024).nullable().optional().openapi({ example });

export const AchReturnCreateRequestSchema = z
  .object({
    account_guid: required('ACT-06d7f44b-caae-0f6e-1384-01f52e75dcb1'),
    account_number_last_four: z
      .string()
      .regex(/^\d{4}$/, 'must be the last 4 digits of the account number')
      .nullable()
      .optional()
      .openapi({ example: '1234' }),
    ach_initiated_at: optional('2025-02-13T18:08:00+00:00'),
    corrected_account_number: optional(null),
    corrected_routing_number: z
      .string()
      .regex(/^\d{9}$/, 'must be a 9-digit routing number')
      .nullable()
      .optional()
      .openapi({ example: null }),
    id: required('client_ach_id_1234'),
    member_guid: required('MBR-7c6f361b-e582-15b6-60c0-358f12466b4b'),
    return_account_number: optional(null),
    return_code: z
      .string()
      .regex(/^(R\d{2}|C\d{2}|NOC)$/, 'must be an ACH return code (R01…R99), a notice of change code (C01…C99) or NOC')
      .openapi({ example: 'R01' }),
    return_notes: optional(null),
    return_routing_number: optional(null),
    returned_at: optional('2025-02-13T18:09:00+00:00'),
    sec_code: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be a three-letter SEC code such as PPD or WEB')
      .nullable()
      .optional()
      .openapi({ example: 'PPD' }),
    transaction_amount: z.number().nullable().optional().openapi({ example: 225.84 }),
    transaction_amount_range: z.number().nullable().optional().openapi({ example: 0 }),
    user_guid: required('USR-fa7537f3-48aa-a683-a02a-b18940482f54'),
  })
  .openapi('ACHReturnCreateRequest');

export const AchReturnCreateBodySchema = z
  .object({ ach_return: AchReturnCreateRequestSchema })
  .openapi('ACHReturnCreateRequestBody');

const str = (example: string | null) => z.string().nullable().openapi({ example });

export const AchReturnSchema = z
  .object({
    account_guid: z.string().openapi({ example: 'ACT-06d7f44b-caae-0f6e-1384-01f52e75dcb1' }),
    account_number_last_four: str('1234'),
    account_type: z.enum(ACCOUNT_TYPES).nullable().openapi({ example: 'CHECKING' }),
    ach_initiated_at: str('2025-02-13T18:08:00+00:00'),
    client_guid: z.string().openapi({ example: 'CLT-abcd-1234' }),
    corrected_account_number: str(null),
    corrected_routing_number: str(null),
    created_at: z.string().openapi({ example: '2025-02-13T18:08:00Z' }),
    guid: z.string().openapi({ example: 'ACH-d74cb14f-fd0a-449f-991b-e0362a63d9c6' }),
    id: z.string().openapi({ example: 'client_ach_return_id_1234' }),
    institution_guid: z.string().openapi({ example: 'INS-34r4f44b-cfge-0f6e-3484-21f47e45tfv7' }),
    investigation_notes: str(null),
    member_guid: z.string().openapi({ example: 'MBR-7c6f361b-e582-15b6-60c0-358f12466b4b' }),
    processing_errors: str(null),
    resolution_code: str(null),
    resolution_detail: str(null),
    resolved_status_at: str(null),
    return_code: z.string().openapi({ example: 'R01' }),
    return_notes: str(null),
    return_account_number: str(null),
    return_routing_number: str(null),
    return_status: z.string().nullable().openapi({ example: 'SUBMITTED' }),
    returned_at: str('2025-02-13T18:09:00+00:00'),
    sec_code: str('PPD'),
    started_processing_at: str(null),
    submitted_at: str('2025-02-13T18:08:00Z'),
    transaction_amount: z.number().nullable().openapi({ example: 225.84 }),
    updated_at: z.string().openapi({ example: '2025-02-13T18:08:00Z' }),
    user_guid: z.string().openapi({ example: 'USR-fa7537f3-48aa-a683-a02a-b18940482f54' }),
  })
  .openapi('ACHResponse');

export const AchReturnBodySchema = z.object({ ach_return: AchReturnSchema }).openapi('ACHReturnResponseBody');

export const AchReturnsBodySchema = z
  .object({ ach_returns: z.array(AchReturnSchema), pagination: PaginationSchema })
  .openapi('ACHReturnsResponseBody');
