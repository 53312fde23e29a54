// MX's deprecated managed data: the managed institution list and partner-managed members, in both
// versions (docs/managed-data.md).
import { userOf } from '../domain/lookup.js';
import {
  createManagedMember,
  deleteManagedMember,
  managedMemberOf,
  managedMemberRecord,
  managedMembersOf,
  updateManagedMember,
} from '../domain/managed.js';
import { type VersionLayer, versionJson, versionParams, versionRoute } from '../layers/layer.js';
import { pageQuery1000, paginate } from '../pagination.js';
import { errorResponses, jsonBody } from '../schemas/common.js';
import * as m from '../schemas/managed.js';
import type { VersionApi } from './context.js';

const DEPRECATED = ' Deprecated by MX (managed data); mx-sim serves it for partners still using it.';

function routesFor(v: VersionLayer) {
  const s = v.schemas;
  const route = <const R extends Parameters<typeof versionRoute>[2]>(r: R) =>
    versionRoute(v, 'managed data', { ...r, deprecated: true });
  const userParam = versionParams(v, 'user_guid');
  const memberParams = versionParams(v, 'user_guid', 'member_guid');
  return {
    institutions: route({
      method: 'get',
      path: '/managed_institutions',
      operationId: 'listManagedInstitutions',
      summary: 'List managed institutions',
      description: `The institutions a managed member may be of: the whole catalogue, in search order.${DEPRECATED}`,
      request: { query: pageQuery1000 },
      responses: { 200: versionJson(v, s.InstitutionsBody), ...errorResponses(400) },
    }),
    list: route({
      method: 'get',
      path: '/users/{user_guid}/managed_members',
      operationId: 'listManagedMembers',
      summary: 'List managed members',
      description: `The user's partner-managed members in creation order.${DEPRECATED}`,
      request: { params: userParam, query: pageQuery1000 },
      responses: { 200: versionJson(v, s.MembersBody), ...errorResponses(400, 404) },
    }),
    create: route({
      method: 'post',
      path: '/users/{user_guid}/managed_members',
      operationId: 'createManagedMember',
      summary: 'Create managed member',
      description:
        'A member the partner writes itself: CONNECTED at once, never aggregated, `is_managed_by_user: false`. ' +
        `An unknown \`institution_code\` is 404; a member \`id\` the user already has is 409.${DEPRECATED}`,
      request: { params: userParam, body: jsonBody(m.ManagedMemberCreateBodySchema) },
      responses: { 202: versionJson(v, s.MemberBody, 'Accepted'), ...errorResponses(400, 404, 409, 415) },
    }),
    read: route({
      method: 'get',
      path: '/users/{user_guid}/managed_members/{member_guid}',
      operationId: 'readManagedMember',
      summary: 'Read managed member',
      description: `A partner-managed member (an ordinary member's guid is 404 here).${DEPRECATED}`,
      request: { params: memberParams },
      responses: { 200: versionJson(v, s.MemberBody), ...errorResponses(404) },
    }),
    update: route({
      method: 'put',
      path: '/users/{user_guid}/managed_members/{member_guid}',
      operationId: 'updateManagedMember',
      summary: 'Update managed member',
      description: `Its \`id\`, \`metadata\` or \`name\`; at least one (400 otherwise).${DEPRECATED}`,
      request: { params: memberParams, body: jsonBody(m.ManagedMemberUpdateBodySchema) },
      responses: { 200: versionJson(v, s.MemberBody), ...errorResponses(400, 404, 409, 415) },
    }),
    remove: route({
      method: 'delete',
      path: '/users/{user_guid}/managed_members/{member_guid}',
      operationId: 'deleteManagedMember',
      summary: 'Delete managed member',
      description: `Deletes a partner-managed member.${DEPRECATED}`,
      request: { params: memberParams },
      responses: { 204: { description: 'No Content' }, ...errorResponses(404) },
    }),
  };
}

export function registerManagedRoutes(api: VersionApi, v: VersionLayer): void {
  const routes = routesFor(v);
  const present = v.present;

  api.openapi(routes.institutions, (c) => {
    const { items, pagination } = paginate(c.env.tenant.institutions.search({}), c.req.valid('query'), 1000);
    return c.json({ institutions: items.map(present.institution), pagination }, 200);
  });

  api.openapi(routes.list, (c) => {
    const tenant = c.env.tenant;
    const user = userOf(tenant, c.req.valid('param'));
    const { items, pagination } = paginate([...managedMembersOf(tenant, user)], c.req.valid('query'), 1000);
    return c.json({ members: items.map((x) => present.member(managedMemberRecord(x), user)), pagination }, 200);
  });

  api.openapi(routes.create, (c) => {
    const tenant = c.env.tenant;
    const user = userOf(tenant, c.req.valid('param'));
    const created = createManagedMember(tenant, user, c.req.valid('json').member);
    return c.json({ member: present.member(managedMemberRecord(created), user) }, 202);
  });

  api.openapi(routes.read, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    const member = managedMemberOf(tenant, user, params.member_guid as string);
    return c.json({ member: present.member(managedMemberRecord(member), user) }, 200);
  });

  api.openapi(routes.update, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    const member = managedMemberOf(tenant, user, params.member_guid as string);
    updateManagedMember(tenant, user, member, c.req.valid('json').member);
    return c.json({ member: present.member(managedMemberRecord(member), user) }, 200);
  });

  api.openapi(routes.remove, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    deleteManagedMember(tenant, managedMemberOf(tenant, user, params.member_guid as string));
    return c.body(null, 204);
  });
}
