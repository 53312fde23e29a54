// ACH returns (MX's beta): submit one, list them (MX's filters), read one by guid or id. The operation
// ids keep MX's spelling (listACHRetruns, readACHRetrun).
import { z } from '@hono/zod-openapi';
import { clientGuidOf, createAchReturn, listAchReturns } from '../domain/ach-returns.js';
import { type VersionLayer, versionJson, versionRoute } from '../layers/layer.js';
import { pageQuery100, paginate } from '../pagination.js';
import { achReturn } from '../presenters/microdeposits.js';
import { AchReturnBodySchema, AchReturnCreateBodySchema, AchReturnsBodySchema } from '../schemas/ach-returns.js';
import { errorResponses, jsonBody } from '../schemas/common.js';
import { pathParams } from '../schemas/params.js';
import type { VersionApi } from './context.js';

const filter = (name: string, description: string) =>
  z
    .string()
    .optional()
    .openapi({ param: { name, in: 'query', description } });

function routesFor(v: VersionLayer) {
  const route = <const R extends Parameters<typeof versionRoute>[2]>(r: R) => versionRoute(v, 'ach return', r);
  return {
    create: route({
      method: 'post',
      path: '/ach_returns',
      operationId: 'createACHReturn',
      summary: 'Create ACH Return',
      description:
        'user_guid, member_guid and account_guid must name an account of a member of that user (404 otherwise); ' +
        'an id already submitted gives 409. The return is SUBMITTED.',
      request: { body: jsonBody(AchReturnCreateBodySchema) },
      responses: { 200: versionJson(v, AchReturnBodySchema), ...errorResponses(400, 404, 409, 415) },
    }),
    list: route({
      method: 'get',
      path: '/ach_returns',
      operationId: 'listACHRetruns',
      summary: 'List ACH Returns',
      request: {
        query: pageQuery100.extend({
          institution_guid: filter('institution_guid', 'Only returns for this institution (INS-…).'),
          returned_at: filter('returned_at', 'Only returns whose returned_at starts with this (a day or a time).'),
          resolved_status_at: filter('resolved_status_at', 'Only resolved returns (none are, in the simulator).'),
          return_code: filter('return_code', 'Only returns with this code, e.g. R01.'),
          return_status: filter('return_status', 'Only returns in this status, e.g. SUBMITTED.'),
        }),
      },
      responses: { 200: versionJson(v, AchReturnsBodySchema), ...errorResponses(400) },
    }),
    read: route({
      method: 'get',
      path: '/ach_returns/{ach_return_guid}',
      operationId: 'readACHRetrun',
      summary: 'Read ACH Return',
      request: { params: pathParams('ach_return_guid') },
      responses: { 200: versionJson(v, AchReturnBodySchema), ...errorResponses(404) },
    }),
  };
}

export function registerAchReturnRoutes(api: VersionApi, v: VersionLayer): void {
  const routes = routesFor(v);
  api.openapi(routes.create, (c) => {
    const r = createAchReturn(c.env.tenant, c.req.valid('json').ach_return);
    return c.json({ ach_return: achReturn(r, clientGuidOf(c.env.tenant)) }, 200);
  });

  api.openapi(routes.list, (c) => {
    const q = c.req.valid('query');
    const { items, pagination } = paginate(listAchReturns(c.env.tenant, q), q, 100);
    const client = clientGuidOf(c.env.tenant);
    return c.json({ ach_returns: items.map((r) => achReturn(r, client)), pagination }, 200);
  });

  api.openapi(routes.read, (c) => {
    const r = c.env.tenant.achReturns.get(c.req.valid('param').ach_return_guid);
    return c.json({ ach_return: achReturn(r, clientGuidOf(c.env.tenant)) }, 200);
  });
}
