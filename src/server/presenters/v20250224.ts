// Record → wire body for v20250224. Records keep MX's field names, so this mostly selects fields.
import type { z } from '@hono/zod-openapi';
import type { CredentialField, InstitutionRecord } from '../data/institution.js';
import type { CredentialSchema, InstitutionSchema } from '../schemas/v20250224/institutions.js';
import type { UserSchema } from '../schemas/v20250224/users.js';
import type { UserRecord } from '../store/users.js';

export function institution(r: InstitutionRecord): z.infer<typeof InstitutionSchema> {
  return {
    code: r.code,
    created_at: r.created_at,
    forgot_password_url: r.forgot_password_url,
    forgot_username_url: r.forgot_username_url,
    guid: r.guid,
    instructional_text: r.instructional_text,
    instructional_text_steps: r.instructional_text_steps,
    is_disabled_by_client: r.is_disabled_by_client,
    is_hidden: r.is_hidden,
    iso_country_code: r.iso_country_code,
    medium_logo_url: r.medium_logo_url,
    name: r.name,
    small_logo_url: r.small_logo_url,
    supported_products: r.supported_products,
    supports_oauth: r.supports_oauth,
    supports_tax_document: r.supports_tax_document,
    trouble_signing_in_url: r.trouble_signing_in_url,
    url: r.url,
  };
}

export function credential(r: CredentialField): z.infer<typeof CredentialSchema> {
  return {
    display_order: r.display_order,
    field_name: r.field_name,
    field_type: r.field_type,
    guid: r.guid,
    label: r.label,
    type: r.type,
  };
}

export function user(r: UserRecord): z.infer<typeof UserSchema> {
  return { email: r.email, guid: r.guid, id: r.id, is_disabled: r.is_disabled, metadata: r.metadata };
}
