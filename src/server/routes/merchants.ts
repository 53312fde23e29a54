// Merchants, merchant locations and enhanced transactions: MX-wide (no user in the path), the same
// records for every client. See docs/merchants-insight-data.md.
import { z } from '@hono/zod-openapi';
import { enhance } from '../domain/enhance.js';
import {
  listMerchants,
  MERCHANT_CREATED_AT,
  MERCHANT_UPDATED_AT,
  type MerchantLocation,
  merchantLocationOf,
  merchantOf,
} from '../domain/merchants.js';
import type { Merchant } from '../generators/finance.js';
import { type VersionLayer, versionJson, versionParams, versionRoute } from '../layers/layer.js';
import { pageQuery1000, paginate } from '../pagination.js';
import { errorResponses, jsonBody } from '../schemas/common.js';
import * as s from '../schemas/v20250224/insight.js';
import type { VersionApi } from './context.js';

export function merchant(m: Merchant): z.infer<typeof s.MerchantSchema> {
  return {
    created_at: MERCHANT_CREATED_AT,
    guid: m.guid,
    logo_url: m.logo_url,
    name: m.name,
    updated_at: MERCHANT_UPDATED_AT,
    website_url: m.website_url,
  };
}

function location(l: MerchantLocation): z.infer<typeof s.MerchantLocationSchema> {
  return { ...l, created_at: MERCHANT_CREATED_AT, updated_at: MERCHANT_UPDATED_AT };
}

function routesFor(v: VersionLayer) {
  const route = <const R extends Parameters<typeof versionRoute>[2]>(r: R) => versionRoute(v, 'merchants', r);
  return {
    list: route({
      method: 'get',
      path: '/merchants',
      operationId: 'listMerchants',
      summary: 'List merchants',
      description:
        'Every merchant the simulated transactions use, by name; `name` keeps those whose name contains it ' +
        '(case-insensitive). The same list for every client.',
      request: {
        query: pageQuery1000.extend({
          name: z
            .string()
            .optional()
            .openapi({ param: { name: 'name', in: 'query' }, example: 'market' }),
        }),
      },
      responses: { 200: versionJson(v, s.MerchantsBodySchema), ...errorResponses(400) },
    }),
    read: route({
      method: 'get',
      path: '/merchants/{merchant_guid}',
      operationId: 'readMerchant',
      summary: 'Read merchant',
      description: "A merchant, as a transaction's `merchant_guid` names it.",
      request: { params: versionParams(v, 'merchant_guid') },
      responses: { 200: versionJson(v, s.MerchantBodySchema), ...errorResponses(404) },
    }),
    location: route({
      method: 'get',
      path: '/merchant_locations/{merchant_location_guid}',
      operationId: 'readMerchantLocation',
      summary: 'Read merchant location',
      description: "A merchant location, as a transaction's `merchant_location_guid` names it (one per merchant).",
      request: { params: versionParams(v, 'merchant_location_guid') },
      responses: { 200: versionJson(v, s.MerchantLocationBodySchema), ...errorResponses(404) },
    }),
    enhance: route({
      method: 'post',
      path: '/transactions/enhance',
      operationId: 'enhanceTransactions',
      summary: 'Enhance transactions',
      description:
        `Cleanses, categorises and classifies up to ${s.MAX_ENHANCE} transactions (each an \`id\` and a ` +
        '`description`); nothing is stored. A description naming a known merchant gets that merchant and its ' +
        'category; otherwise keywords, then the merchant category code, choose a default category, else ' +
        'Income (CREDIT) or Uncategorized.',
      request: { body: jsonBody(s.EnhanceRequestBodySchema) },
      responses: { 200: versionJson(v, s.EnhancedBodySchema), ...errorResponses(400, 415) },
    }),
  };
}

export function registerMerchantRoutes(api: VersionApi, v: VersionLayer): void {
  const routes = routesFor(v);

  api.openapi(routes.list, (c) => {
    const q = c.req.valid('query');
    const { items, pagination } = paginate(listMerchants(q.name), q, 1000);
    return c.json({ merchants: items.map(merchant), pagination }, 200);
  });

  api.openapi(routes.read, (c) => {
    const guid = c.req.valid('param').merchant_guid as string;
    return c.json({ merchant: merchant(merchantOf(guid)) }, 200);
  });

  api.openapi(routes.location, (c) => {
    const guid = c.req.valid('param').merchant_location_guid as string;
    return c.json({ merchant_location: location(merchantLocationOf(guid)) }, 200);
  });

  api.openapi(routes.enhance, (c) => {
    const body = c.req.valid('json');
    return c.json({ transactions: body.transactions.map(enhance) }, 200);
  });
}
