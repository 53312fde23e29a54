// The built-in institution catalogue: MX's test institutions, the simulator's own `simbank`, and a
// seeded population of realistic institutions.
import type { Faker } from '@faker-js/faker';
import { PRODUCTS, type Product } from '../../mx/products.js';
import { seededFaker, stableGuid } from './ids.js';
import type { CredentialField, InstitutionRecord } from './institution.js';

/** MX's real credential guids for MX Bank, so code that hard-codes them works unchanged. */
export const MXBANK_LOGIN_GUID = 'CRD-9f61fb4c-912c-bd1e-b175-ccc7f0275cc1';
export const MXBANK_PASSWORD_GUID = 'CRD-e3d7ea81-aac7-05e9-fbdd-4b493c6e474d';

const LOGO = (size: 50 | 100, guid: string) =>
  `https://content.moneydesktop.com/storage/MD_Assets/Ipad%20Logos/${size}x${size}/${guid}_${size}x${size}.png`;

export function loginPassword(code: string, loginGuid?: string, passwordGuid?: string): CredentialField[] {
  return [
    {
      guid: loginGuid ?? stableGuid('CRD', 'credential', code, 'LOGIN'),
      field_name: 'LOGIN',
      field_type: 'TEXT',
      label: 'Username',
      type: 'TEXT',
      display_order: 1,
    },
    {
      guid: passwordGuid ?? stableGuid('CRD', 'credential', code, 'PASSWORD'),
      field_name: 'PASSWORD',
      field_type: 'PASSWORD',
      label: 'Password',
      type: 'PASSWORD',
      display_order: 2,
    },
  ];
}

export interface InstitutionSeed {
  code: string;
  name: string;
  guid?: string;
  url: string;
  products: readonly Product[];
  oauth: boolean;
  country?: 'US' | 'CA';
  credentials: CredentialField[];
  instructions?: string | null;
  createdAt: string;
  hidden?: boolean;
}

export function build(seed: InstitutionSeed): InstitutionRecord {
  const guid = seed.guid ?? stableGuid('INS', 'institution', seed.code);
  const host = seed.url.replace(/\/$/, '');
  return {
    guid,
    code: seed.code,
    name: seed.name,
    url: seed.url,
    forgot_password_url: `${host}/forgot-password`,
    forgot_username_url: `${host}/forgot-username`,
    trouble_signing_in_url: `${host}/login-trouble`,
    instructional_text: seed.instructions ?? null,
    instructional_text_steps: seed.instructions ? [seed.instructions] : null,
    iso_country_code: seed.country ?? 'US',
    medium_logo_url: LOGO(100, guid),
    small_logo_url: LOGO(50, guid),
    supported_products: [...seed.products],
    supports_oauth: seed.oauth,
    supports_tax_document: seed.products.includes('statements'),
    is_hidden: seed.hidden ?? false,
    is_disabled_by_client: false,
    created_at: seed.createdAt,
    credentials: seed.credentials,
  };
}

/** MX's test institutions (docs/mx-behaviour.md#test-institutions) and the simulator-only `simbank`. */
export function testInstitutions(): InstitutionRecord[] {
  return [
    build({
      code: 'mxbank',
      name: 'MX Bank',
      guid: 'INS-1572a04c-912b-59bf-5841-332c7dfafaef',
      url: 'https://www.mxbank.com',
      products: PRODUCTS,
      oauth: false,
      credentials: loginPassword('mxbank', MXBANK_LOGIN_GUID, MXBANK_PASSWORD_GUID),
      instructions: 'Use the username mxuser; the password chooses the test outcome (see the MX Bank table).',
      createdAt: '2016-10-13T18:07:57+00:00',
    }),
    build({
      code: 'mx_bank_oauth',
      name: 'MX Bank (OAuth)',
      url: 'https://www.mxbank.com',
      products: PRODUCTS,
      oauth: true,
      credentials: [],
      createdAt: '2019-05-02T16:21:09+00:00',
    }),
    build({
      code: 'mxcu_oauth',
      name: 'MXCU (OAuth)',
      url: 'https://www.mxcu.com',
      products: PRODUCTS,
      oauth: true,
      credentials: [],
      createdAt: '2023-03-14T15:00:00+00:00',
    }),
    build({
      code: 'mxcu_credential',
      name: 'MXCU (Credential)',
      url: 'https://www.mxcu.com',
      products: PRODUCTS,
      oauth: false,
      credentials: loginPassword('mxcu_credential'),
      createdAt: '2023-03-14T15:00:00+00:00',
    }),
    build({
      code: 'simbank',
      name: 'Simulator Bank',
      url: 'https://simbank.example.com',
      products: PRODUCTS,
      oauth: false,
      credentials: loginPassword('simbank'),
      instructions:
        'mx-sim test institution: a password that names a connection status (e.g. DEGRADED) ends the job in that status.',
      createdAt: '2026-01-01T00:00:00+00:00',
    }),
  ];
}

const KINDS = [
  'Bank',
  'Credit Union',
  'Federal Credit Union',
  'Savings Bank',
  'National Bank',
  'Bank & Trust',
  'Community Bank',
  'Investments',
  'Card Services',
] as const;

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

function pickProducts(f: Faker, kind: string): Product[] {
  const has = (p: number) => f.number.float({ min: 0, max: 1 }) < p;
  const products: Product[] = [];
  const investmentsOnly = kind === 'Investments';
  if (!investmentsOnly || has(0.5)) products.push('transactions');
  if (has(0.7)) products.push('account_verification');
  if (has(0.6)) products.push('identity_verification');
  if (has(0.5)) products.push('transaction_history');
  if (has(0.4)) products.push('statements');
  if (investmentsOnly || has(0.3)) products.push('investments');
  if (kind === 'Card Services' || has(0.15)) products.push('rewards');
  return PRODUCTS.filter((p) => products.includes(p));
}

function pickCredentials(f: Faker, code: string): CredentialField[] {
  const fields = loginPassword(code);
  const extra = f.helpers.weightedArrayElement([
    { weight: 8, value: null },
    { weight: 1, value: { field_name: 'MEMBER_NUMBER', label: 'Member Number', type: 'TEXT' } },
    { weight: 1, value: { field_name: 'PIN', label: 'PIN', type: 'PASSWORD' } },
  ]);
  if (extra) {
    fields.push({
      guid: stableGuid('CRD', 'credential', code, extra.field_name),
      field_name: extra.field_name,
      field_type: extra.type,
      label: extra.label,
      type: extra.type,
      display_order: 3,
    });
  }
  return fields;
}

/**
 * Populations already generated, by seed and count: every simulator (each test's too) starts with one,
 * and a catalogue never changes its records, so they are shared.
 */
const populations = new Map<string, readonly InstitutionRecord[]>();

/** A seeded population of realistic institutions; the same seed always gives the same list. */
export function generateInstitutions(seed: string | number, count: number): InstitutionRecord[] {
  const key = `${typeof seed}:${seed}:${count}`;
  let population = populations.get(key);
  if (!population) {
    population = generatePopulation(seed, count);
    if (populations.size >= 32) populations.clear();
    populations.set(key, population);
  }
  return [...population];
}

function generatePopulation(seed: string | number, count: number): InstitutionRecord[] {
  const f = seededFaker('institutions', seed);
  const used = new Set(testInstitutions().map((i) => i.code));
  const out: InstitutionRecord[] = [];
  while (out.length < count) {
    const kind = f.helpers.arrayElement(KINDS);
    const country = f.number.float({ min: 0, max: 1 }) < 0.85 ? 'US' : 'CA';
    const stem = f.helpers.arrayElement([
      () => f.location.city(),
      () => f.person.lastName(),
      () => `${f.location.state()}`,
      () => `First ${f.location.city()}`,
      () => `${f.word.adjective({ length: { min: 4, max: 8 } })} ${f.location.city()}`,
    ])();
    const name = `${stem.replace(/^\w/, (c) => c.toUpperCase())} ${kind}`;
    const code = slug(name);
    if (used.has(code)) continue;
    used.add(code);
    const oauth = f.number.float({ min: 0, max: 1 }) < 0.2;
    const domain = `${code.replace(/_/g, '')}.example.com`;
    out.push(
      build({
        code,
        name,
        url: `https://www.${domain}`,
        products: pickProducts(f, kind),
        oauth,
        country,
        // OAuth institutions may still offer a credential login; a third of them do.
        credentials: oauth && f.number.float({ min: 0, max: 1 }) < 0.67 ? [] : pickCredentials(f, code),
        createdAt: f.date
          .between({ from: '2012-01-01T00:00:00Z', to: '2025-12-31T00:00:00Z' })
          .toISOString()
          .replace(/\.\d{3}Z$/, '+00:00'),
      }),
    );
  }
  return out;
}
