// v20250224 wire shapes for institutions and their credentials.
import { z } from '@hono/zod-openapi';
import { PRODUCTS } from '../../../mx/products.js';
import { PaginationSchema } from '../../pagination.js';

export const InstitutionSchema = z
  .object({
    code: z.string().nullable().openapi({ example: 'mxbank' }),
    created_at: z.string().openapi({ example: '2025-02-13T18:08:00+00:00' }),
    forgot_password_url: z.string().nullable(),
    forgot_username_url: z.string().nullable(),
    guid: z.string().openapi({ example: 'INS-1572a04c-912b-59bf-5841-332c7dfafaef' }),
    instructional_text: z.string().nullable(),
    instructional_text_steps: z.array(z.string()).nullable(),
    is_disabled_by_client: z.boolean().nullable(),
    is_hidden: z.boolean(),
    iso_country_code: z.enum(['US', 'CA']),
    medium_logo_url: z.string().nullable(),
    name: z.string().nullable().openapi({ example: 'MX Bank' }),
    small_logo_url: z.string().nullable(),
    supported_products: z.array(z.enum(PRODUCTS)),
    supports_oauth: z.boolean().nullable(),
    supports_tax_document: z.boolean().nullable(),
    trouble_signing_in_url: z.string().nullable(),
    url: z.string().nullable().openapi({ example: 'https://www.mxbank.com' }),
  })
  .openapi('InstitutionResponse');

export const InstitutionBodySchema = z.object({ institution: InstitutionSchema }).openapi('InstitutionResponseBody');

export const InstitutionsBodySchema = z
  .object({ institutions: z.array(InstitutionSchema), pagination: PaginationSchema })
  .openapi('InstitutionsResponseBody');

export const CredentialSchema = z
  .object({
    display_order: z.number().int().nullable().openapi({ example: 1 }),
    field_name: z.string().nullable().openapi({ example: 'LOGIN' }),
    field_type: z.string().nullable().openapi({ example: 'TEXT' }),
    guid: z.string().nullable().openapi({ example: 'CRD-9f61fb4c-912c-bd1e-b175-ccc7f0275cc1' }),
    label: z.string().nullable().openapi({ example: 'Username' }),
    type: z.string().nullable().openapi({ example: 'TEXT' }),
  })
  .openapi('CredentialResponse');

export const CredentialsBodySchema = z
  .object({ credentials: z.array(CredentialSchema), pagination: PaginationSchema })
  .openapi('CredentialsResponseBody');
