// The institution record, kept with MX's field names.
import type { Product } from '../../mx/products.js';

export interface CredentialField {
  guid: string;
  field_name: string;
  field_type: string;
  label: string;
  type: string;
  display_order: number;
}

export interface InstitutionRecord {
  guid: string;
  code: string;
  name: string;
  url: string | null;
  forgot_password_url: string | null;
  forgot_username_url: string | null;
  trouble_signing_in_url: string | null;
  instructional_text: string | null;
  instructional_text_steps: string[] | null;
  iso_country_code: 'US' | 'CA';
  medium_logo_url: string | null;
  small_logo_url: string | null;
  supported_products: Product[];
  supports_oauth: boolean;
  supports_tax_document: boolean;
  is_hidden: boolean;
  is_disabled_by_client: boolean;
  created_at: string;
  /** Required login fields, in display order; empty for OAuth-only institutions. */
  credentials: CredentialField[];
}
