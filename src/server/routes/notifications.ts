// Notifications: create (MX's API_NOTIFICATION on channel PUSH), list and read. v20250224 takes the new
// notification as a JSON body, v20111101 as `subject` and `content` query parameters; v20111101's list
// also takes from_date/to_date. See docs/budgets-goals.md.
import type { z } from '@hono/zod-openapi';
import { userOf } from '../domain/lookup.js';
import { createNotification, notificationOf, notificationsOf } from '../domain/notifications.js';
import { type VersionLayer, versionJson, versionParams, versionRoute } from '../layers/layer.js';
import { pageQuery1000, resolvePage } from '../pagination.js';
import * as present from '../presenters/notifications.js';
import { dateParam, errorResponses, jsonBody } from '../schemas/common.js';
import * as s from '../schemas/v20250224/notifications.js';
import type { VersionApi } from './context.js';

const CREATE =
  'Makes a notification of type API_NOTIFICATION (11) on channel PUSH, attached to no entity. `subject` and ' +
  '`content` are required and must not be empty (400).';
const LIST =
  "The user's notifications in the order they were made. Results are paged by `page` and `records_per_page` " +
  "(up to 1000), but the body has no pagination object: MX's documents give it none.";
const RANGE = {
  from_date: dateParam('from_date', 'Notifications created on or after this day (or Unix time in seconds).'),
  to_date: dateParam('to_date', 'Notifications created on or before this day (or Unix time in seconds).'),
};

function routesFor(v: VersionLayer) {
  const route = <const R extends Parameters<typeof versionRoute>[2]>(r: R) => versionRoute(v, 'notifications', r);
  const one = versionJson(v, s.NotificationBodySchema);
  const base = {
    method: 'post',
    path: '/users/{user_guid}/notifications',
    operationId: 'createNotification',
    summary: 'Create a notification',
  } as const;
  return {
    createJson: route({
      ...base,
      description: CREATE,
      request: { params: versionParams(v, 'user_guid'), body: jsonBody(s.NotificationRequestBodySchema) },
      responses: { 200: one, ...errorResponses(400, 404, 415) },
    }),
    createQuery: route({
      ...base,
      description: `${CREATE} This version takes them as query parameters.`,
      request: { params: versionParams(v, 'user_guid'), query: s.NotificationQuerySchema },
      responses: { 200: one, ...errorResponses(400, 404) },
    }),
    list: route({
      method: 'get',
      path: '/users/{user_guid}/notifications',
      operationId: 'listNotifications',
      summary: 'List notifications',
      description:
        v.version === 'v20111101' ? `${LIST} \`from_date\`/\`to_date\` filter on when they were made.` : LIST,
      request: {
        params: versionParams(v, 'user_guid'),
        query: v.version === 'v20111101' ? pageQuery1000.extend(RANGE) : pageQuery1000.extend({}),
      },
      responses: { 200: versionJson(v, s.NotificationsBodySchema), ...errorResponses(400, 404) },
    }),
    read: route({
      method: 'get',
      path: '/users/{user_guid}/notifications/{notification_guid}',
      operationId: 'readNotifications',
      summary: 'Read notifications',
      description: 'A notification of the user.',
      request: { params: versionParams(v, 'user_guid', 'notification_guid') },
      responses: { 200: one, ...errorResponses(404) },
    }),
  };
}

export function registerNotificationRoutes(api: VersionApi, v: VersionLayer): void {
  const routes = routesFor(v);

  if (v.version === 'v20111101') {
    api.openapi(routes.createQuery, (c) => {
      const user = userOf(c.env.tenant, c.req.valid('param'));
      return c.json(
        { notification: present.notification(createNotification(c.env.tenant, user, c.req.valid('query'), '')) },
        200,
      );
    });
  } else {
    api.openapi(routes.createJson, (c) => {
      const user = userOf(c.env.tenant, c.req.valid('param'));
      const created = createNotification(c.env.tenant, user, c.req.valid('json').notification, 'notification.');
      return c.json({ notification: present.notification(created) }, 200);
    });
  }

  api.openapi(routes.list, (c) => {
    const user = userOf(c.env.tenant, c.req.valid('param'));
    const q = c.req.valid('query') as z.infer<typeof pageQuery1000> & { from_date?: string; to_date?: string };
    const all = notificationsOf(c.env.tenant, user, q);
    const { page, perPage } = resolvePage(q, 1000);
    const items = all.slice((page - 1) * perPage, page * perPage);
    return c.json({ notifications: items.map(present.notification) }, 200);
  });

  api.openapi(routes.read, (c) => {
    const params = c.req.valid('param');
    const user = userOf(c.env.tenant, params);
    const n = notificationOf(c.env.tenant, user, params.notification_guid as string);
    return c.json({ notification: present.notification(n) }, 200);
  });
}
