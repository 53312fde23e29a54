// Institution search, read, credentials and favorites.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context, TypedResponse } from 'hono';
import type { VersionApi, VersionEnv } from '../context.js';
import { normalizeProduct, PRODUCT_INPUTS, type Product } from '../data/products.js';
import { errors } from '../errors.js';
import { pageQuery100, pageQuery1000, paginate, resolvePage } from '../pagination.js';
import * as present from '../presenters/v20250224.js';
import {
  errorResponses,
  json,
  mergeArrayParam,
  multiValue,
  productListParam,
  versionParameters,
} from '../schemas/common.js';
import {
  CredentialsBodySchema,
  InstitutionBodySchema,
  InstitutionsBodySchema,
} from '../schemas/v20250224/institutions.js';
import type { InstitutionCatalog } from '../store/institutions.js';

const countryParam = (name: string) =>
  multiValue.openapi({
    param: { name, in: 'query', style: 'form', explode: true, description: 'Country codes (US, CA).' },
    type: 'array',
    items: { type: 'string' },
  });

const listInstitutions = createRoute({
  method: 'get',
  path: '/institutions',
  operationId: 'listInstitutions',
  tags: ['institutions'],
  summary: 'List institutions',
  description:
    'Search institutions by `name` (case-insensitive substring of the name or code), `supported_products` (every value must be supported) and `iso_country_code`. Array parameters may be repeated, use the `[]` suffix, or be comma-separated.',
  parameters: versionParameters,
  request: {
    query: pageQuery100.extend({
      name: z
        .string()
        .optional()
        .openapi({ param: { name: 'name', in: 'query' }, example: 'mx bank' }),
      supported_products: productListParam('supported_products'),
      'supported_products[]': productListParam('supported_products[]'),
      iso_country_code: countryParam('iso_country_code'),
      'iso_country_code[]': countryParam('iso_country_code[]'),
    }),
  },
  responses: { 200: json(InstitutionsBodySchema), ...errorResponses(400) },
});

const listFavorites = createRoute({
  method: 'get',
  path: '/institutions/favorites',
  operationId: 'listFavoriteInstitutions',
  tags: ['institutions'],
  summary: 'List favorite institutions',
  description: "The client's favorite institutions (by default MX's test institutions and `simbank`).",
  parameters: versionParameters,
  request: {
    query: pageQuery100.extend({
      iso_country_code: countryParam('iso_country_code'),
      'iso_country_code[]': countryParam('iso_country_code[]'),
    }),
  },
  responses: { 200: json(InstitutionsBodySchema), ...errorResponses(400) },
});

const readInstitution = createRoute({
  method: 'get',
  path: '/institutions/{institution_code}',
  operationId: 'readInstitution',
  tags: ['institutions'],
  summary: 'Read institution',
  parameters: versionParameters,
  request: {
    params: z.object({
      institution_code: z.string().openapi({ param: { name: 'institution_code', in: 'path' }, example: 'mxbank' }),
    }),
  },
  responses: { 200: json(InstitutionBodySchema), ...errorResponses(404) },
});

const listCredentials = createRoute({
  method: 'get',
  path: '/institutions/{institution_identifier}/credentials',
  operationId: 'listInstitutionCredentials',
  tags: ['institutions'],
  summary: 'List institution credentials',
  description: 'The credentials a member needs for this institution, by `institution_code` or institution `guid`.',
  parameters: versionParameters,
  request: {
    params: z.object({
      institution_identifier: z
        .string()
        .openapi({ param: { name: 'institution_identifier', in: 'path' }, example: 'mxbank' }),
    }),
    query: pageQuery1000,
  },
  responses: { 200: json(CredentialsBodySchema), ...errorResponses(400, 404) },
});

function parseProducts(values: string[] | undefined): Product[] | undefined {
  if (!values) return undefined;
  return values.map((value) => {
    const product = normalizeProduct(value);
    if (!product) {
      throw errors.validation(
        `supported_products: '${value}' is not a product; use one of ${PRODUCT_INPUTS.join(', ')}`,
      );
    }
    return product;
  });
}

/**
 * Encoded response bodies, per catalogue and then per normalised request. A catalogue never changes once
 * built (a tenant can only swap the whole catalogue), so the same request always gets the same bytes:
 * serialising and encoding a page of institutions is most of the cost of a search. Least recently used
 * entries go first once a catalogue holds MAX_ENTRIES bodies or MAX_BYTES bytes.
 */
const MAX_ENTRIES = 1000;
const MAX_BYTES = 32 * 1024 * 1024;
const encoder = new TextEncoder();

/** JSON bytes, typed with what they encode. */
type Encoded<T> = Uint8Array<ArrayBuffer> & { readonly __encodes?: T };

interface BodyCache {
  entries: Map<string, Uint8Array<ArrayBuffer>>;
  bytes: number;
}

const bodyCaches = new WeakMap<InstitutionCatalog, BodyCache>();

function cachedBody<T>(catalog: InstitutionCatalog, key: string, build: () => T): Encoded<T> {
  let cache = bodyCaches.get(catalog);
  if (!cache) {
    cache = { entries: new Map(), bytes: 0 };
    bodyCaches.set(catalog, cache);
  }
  let body = cache.entries.get(key);
  if (body) {
    cache.entries.delete(key);
    cache.entries.set(key, body);
    return body;
  }
  body = encoder.encode(JSON.stringify(build()));
  cache.entries.set(key, body);
  cache.bytes += body.byteLength;
  for (const [oldest, evicted] of cache.entries) {
    if (cache.entries.size <= MAX_ENTRIES && cache.bytes <= MAX_BYTES) break;
    cache.entries.delete(oldest);
    cache.bytes -= evicted.byteLength;
  }
  return body;
}

/**
 * A 200 with encoded JSON: the headers `c.json` would send, plus the request id, in a plain object, which
 * @hono/node-server writes as is (a `Headers` object would be built and converted back for each response).
 */
function jsonBytes<T>(c: Context<VersionEnv>, body: Encoded<T>): TypedResponse<T, 200, 'json'> {
  const headers = { 'content-type': 'application/json', 'x-request-id': c.env.requestId };
  // The type only records what the bytes encode, as `c.json` does.
  return new Response(body, { status: 200, headers }) as Response & TypedResponse<T, 200, 'json'>;
}

export function registerInstitutionRoutes(api: VersionApi): void {
  api.openapi(listInstitutions, (c) => {
    const q = c.req.valid('query');
    const catalog = c.env.tenant.institutions;
    const filter = {
      name: q.name,
      products: parseProducts(mergeArrayParam(q.supported_products, q['supported_products[]'])),
      countries: mergeArrayParam(q.iso_country_code, q['iso_country_code[]']),
    };
    const { page, perPage } = resolvePage(q, 100);
    const key = JSON.stringify(['search', filter.name, filter.products, filter.countries, page, perPage]);
    const body = cachedBody(catalog, key, () => {
      const { items, pagination } = paginate(catalog.search(filter), q, 100);
      return { institutions: items.map(present.institution), pagination };
    });
    return jsonBytes(c, body);
  });

  api.openapi(listFavorites, (c) => {
    const q = c.req.valid('query');
    const catalog = c.env.tenant.institutions;
    const countries = mergeArrayParam(q.iso_country_code, q['iso_country_code[]']);
    const { page, perPage } = resolvePage(q, 100);
    const key = JSON.stringify(['favorites', countries, page, perPage]);
    const body = cachedBody(catalog, key, () => {
      const { items, pagination } = paginate(catalog.favorites(countries), q, 100);
      return { institutions: items.map(present.institution), pagination };
    });
    return jsonBytes(c, body);
  });

  api.openapi(readInstitution, (c) => {
    const { institution_code } = c.req.valid('param');
    const catalog = c.env.tenant.institutions;
    const inst = catalog.byCode(institution_code);
    if (!inst) throw errors.notFound('institution', institution_code);
    return jsonBytes(
      c,
      cachedBody(catalog, JSON.stringify(['read', inst.code]), () => ({ institution: present.institution(inst) })),
    );
  });

  api.openapi(listCredentials, (c) => {
    const { institution_identifier } = c.req.valid('param');
    const inst = c.env.tenant.institutions.byIdentifier(institution_identifier);
    if (!inst) throw errors.notFound('institution', institution_identifier);
    const { items, pagination } = paginate(inst.credentials, c.req.valid('query'), 1000);
    return c.json({ credentials: items.map(present.credential), pagination }, 200);
  });
}
