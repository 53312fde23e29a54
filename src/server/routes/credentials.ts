// Verifiable credentials (MX's /vc/… endpoints): a signed JWT of a member's accounts, its account
// owners' identity, or an account's transactions, from the same world the API reads.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { accountsSubject, identitySubject, transactionsSubject } from '../domain/credentials.js';
import { memberAt, userOf } from '../domain/lookup.js';
import { issuerOf } from '../generators/vc-jwt.js';
import { type VersionLayer, versionParams, versionRoute } from '../layers/layer.js';
import * as present from '../presenters/credentials.js';
import { errorResponses } from '../schemas/common.js';
import { VC_MEDIA_TYPE, VCResponseSchema } from '../schemas/v20250224/processor.js';
import type { RouteDeps, VersionApi, VersionEnv } from './context.js';

const vcJson = { description: 'OK', content: { [VC_MEDIA_TYPE]: { schema: VCResponseSchema } } };
const JWT_NOTE =
  "A JWT signed with EdDSA by the world's did:dht issuer (derived from the seed); its payload `vc` holds the data in FDX shapes.";

function routesFor(v: VersionLayer) {
  const route = <const R extends Parameters<typeof versionRoute>[2]>(r: R) =>
    versionRoute(v, 'verifiable credentials', r);
  const dayQuery = (name: string, what: string) =>
    z
      .string()
      .optional()
      .openapi({ param: { name, in: 'query', description: `${what} (YYYY-MM-DD); the range is limited to 1 year.` } });
  return {
    identity: route({
      method: 'get',
      path: '/vc/users/{user_guid}/members/{member_guid}/customers',
      operationId: 'getIdentityData',
      summary: 'Get Identity Data',
      description: `The member's account owners (empty until an identify job succeeded). ${JWT_NOTE}`,
      request: { params: versionParams(v, 'user_guid', 'member_guid') },
      responses: { 200: vcJson, ...errorResponses(403, 404) },
    }),
    accounts: route({
      method: 'get',
      path: '/vc/users/{user_guid}/members/{member_guid}/accounts',
      operationId: 'getAccountsData',
      summary: 'Get Accounts Data',
      description: `The member's accounts, with full numbers once a verify job succeeded. ${JWT_NOTE}`,
      request: { params: versionParams(v, 'user_guid', 'member_guid') },
      responses: { 200: vcJson, ...errorResponses(404) },
    }),
    transactions: route({
      method: 'get',
      path: '/vc/users/{user_guid}/accounts/{account_guid}/transactions',
      operationId: 'getTransactionsData',
      summary: 'Get Transactions Data',
      description: `The account's transactions from startTime to endTime (default: the year up to today). ${JWT_NOTE}`,
      request: {
        params: versionParams(v, 'user_guid', 'account_guid'),
        query: z.object({
          startTime: dayQuery('startTime', 'First day'),
          endTime: dayQuery('endTime', 'Last day'),
        }),
      },
      responses: { 200: vcJson, ...errorResponses(400, 404) },
    }),
  };
}

export function registerCredentialRoutes(api: VersionApi, deps: RouteDeps, v: VersionLayer): void {
  const routes = routesFor(v);
  const contextOf = (c: Context<VersionEnv>, userGuid: string): present.CredentialContext => {
    const url = new URL(c.req.url);
    return {
      issuer: issuerOf(c.env.tenant.seed),
      id: `${deps.publicBase(c.req.url)}${url.pathname}`,
      userGuid,
      now: c.env.tenant.clock.now(),
    };
  };
  const answer = (c: Context<VersionEnv>, body: object) => c.json(body, 200, { 'content-type': VC_MEDIA_TYPE });

  api.openapi(routes.identity, (c) => {
    const { user, member } = memberAt(c.env.tenant, c.req.valid('param'));
    return answer(c, present.identityCredential(contextOf(c, user.guid), identitySubject(c.env.tenant, member)));
  });

  api.openapi(routes.accounts, (c) => {
    const { user, member } = memberAt(c.env.tenant, c.req.valid('param'));
    return answer(c, present.accountsCredential(contextOf(c, user.guid), accountsSubject(member)));
  });

  api.openapi(routes.transactions, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    const subject = transactionsSubject(tenant, user, params.account_guid as string, c.req.valid('query'));
    return answer(c, present.transactionsCredential(contextOf(c, user.guid), subject));
  });
}
