// Microdeposits: create (or pre-initiate), list, read, delete, verify the amounts, and the user's account
// verifications. MX's documents declare these bodies as application/json in both versions, and the same
// `{user_guid}` and `{micro_deposit_guid}` path parameters (guids only).
import { userOf } from '../domain/lookup.js';
import { createMicrodeposit, deleteMicrodeposit, microdepositOf, verifyMicrodeposit } from '../domain/microdeposits.js';
import { type VersionLayer, versionRoute } from '../layers/layer.js';
import { pageQuery100, paginate } from '../pagination.js';
import { microdeposit } from '../presenters/microdeposits.js';
import { errorResponses, json, jsonBody } from '../schemas/common.js';
import {
  MicrodepositBodySchema,
  MicrodepositRequestBodySchema,
  MicrodepositsBodySchema,
  MicrodepositVerifyBodySchema,
  VerificationsBodySchema,
} from '../schemas/microdeposits.js';
import { pathParams } from '../schemas/params.js';
import type { VersionApi } from './context.js';

function routesFor(v: VersionLayer) {
  const route = <const R extends Parameters<typeof versionRoute>[2]>(r: R) => versionRoute(v, 'microdeposits', r);
  const userParam = pathParams('user_guid');
  const oneParam = pathParams('user_guid', 'micro_deposit_guid');
  return {
    create: route({
      method: 'post',
      path: '/users/{user_guid}/micro_deposits',
      operationId: 'createMicrodeposit',
      summary: 'Create or pre-initiate a microdeposit',
      description:
        'INITIATED with account_number, account_type (CHECKING or SAVINGS) and routing_number; PREINITIATED ' +
        'with only email, first_name and last_name. The status then moves on with the clock ' +
        '(docs/microdeposits.md); a MICRODEPOSIT webhook follows each change.',
      request: { params: userParam, body: jsonBody(MicrodepositRequestBodySchema) },
      responses: { 200: json(MicrodepositBodySchema), ...errorResponses(400, 404, 415) },
    }),
    list: route({
      method: 'get',
      path: '/users/{user_guid}/micro_deposits',
      operationId: 'listUserMicrodeposits',
      summary: 'List all microdeposits for a user',
      request: { params: userParam, query: pageQuery100 },
      responses: { 200: json(MicrodepositsBodySchema), ...errorResponses(400, 404) },
    }),
    read: route({
      method: 'get',
      path: '/users/{user_guid}/micro_deposits/{micro_deposit_guid}',
      operationId: 'readUserMicrodeposit',
      summary: 'Read a microdeposit for a user',
      request: { params: oneParam },
      responses: { 200: json(MicrodepositBodySchema), ...errorResponses(404) },
    }),
    remove: route({
      method: 'delete',
      path: '/users/{user_guid}/micro_deposits/{micro_deposit_guid}',
      operationId: 'deleteMicrodeposit',
      summary: 'Delete a microdeposit',
      request: { params: oneParam },
      responses: { 204: { description: 'No Content' }, ...errorResponses(404) },
    }),
    verify: route({
      method: 'put',
      path: '/micro_deposits/{micro_deposit_guid}/verify',
      operationId: 'verifyMicrodeposit',
      summary: 'Verify a microdeposit',
      description:
        'Only a DEPOSITED microdeposit takes amounts (405 otherwise), in either order. The right pair makes it ' +
        'VERIFIED one step later (poll read); a wrong pair sets error_message with the attempts left, and the ' +
        'third wrong pair makes it PREVENTED.',
      request: { params: pathParams('micro_deposit_guid'), body: jsonBody(MicrodepositVerifyBodySchema) },
      responses: { 200: json(MicrodepositBodySchema), ...errorResponses(400, 404, 405, 415) },
    }),
    verifications: route({
      method: 'get',
      path: '/users/{user_guid}/account_verifications',
      operationId: 'listUserVerifications',
      summary: 'List all verifications for a user',
      description: "The user's microdeposits with their statuses, oldest first.",
      request: { params: userParam },
      responses: { 200: json(VerificationsBodySchema), ...errorResponses(404) },
    }),
  };
}

export function registerMicrodepositRoutes(api: VersionApi, v: VersionLayer): void {
  const routes = routesFor(v);
  api.openapi(routes.create, (c) => {
    const user = userOf(c.env.tenant, c.req.valid('param'));
    const md = createMicrodeposit(c.env.tenant, user, c.req.valid('json').micro_deposit);
    return c.json({ micro_deposit: microdeposit(md) }, 200);
  });

  api.openapi(routes.list, (c) => {
    const user = userOf(c.env.tenant, c.req.valid('param'));
    const { items, pagination } = paginate(c.env.tenant.microdeposits.forUser(user.guid), c.req.valid('query'), 100);
    return c.json({ micro_deposits: items.map(microdeposit), pagination }, 200);
  });

  api.openapi(routes.read, (c) => {
    const p = c.req.valid('param');
    const md = microdepositOf(c.env.tenant, userOf(c.env.tenant, p), p.micro_deposit_guid);
    return c.json({ micro_deposit: microdeposit(md) }, 200);
  });

  api.openapi(routes.remove, (c) => {
    const p = c.req.valid('param');
    deleteMicrodeposit(c.env.tenant, microdepositOf(c.env.tenant, userOf(c.env.tenant, p), p.micro_deposit_guid));
    return c.body(null, 204);
  });

  api.openapi(routes.verify, (c) => {
    const md = c.env.tenant.microdeposits.get(c.req.valid('param').micro_deposit_guid);
    verifyMicrodeposit(c.env.tenant, md, c.req.valid('json').micro_deposit);
    return c.json({ micro_deposit: microdeposit(md) }, 200);
  });

  api.openapi(routes.verifications, (c) => {
    const user = userOf(c.env.tenant, c.req.valid('param'));
    return c.json({ micro_deposit: c.env.tenant.microdeposits.forUser(user.guid).map(microdeposit) }, 200);
  });
}
