// v20111101 wire shapes for institutions: the four `supports_*` product booleans where v20250224 has
// `supported_products`, and no `guid`, `created_at` or `is_hidden`.
import { z } from '@hono/zod-openapi';
import { PaginationSchema } from '../../pagination.js';
import { InstitutionSchema as V25InstitutionSchema } from '../v20250224/institutions.js';

const { created_at, guid, is_hidden, supported_products, ...shared } = V25InstitutionSchema.shape;

// A new object (not `.omit`/`.extend`), so the document does not derive it from v20250224's component.
export const InstitutionSchema = z
  .object({
    ...shared,
    iso_country_code: z.string().nullable().openapi({ example: 'US' }),
    supports_account_identification: z.boolean().nullable().openapi({ description: 'identity_verification' }),
    supports_account_statement: z.boolean().nullable().openapi({ description: 'statements' }),
    supports_account_verification: z.boolean().nullable().openapi({ description: 'account_verification' }),
    supports_transaction_history: z.boolean().nullable().openapi({ description: 'transaction_history' }),
  })
  .openapi('InstitutionResponse');

export const InstitutionBodySchema = z.object({ institution: InstitutionSchema }).openapi('InstitutionResponseBody');

export const InstitutionsBodySchema = z
  .object({ institutions: z.array(InstitutionSchema), pagination: PaginationSchema })
  .openapi('InstitutionsResponseBody');
