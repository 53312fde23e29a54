// Record → wire body for v20250224. Records keep MX's field names, so this mostly selects fields.
import type { z } from '@hono/zod-openapi';
import { isoTime } from '../clock.js';
import type { CredentialField, InstitutionRecord } from '../data/institution.js';
import type { Challenge } from '../engine/challenges.js';
import { statusMessage } from '../engine/statuses.js';
import type { CredentialSchema, InstitutionSchema } from '../schemas/v20250224/institutions.js';
import type { ChallengeSchema, MemberSchema, MemberStatusSchema } from '../schemas/v20250224/members.js';
import type { UserSchema } from '../schemas/v20250224/users.js';
import type { MemberRecord } from '../store/members.js';
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

const iso = (ms: number | null) => (ms === null ? null : isoTime(ms));

export function member(m: MemberRecord, u: UserRecord): z.infer<typeof MemberSchema> {
  const s = m.state;
  return {
    aggregated_at: iso(s.aggregated_at),
    background_aggregation_is_disabled: m.background_aggregation_is_disabled,
    connection_status: s.connection_status,
    connection_status_message: s.connection_status ? statusMessage(s.connection_status, m.name) : null,
    guid: m.guid,
    id: m.id,
    institution_code: m.institution_code,
    institution_guid: m.institution_guid,
    is_being_aggregated: s.is_being_aggregated,
    is_managed_by_user: false,
    is_manual: false,
    is_oauth: m.is_oauth,
    metadata: m.metadata,
    most_recent_job_detail_code: null,
    most_recent_job_detail_text: null,
    most_recent_job_guid: s.most_recent_job_guid,
    name: m.name,
    needs_updated_credentials: s.needs_updated_credentials,
    oauth_window_uri: m.oauth_window_uri,
    successfully_aggregated_at: iso(s.successfully_aggregated_at),
    use_cases: m.use_cases,
    user_guid: u.guid,
    user_id: u.id,
  };
}

export function challenge(ch: Challenge): z.infer<typeof ChallengeSchema> {
  return {
    field_name: ch.field_name,
    guid: ch.guid,
    image_data: ch.image_data,
    image_options: ch.image_options.map((o) => ({
      data_uri: o.data_uri ?? null,
      guid: o.guid,
      label: o.label,
      value: o.value,
    })),
    label: ch.label,
    options: ch.options.map((o) => ({ guid: o.guid, label: o.label, value: o.value })),
    type: ch.type,
  };
}

export function memberStatus(m: MemberRecord): z.infer<typeof MemberStatusSchema> {
  const s = m.state;
  return {
    aggregated_at: iso(s.aggregated_at),
    ...(s.connection_status === 'CHALLENGED' ? { challenges: s.challenges.map(challenge) } : {}),
    connection_status: s.connection_status,
    connection_status_message: s.connection_status ? statusMessage(s.connection_status, m.name) : null,
    guid: m.guid,
    has_processed_account_numbers: s.has_processed_account_numbers,
    has_processed_accounts: s.has_processed_accounts,
    has_processed_transactions: s.has_processed_transactions,
    is_authenticated: s.is_authenticated,
    is_being_aggregated: s.is_being_aggregated,
    successfully_aggregated_at: iso(s.successfully_aggregated_at),
  };
}
