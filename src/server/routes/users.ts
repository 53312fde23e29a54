// Users: create, list, read, update, delete. A user identifier is the MX guid or the partner `id`
// (v20111101 paths take the guid).
import { z } from '@hono/zod-openapi';
import { userOf } from '../domain/lookup.js';
import { createUser, deleteUser, updateUser } from '../domain/users.js';
import { type VersionLayer, versionJson, versionParams, versionRoute } from '../layers/layer.js';
import { pageQuery1000, paginateFrom } from '../pagination.js';
import { booleanQuery, errorResponses, jsonBody } from '../schemas/common.js';
import type { VersionApi } from './context.js';

function routesFor(v: VersionLayer) {
  const s = v.schemas;
  const route = <const R extends Parameters<typeof versionRoute>[2]>(r: R) => versionRoute(v, 'users', r);
  const userParam = versionParams(v, 'user_identifier');
  return {
    create: route({
      method: 'post',
      path: '/users',
      operationId: 'createUser',
      summary: 'Create user',
      description:
        'The user object may not be empty. A partner `id` already used by another user of this client gives 409.',
      request: { body: jsonBody(s.UserCreateBody) },
      responses: { 200: versionJson(v, s.UserBody), ...errorResponses(400, 409, 415) },
    }),
    list: route({
      method: 'get',
      path: '/users',
      operationId: 'listUsers',
      summary: 'List users',
      request: {
        query: pageQuery1000.extend({
          id: z
            .string()
            .optional()
            .openapi({ param: { name: 'id', in: 'query' }, description: 'The user `id` to search for.' }),
          email: z
            .string()
            .optional()
            .openapi({ param: { name: 'email', in: 'query' }, description: 'The user `email` to search for.' }),
          is_disabled: booleanQuery.openapi({ param: { name: 'is_disabled', in: 'query' }, type: 'boolean' }),
        }),
      },
      responses: { 200: versionJson(v, s.UsersBody), ...errorResponses(400) },
    }),
    read: route({
      method: 'get',
      path: '/users/{user_identifier}',
      operationId: 'readUser',
      summary: 'Read user',
      request: { params: userParam },
      responses: { 200: versionJson(v, s.UserBody), ...errorResponses(404) },
    }),
    update: route({
      method: 'put',
      path: '/users/{user_identifier}',
      operationId: 'updateUser',
      summary: 'Update user',
      request: { params: userParam, body: jsonBody(s.UserUpdateBody) },
      responses: { 200: versionJson(v, s.UserBody), ...errorResponses(400, 404, 409, 415) },
    }),
    remove: route({
      method: 'delete',
      path: '/users/{user_identifier}',
      operationId: 'deleteUser',
      summary: 'Delete user',
      description: 'Permanent: the user and everything under it (members, accounts, transactions, ...) are deleted.',
      request: { params: userParam },
      responses: { 204: { description: 'No Content' }, ...errorResponses(404) },
    }),
  };
}

export function registerUserRoutes(api: VersionApi, v: VersionLayer): void {
  const routes = routesFor(v);
  const present = v.present;
  api.openapi(routes.create, (c) => {
    const user = createUser(c.env.tenant, c.req.valid('json').user);
    return c.json({ user: present.user(user) }, 200);
  });

  api.openapi(routes.list, (c) => {
    const q = c.req.valid('query');
    const filter = { id: q.id, email: q.email, is_disabled: q.is_disabled };
    const { items, pagination } = paginateFrom(
      (start, count) => c.env.tenant.users.slice(filter, start, count),
      q,
      1000,
    );
    return c.json({ users: items.map(present.user), pagination }, 200);
  });

  api.openapi(routes.read, (c) => {
    const user = userOf(c.env.tenant, c.req.valid('param'));
    return c.json({ user: present.user(user) }, 200);
  });

  api.openapi(routes.update, (c) => {
    const user = userOf(c.env.tenant, c.req.valid('param'));
    updateUser(c.env.tenant, user, c.req.valid('json').user);
    return c.json({ user: present.user(user) }, 200);
  });

  api.openapi(routes.remove, (c) => {
    deleteUser(c.env.tenant, userOf(c.env.tenant, c.req.valid('param')));
    return c.body(null, 204);
  });
}
