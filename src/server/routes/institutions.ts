// Institution search, read, credentials and favorites.
import { z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler, TypedResponse } from 'hono';
import { errors } from '../errors.js';
import { type VersionLayer, versionJson, versionParams, versionRoute } from '../layers/layer.js';
import { pageQuery100, pageQuery1000, paginate } from '../pagination.js';
import { errorResponses, mergeArrayParam, multiValue } from '../schemas/common.js';
import type { InstitutionCatalog } from '../store/institutions.js';
import type { VersionApi, VersionEnv } from './context.js';

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

/** The version, and the request's path and query string exactly as sent (the versions' bodies differ). */
function requestKey(c: Context<VersionEnv>): string {
  const url = c.req.url;
  return `${c.env.version} ${url.slice(url.indexOf('/', url.indexOf(':') + 3))}`;
}

/** A 200 with encoded JSON, as `c.json` sends it (version-app.ts adds the request id). */
function jsonBytes(c: Context<VersionEnv>, body: Uint8Array<ArrayBuffer>): Response {
  return c.body(body, 200, { 'content-type': 'application/json' });
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
function cachedJson<T>(c: Context<VersionEnv>, body: T): Response & TypedResponse<T, 200, 'json'> {
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

function routesFor(v: VersionLayer) {
  const s = v.schemas;
  const route = <const R extends Parameters<typeof versionRoute>[2]>(r: R) => versionRoute(v, 'institutions', r);
  return {
    list: route({
      method: 'get',
      path: '/institutions',
      operationId: 'listInstitutions',
      middleware: answerFromCache,
      summary: 'List institutions',
      description: `Search institutions by \`name\` (case-insensitive substring of the name or code), ${v.institutionProducts.description} and \`iso_country_code\`. Array parameters may be repeated, use the \`[]\` suffix, or be comma-separated.`,
      request: {
        query: pageQuery100.extend({
          name: z
            .string()
            .optional()
            .openapi({ param: { name: 'name', in: 'query' }, example: 'mx bank' }),
          ...v.institutionProducts.query,
          iso_country_code: countryParam('iso_country_code'),
          'iso_country_code[]': countryParam('iso_country_code[]'),
        }),
      },
      responses: { 200: versionJson(v, s.InstitutionsBody), ...errorResponses(400) },
    }),
    favorites: route({
      method: 'get',
      path: '/institutions/favorites',
      operationId: 'listFavoriteInstitutions',
      middleware: answerFromCache,
      summary: 'List favorite institutions',
      description: "The client's favorite institutions (by default MX's test institutions and `simbank`).",
      request: {
        query: pageQuery100.extend({
          iso_country_code: countryParam('iso_country_code'),
          'iso_country_code[]': countryParam('iso_country_code[]'),
        }),
      },
      responses: { 200: versionJson(v, s.InstitutionsBody), ...errorResponses(400) },
    }),
    read: route({
      method: 'get',
      path: '/institutions/{institution_code}',
      operationId: 'readInstitution',
      middleware: answerFromCache,
      summary: 'Read institution',
      request: {
        params: z.object({
          institution_code: z.string().openapi({ param: { name: 'institution_code', in: 'path' }, example: 'mxbank' }),
        }),
      },
      responses: { 200: versionJson(v, s.InstitutionBody), ...errorResponses(404) },
    }),
    credentials: route({
      method: 'get',
      path: '/institutions/{institution_identifier}/credentials',
      operationId: 'listInstitutionCredentials',
      summary: 'List institution credentials',
      description: 'The credentials a member needs for this institution, by `institution_code` or institution `guid`.',
      request: { params: versionParams(v, 'institution_identifier'), query: pageQuery1000 },
      responses: { 200: versionJson(v, s.CredentialsBody), ...errorResponses(400, 404) },
    }),
  };
}

export function registerInstitutionRoutes(api: VersionApi, v: VersionLayer): void {
  const routes = routesFor(v);
  const present = v.present;
  api.openapi(routes.list, (c) => {
    const q = c.req.valid('query');
    const found = c.env.tenant.institutions.search({
      name: q.name,
      products: v.institutionProducts.products(q),
      countries: mergeArrayParam(q.iso_country_code, q['iso_country_code[]']),
    });
    const { items, pagination } = paginate(found, q, 100);
    return cachedJson(c, { institutions: items.map(present.institution), pagination });
  });

  api.openapi(routes.favorites, (c) => {
    const q = c.req.valid('query');
    const found = c.env.tenant.institutions.favorites(mergeArrayParam(q.iso_country_code, q['iso_country_code[]']));
    const { items, pagination } = paginate(found, q, 100);
    return cachedJson(c, { institutions: items.map(present.institution), pagination });
  });

  api.openapi(routes.read, (c) => {
    const { institution_code } = c.req.valid('param');
    const inst = c.env.tenant.institutions.byCode(institution_code);
    if (!inst) throw errors.notFound('institution', institution_code);
    return cachedJson(c, { institution: present.institution(inst) });
  });

  api.openapi(routes.credentials, (c) => {
    const params = c.req.valid('param');
    // v20250224 names it institution_identifier (code or guid); v20111101 institution_code.
    const identifier = (params.institution_identifier ?? params.institution_code) as string;
    const inst = c.env.tenant.institutions.byIdentifier(identifier);
    if (!inst) throw errors.notFound('institution', identifier);
    const { items, pagination } = paginate(inst.credentials, c.req.valid('query'), 1000);
    return c.json({ credentials: items.map(present.credential), pagination }, 200);
  });
}
