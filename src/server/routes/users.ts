// Users: create, list, read, update, delete. A user identifier is the MX guid or the partner `id`.
import { createRoute, z } from '@hono/zod-openapi';
import type { RouteDeps, VersionApi } from '../context.js';
import { pageQuery1000, paginate } from '../pagination.js';
import * as present from '../presenters/v20250224.js';
import { booleanQuery, errorResponses, json, jsonBody, versionParameters } from '../schemas/common.js';
import {
  UserBodySchema,
  UserCreateBodySchema,
  UsersBodySchema,
  UserUpdateBodySchema,
} from '../schemas/v20250224/users.js';
import type { UserRecord } from '../store/users.js';

const userIdentifier = z.object({
  user_identifier: z.string().openapi({
    param: { name: 'user_identifier', in: 'path', description: 'The user `guid` or the `id` you defined.' },
    example: 'USR-d74cb14f-fd0a-449f-991b-e0362a63d9c6',
  }),
});

const createUser = createRoute({
  method: 'post',
  path: '/users',
  operationId: 'createUser',
  tags: ['users'],
  summary: 'Create user',
  description:
    'The user object may not be empty. A partner `id` already used by another user of this client gives 409.',
  parameters: versionParameters,
  request: { body: jsonBody(UserCreateBodySchema) },
  responses: { 200: json(UserBodySchema), ...errorResponses(400, 409, 415) },
});

const listUsers = createRoute({
  method: 'get',
  path: '/users',
  operationId: 'listUsers',
  tags: ['users'],
  summary: 'List users',
  parameters: versionParameters,
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
  responses: { 200: json(UsersBodySchema), ...errorResponses(400) },
});

const readUser = createRoute({
  method: 'get',
  path: '/users/{user_identifier}',
  operationId: 'readUser',
  tags: ['users'],
  summary: 'Read user',
  parameters: versionParameters,
  request: { params: userIdentifier },
  responses: { 200: json(UserBodySchema), ...errorResponses(404) },
});

const updateUser = createRoute({
  method: 'put',
  path: '/users/{user_identifier}',
  operationId: 'updateUser',
  tags: ['users'],
  summary: 'Update user',
  parameters: versionParameters,
  request: { params: userIdentifier, body: jsonBody(UserUpdateBodySchema) },
  responses: { 200: json(UserBodySchema), ...errorResponses(400, 404, 409, 415) },
});

const deleteUser = createRoute({
  method: 'delete',
  path: '/users/{user_identifier}',
  operationId: 'deleteUser',
  tags: ['users'],
  summary: 'Delete user',
  description: 'Permanent: the user and everything under it (members, accounts, transactions, ...) are deleted.',
  parameters: versionParameters,
  request: { params: userIdentifier },
  responses: { 204: { description: 'No Content' }, ...errorResponses(404) },
});

export function registerUserRoutes(api: VersionApi, deps: RouteDeps): void {
  api.openapi(createUser, (c) => {
    const input = c.req.valid('json').user;
    const tenant = c.env.tenant;
    tenant.users.assertIdFree(input.id ?? null);
    const record: UserRecord = {
      guid: tenant.guids.next('USR'),
      id: input.id ?? null,
      email: input.email ?? null,
      is_disabled: input.is_disabled ?? false,
      metadata: input.metadata ?? null,
      created_at_ms: deps.clock.now(),
    };
    tenant.users.insert(record);
    return c.json({ user: present.user(record) }, 200);
  });

  api.openapi(listUsers, (c) => {
    const q = c.req.valid('query');
    const found = c.env.tenant.users.list({ id: q.id, email: q.email, is_disabled: q.is_disabled });
    const { items, pagination } = paginate(found, q, 1000);
    return c.json({ users: items.map(present.user), pagination }, 200);
  });

  api.openapi(readUser, (c) => {
    const user = c.env.tenant.users.get(c.req.valid('param').user_identifier);
    return c.json({ user: present.user(user) }, 200);
  });

  api.openapi(updateUser, (c) => {
    const users = c.env.tenant.users;
    const user = users.get(c.req.valid('param').user_identifier);
    users.update(user, c.req.valid('json').user);
    return c.json({ user: present.user(user) }, 200);
  });

  api.openapi(deleteUser, (c) => {
    const { users, members } = c.env.tenant;
    const user = users.get(c.req.valid('param').user_identifier);
    members.deleteForUser(user.guid);
    users.delete(user);
    return c.body(null, 204);
  });
}
