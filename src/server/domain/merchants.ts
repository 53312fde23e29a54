// Merchants and merchant locations: MX-wide records (the same for every client and seed), one location
// per merchant of the simulator's merchant table (generators/finance.ts). Every merchant_guid and
// merchant_location_guid a generated transaction shows reads back here. See docs/merchants-insight-data.md.
import { isoTime } from '../clock.js';
import { errors } from '../errors.js';
import { MERCHANTS, type Merchant } from '../generators/finance.js';
import { stableGuid } from '../generators/ids.js';

export interface MerchantLocation {
  guid: string;
  merchant_guid: string;
  street_address: string;
  city: string;
  state: string;
  postal_code: string;
  country: string;
  latitude: number;
  longitude: number;
  phone_number: string;
}

/** When the merchant records were made and last changed: fixed, so every world shows the same. */
export const MERCHANT_CREATED_AT = isoTime(Date.UTC(2020, 0, 15, 12, 0, 0));
export const MERCHANT_UPDATED_AT = isoTime(Date.UTC(2024, 5, 1, 12, 0, 0));

/** Approximate centres of the cities the merchant table uses. */
const CITY_COORDINATES: Record<string, [number, number]> = {
  Lehi: [40.3916, -111.8508],
  Provo: [40.2338, -111.6585],
  'Salt Lake City': [40.7608, -111.891],
  Orem: [40.2969, -111.6946],
  Sandy: [40.5649, -111.8389],
  Draper: [40.5247, -111.8638],
  'American Fork': [40.3769, -111.7958],
  Seattle: [47.6062, -122.3321],
  'Los Gatos': [37.2358, -121.9624],
  'New York': [40.7128, -74.006],
  Denver: [39.7392, -104.9903],
  Lindon: [40.3433, -111.7208],
  'San Francisco': [37.7749, -122.4194],
  Dallas: [32.7767, -96.797],
  'Pleasant Grove': [40.3641, -111.7385],
};

const STREETS = ['Main St', 'State St', 'Center St', 'University Ave', 'Market St', 'Commerce Dr', 'Park Ave'];

/** A number from a merchant's guid (its hex digits), for the parts of its location nothing else fixes. */
function digits(guid: string, from: number, count: number): number {
  return Number.parseInt(guid.replace(/-/g, '').slice(4 + from, 4 + from + count), 16);
}

export function merchantLocationGuid(m: Merchant): string {
  return stableGuid('MCL', 'merchant_location', m.name);
}

function locationOf(m: Merchant): MerchantLocation {
  const [lat, lon] = CITY_COORDINATES[m.city] ?? [39.8283, -98.5795];
  // Within about a kilometre of the city centre.
  const offset = (n: number) => Math.round(((n % 2000) - 1000) / 100) / 1000;
  return {
    guid: merchantLocationGuid(m),
    merchant_guid: m.guid,
    street_address: `${100 + (digits(m.guid, 0, 4) % 9800)} ${STREETS[digits(m.guid, 4, 2) % STREETS.length]}`,
    city: m.city,
    state: m.state,
    postal_code: m.postal_code,
    country: 'US',
    latitude: Math.round((lat + offset(digits(m.guid, 6, 4))) * 1e6) / 1e6,
    longitude: Math.round((lon + offset(digits(m.guid, 10, 4))) * 1e6) / 1e6,
    phone_number: `(555) ${String(200 + (digits(m.guid, 14, 3) % 800))}-${String(digits(m.guid, 17, 4) % 10000).padStart(4, '0')}`,
  };
}

/**
 * Every merchant, by name (then guid), as GET /merchants lists them. Sorted on first use: the first
 * locale-aware compare loads the collator's data (15–40 ms of a cold start otherwise).
 */
let sorted: readonly Merchant[] | undefined;
function byName(): readonly Merchant[] {
  sorted ??= [...MERCHANTS].sort((a, b) => a.name.localeCompare(b.name, 'en') || a.guid.localeCompare(b.guid));
  return sorted;
}
const BY_GUID = new Map(MERCHANTS.map((m) => [m.guid, m]));
const LOCATIONS = new Map(MERCHANTS.map((m) => [merchantLocationGuid(m), locationOf(m)]));

/** The merchants whose name contains `name` (case-insensitive; every one without it). */
export function listMerchants(name?: string): readonly Merchant[] {
  const wanted = name?.trim().toLowerCase();
  const all = byName();
  return wanted ? all.filter((m) => m.name.toLowerCase().includes(wanted)) : all;
}

export function merchantOf(guid: string): Merchant {
  const m = BY_GUID.get(guid);
  if (!m) throw errors.notFound('merchant', guid);
  return m;
}

export function merchantLocationOf(guid: string): MerchantLocation {
  const l = LOCATIONS.get(guid);
  if (!l) throw errors.notFound('merchant location', guid);
  return l;
}

/** The location a transaction of this merchant shows (each merchant has one). */
export function locationGuidFor(merchantGuid: string | null): string | null {
  const m = merchantGuid === null ? undefined : BY_GUID.get(merchantGuid);
  return m ? merchantLocationGuid(m) : null;
}
