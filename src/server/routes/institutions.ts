// Institution search, read, credentials and favorites.
import { createRoute, z } from '@hono/zod-openapi';
import type { VersionApi } from '../context.js';
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
  versionHeaders,
} from '../schemas/common.js';
import {
  CredentialsBodySchema,
  InstitutionBodySchema,
  InstitutionsBodySchema,
} from '../schemas/v20250224/institutions.js';

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
  request: {
    headers: versionHeaders,
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
  request: {
    headers: versionHeaders,
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
  request: {
    headers: versionHeaders,
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
  request: {
    headers: versionHeaders,
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
    return c.json({ institutions: items.map(present.institution), pagination }, 200);
  });

  api.openapi(listFavorites, (c) => {
    const q = c.req.valid('query');
    const found = c.env.tenant.institutions.favorites(mergeArrayParam(q.iso_country_code, q['iso_country_code[]']));
    const { items, pagination } = paginate(found, q, 100);
    return c.json({ institutions: items.map(present.institution), pagination }, 200);
  });

  api.openapi(readInstitution, (c) => {
    const { institution_code } = c.req.valid('param');
    const inst = c.env.tenant.institutions.byCode(institution_code);
    if (!inst) throw errors.notFound('institution', institution_code);
    return c.json({ institution: present.institution(inst) }, 200);
  });

  api.openapi(listCredentials, (c) => {
    const { institution_identifier } = c.req.valid('param');
    const inst = c.env.tenant.institutions.byIdentifier(institution_identifier);
    if (!inst) throw errors.notFound('institution', institution_identifier);
    const { items, pagination } = paginate(inst.credentials, c.req.valid('query'), 1000);
    return c.json({ credentials: items.map(present.credential), pagination }, 200);
  });
}
