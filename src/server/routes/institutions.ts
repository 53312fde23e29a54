// Institution search, read, credentials and favorites.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler, TypedResponse } from 'hono';
import type { VersionApi, VersionEnv } from '../context.js';
import { normalizeProduct, PRODUCT_INPUTS, type Product } from '../data/products.js';
import { errors } from '../errors.js';
import { pageQuery100, pageQuery1000, paginate } from '../pagination.js';
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

/**
 * Encoded answers of the catalogue routes, per catalogue and then per request path and query string as
 * sent. A catalogue never changes once built (a tenant can only swap the whole catalogue) and nothing else
 * in the request changes these answers, so a request that was answered before gets the same bytes again,
 * before its query is validated: validating, serialising and encoding were most of the cost of a search.
 * Only successful answers are kept. The least recently used go first once a catalogue holds MAX_ENTRIES
 * bodies or MAX_BYTES bytes.
 */
const MAX_ENTRIES = 1000;
const MAX_BYTES = 32 * 1024 * 1024;
const encoder = new TextEncoder();

interface BodyCache {
  entries: Map<string, Uint8Array<ArrayBuffer>>;
  bytes: number;
}

const bodyCaches = new WeakMap<InstitutionCatalog, BodyCache>();

function cacheFor(catalog: InstitutionCatalog): BodyCache {
  let cache = bodyCaches.get(catalog);
  if (!cache) {
    cache = { entries: new Map(), bytes: 0 };
    bodyCaches.set(catalog, cache);
  }
  return cache;
}

/** The request's path and query string, exactly as sent. */
function requestKey(c: Context<VersionEnv>): string {
  const url = c.req.url;
  return url.slice(url.indexOf('/', url.indexOf(':') + 3));
}

/**
 * A 200 with encoded JSON: the headers `c.json` would send, plus the request id, in a plain object, which
 * @hono/node-server writes as is (a `Headers` object would be built and converted back for each response).
 */
function jsonBytes(c: Context<VersionEnv>, body: Uint8Array<ArrayBuffer>): Response {
  return new Response(body, {
    status: 200,
    headers: { 'content-type': 'application/json', 'x-request-id': c.env.requestId },
  });
}

/** Route middleware: answers a request seen before from the cache, before validation. */
const answerFromCache: MiddlewareHandler<VersionEnv> = async (c, next) => {
  const cache = cacheFor(c.env.tenant.institutions);
  const key = requestKey(c);
  const body = cache.entries.get(key);
  if (!body) return next();
  cache.entries.delete(key);
  cache.entries.set(key, body);
  return jsonBytes(c, body);
};

/** `c.json(body, 200)`, keeping the encoded body for the next identical request. */
function cachedJson<T>(c: Context<VersionEnv>, body: T): TypedResponse<T, 200, 'json'> {
  const cache = cacheFor(c.env.tenant.institutions);
  const key = requestKey(c);
  const bytes = encoder.encode(JSON.stringify(body));
  // Concurrent first requests may both get here (validation is asynchronous): keep the last.
  const previous = cache.entries.get(key);
  if (previous) {
    cache.entries.delete(key);
    cache.bytes -= previous.byteLength;
  }
  cache.entries.set(key, bytes);
  cache.bytes += bytes.byteLength;
  for (const [oldest, evicted] of cache.entries) {
    if (cache.entries.size <= MAX_ENTRIES && cache.bytes <= MAX_BYTES) break;
    cache.entries.delete(oldest);
    cache.bytes -= evicted.byteLength;
  }
  // The type only records what the bytes encode, as `c.json` does.
  return jsonBytes(c, bytes) as Response & TypedResponse<T, 200, 'json'>;
}

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
  middleware: answerFromCache,
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
  middleware: answerFromCache,
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
  middleware: answerFromCache,
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

export function registerInstitutionRoutes(api: VersionApi): void {
  api.openapi(listInstitutions, (c) => {
    const q = c.req.valid('query');
    const found = c.env.tenant.institutions.search({
      name: q.name,
      products: parseProducts(mergeArrayParam(q.supported_products, q['supported_products[]'])),
      countries: mergeArrayParam(q.iso_country_code, q['iso_country_code[]']),
    });
    const { items, pagination } = paginate(found, q, 100);
    return cachedJson(c, { institutions: items.map(present.institution), pagination });
  });

  api.openapi(listFavorites, (c) => {
    const q = c.req.valid('query');
    const found = c.env.tenant.institutions.favorites(mergeArrayParam(q.iso_country_code, q['iso_country_code[]']));
    const { items, pagination } = paginate(found, q, 100);
    return cachedJson(c, { institutions: items.map(present.institution), pagination });
  });

  api.openapi(readInstitution, (c) => {
    const { institution_code } = c.req.valid('param');
    const inst = c.env.tenant.institutions.byCode(institution_code);
    if (!inst) throw errors.notFound('institution', institution_code);
    return cachedJson(c, { institution: present.institution(inst) });
  });

  api.openapi(listCredentials, (c) => {
    const { institution_identifier } = c.req.valid('param');
    const inst = c.env.tenant.institutions.byIdentifier(institution_identifier);
    if (!inst) throw errors.notFound('institution', institution_identifier);
    const { items, pagination } = paginate(inst.credentials, c.req.valid('query'), 1000);
    return c.json({ credentials: items.map(present.credential), pagination }, 200);
  });
}
