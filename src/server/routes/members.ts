// Members: create (with MX's validation and 409s), list, read, update, delete, status and the credential
// fields given. Jobs, challenges and the OAuth window are in member-jobs.ts; the rules in domain/members.ts.

import { memberAt, membersOf, userOf } from '../domain/lookup.js';
import { managedMemberAt, managedMembersOf } from '../domain/managed.js';
import { managedMemberRecord } from '../domain/managed-records.js';
import {
  createMember,
  credentialFieldsOf,
  deleteMember,
  institutionOf,
  unsupportedProductsError,
  updateMember,
} from '../domain/members.js';
import { type VersionLayer, versionJson, versionParams, versionRoute } from '../layers/layer.js';
import { pageQuery1000, paginate } from '../pagination.js';
import { errorResponses, jsonBody } from '../schemas/common.js';
import { callbackHeaders, useCaseQuery } from '../schemas/params.js';
import type { RouteDeps, VersionApi } from './context.js';

function routesFor(v: VersionLayer) {
  const s = v.schemas;
  const route = <const R extends Parameters<typeof versionRoute>[2]>(r: R) => versionRoute(v, 'members', r);
  const userParam = versionParams(v, 'user_identifier');
  const memberParams = versionParams(v, 'user_identifier', 'member_identifier');
  return {
    create: route({
      method: 'post',
      path: '/users/{user_identifier}/members',
      operationId: 'createMember',
      summary: 'Create member',
      description: `202 when an aggregation starts; 200 when none does (OAuth waiting for the user${v.honoursSkipAggregation ? ', `skip_aggregation`' : ''}).${s.MemberCreatedBody ? ' 201 when a product in `data_request` is not supported by the institution: the member is created and gathers the rest, and the body also carries an `error` naming what failed.' : ''} The same user adding the same institution with the same credentials, or reusing a member \`id\`, gets 409.`,
      request: { params: userParam, headers: callbackHeaders, body: jsonBody(s.MemberCreateBody) },
      responses: {
        200: versionJson(v, s.MemberBody),
        ...(s.MemberCreatedBody
          ? { 201: versionJson(v, s.MemberCreatedBody, 'Created, but a product in data_request failed') }
          : {}),
        202: versionJson(v, s.MemberBody, 'Accepted'),
        // 403: a data_request product not enabled for the client (v20111101 has no data_request).
        ...(v.version === 'v20250224' ? errorResponses(400, 403, 404, 409, 415) : errorResponses(400, 404, 409, 415)),
      },
    }),
    list: route({
      method: 'get',
      path: '/users/{user_identifier}/members',
      operationId: 'listMembers',
      summary: 'List members',
      request: { params: userParam, query: pageQuery1000.extend({ use_case: useCaseQuery }) },
      responses: { 200: versionJson(v, s.MembersBody), ...errorResponses(400, 404) },
    }),
    read: route({
      method: 'get',
      path: '/users/{user_identifier}/members/{member_identifier}',
      operationId: 'readMember',
      summary: 'Read member',
      request: { params: memberParams },
      responses: { 200: versionJson(v, s.MemberBody), ...errorResponses(404) },
    }),
    update: route({
      method: 'put',
      path: '/users/{user_identifier}/members/{member_identifier}',
      operationId: 'updateMember',
      summary: 'Update member',
      description: `New credentials start an aggregation (status UPDATED${v.honoursSkipAggregation ? ', unless `skip_aggregation`' : ''}) and reset \`needs_updated_credentials\`.`,
      request: { params: memberParams, headers: callbackHeaders, body: jsonBody(s.MemberUpdateBody) },
      responses: { 200: versionJson(v, s.MemberBody), ...errorResponses(400, 404, 409, 415) },
    }),
    remove: route({
      method: 'delete',
      path: '/users/{user_identifier}/members/{member_identifier}',
      operationId: 'deleteMember',
      summary: 'Delete member',
      request: { params: memberParams },
      responses: { 204: { description: 'No Content' }, ...errorResponses(404) },
    }),
    status: route({
      method: 'get',
      path: '/users/{user_identifier}/members/{member_identifier}/status',
      operationId: 'readMemberStatus',
      summary: 'Read member status',
      request: { params: memberParams },
      responses: { 200: versionJson(v, s.MemberStatusBody), ...errorResponses(404) },
    }),
    credentials: route({
      method: 'get',
      path: '/users/{user_identifier}/members/{member_identifier}/credentials',
      operationId: 'listMemberCredentials',
      summary: "List a member's credentials",
      description: 'The credential fields the member was created with; values are never returned.',
      request: { params: memberParams, query: pageQuery1000 },
      responses: { 200: versionJson(v, s.CredentialsBody), ...errorResponses(404) },
    }),
  };
}

export function registerMemberRoutes(api: VersionApi, deps: RouteDeps, v: VersionLayer): void {
  const routes = routesFor(v);
  const present = v.present;
  api.openapi(routes.create, (c) => {
    const tenant = c.env.tenant;
    const user = userOf(tenant, c.req.valid('param'));
    const input = c.req.valid('json');
    const window = { sessions: deps.oauth, base: deps.publicBase(c.req.url) };
    const { skip_aggregation, ...fields } = input.member;
    const { member, started, unsupported } = createMember(
      tenant,
      user,
      {
        ...fields,
        skip_aggregation: v.honoursSkipAggregation ? skip_aggregation : undefined,
        products: input.data_request?.products,
        client_redirect_url: input.client_redirect_url,
        referral_source: input.referral_source,
      },
      window,
      { callback_payload: c.req.valid('header')['x-callback-payload'], version: v.version },
    );
    const body = { member: present.member(member, user) };
    if (unsupported.length) {
      const error = unsupportedProductsError(member, institutionOf(tenant, member.institution_code), unsupported);
      // 201 is declared only by a layer with MemberCreatedBody (a version with data_request); typed as 200
      // so one handler serves both versions.
      return c.json({ ...body, error }, 201 as 200);
    }
    return c.json(body, started ? 202 : 200);
  });

  api.openapi(routes.list, (c) => {
    const tenant = c.env.tenant;
    const user = userOf(tenant, c.req.valid('param'));
    const q = c.req.valid('query');
    // Partner-managed members list after the user's own (PFM: they never move money); docs/managed-data.md.
    const managed = q.use_case === 'MONEY_MOVEMENT' ? [] : managedMembersOf(tenant, user).map(managedMemberRecord);
    const { items, pagination } = paginate([...membersOf(tenant, user, q.use_case), ...managed], q, 1000);
    return c.json({ members: items.map((m) => present.member(m, user)), pagination }, 200);
  });

  api.openapi(routes.read, (c) => {
    const { user, member } =
      managedMemberAt(c.env.tenant, c.req.valid('param')) ?? memberAt(c.env.tenant, c.req.valid('param'));
    return c.json({ member: present.member(member, user) }, 200);
  });

  api.openapi(routes.update, (c) => {
    const tenant = c.env.tenant;
    const { user, member } = memberAt(tenant, c.req.valid('param'));
    const { skip_aggregation, ...changes } = c.req.valid('json').member;
    updateMember(
      tenant,
      user,
      member,
      { ...changes, skip_aggregation: v.honoursSkipAggregation ? skip_aggregation : undefined },
      { callback_payload: c.req.valid('header')['x-callback-payload'] },
    );
    return c.json({ member: present.member(member, user) }, 200);
  });

  api.openapi(routes.remove, (c) => {
    const tenant = c.env.tenant;
    deleteMember(tenant, memberAt(tenant, c.req.valid('param')).member);
    return c.body(null, 204);
  });

  api.openapi(routes.status, (c) => {
    const { member } = memberAt(c.env.tenant, c.req.valid('param'));
    return c.json({ member: present.memberStatus(member) }, 200);
  });

  api.openapi(routes.credentials, (c) => {
    const tenant = c.env.tenant;
    const { member } = memberAt(tenant, c.req.valid('param'));
    const { items, pagination } = paginate(credentialFieldsOf(tenant, member), c.req.valid('query'), 1000);
    return c.json({ credentials: items.map(present.credential), pagination }, 200);
  });
}
