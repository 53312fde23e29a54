// Tags (create, list, read, update, delete; every user has "Business" from the start), taggings (a tag
// on one of the user's transactions) and the transactions a tag is on. Paths take the user guid, but
// the tag's transactions take the user guid or `id` (v20250224), as MX's documents have them.
import type { z } from '@hono/zod-openapi';
import { accountsOf, userOf } from '../domain/lookup.js';
import { transactionSources } from '../domain/manual.js';
import {
  createTag,
  createTagging,
  deleteTag,
  deleteTagging,
  taggedTransactionPage,
  taggingOf,
  taggingsOf,
  tagOf,
  tagsOf,
  updateTag,
  updateTagging,
} from '../domain/tags.js';
import { overlayOf } from '../domain/transaction-edits.js';
import { parseIncludes } from '../domain/transactions.js';
import { type VersionLayer, versionJson, versionParams, versionRoute } from '../layers/layer.js';
import { pageQuery1000, paginate } from '../pagination.js';
import * as present from '../presenters/categories.js';
import { errorResponses, jsonBody } from '../schemas/common.js';
import * as s from '../schemas/v20250224/categories.js';
import type { VersionApi } from './context.js';
import { type FilterQuery, queryOf, userQuery } from './transactions.js';

function routesFor(v: VersionLayer) {
  const tagRoute = <const R extends Parameters<typeof versionRoute>[2]>(r: R) => versionRoute(v, 'tags', r);
  const taggingRoute = <const R extends Parameters<typeof versionRoute>[2]>(r: R) => versionRoute(v, 'taggings', r);
  const userParam = versionParams(v, 'user_guid');
  const tagParams = versionParams(v, 'user_guid', 'tag_guid');
  const taggingParams = versionParams(v, 'user_guid', 'tagging_guid');
  const tag = versionJson(v, s.TagBodySchema);
  const tagging = versionJson(v, s.TaggingBodySchema);
  // The version's own transaction filters (v20111101: categories) join the query, as on every transaction list.
  const byTagQuery = userQuery.extend(v.transactionQuery) as unknown as typeof userQuery;
  return {
    listTags: tagRoute({
      method: 'get',
      path: '/users/{user_guid}/tags',
      operationId: 'listTags',
      summary: 'List tags',
      description: "The user's tags in the order they were made, starting with the Business tag every user has.",
      request: { params: userParam, query: pageQuery1000 },
      responses: { 200: versionJson(v, s.TagsBodySchema), ...errorResponses(400, 404) },
    }),
    createTag: tagRoute({
      method: 'post',
      path: '/users/{user_guid}/tags',
      operationId: 'createTag',
      summary: 'Create tag',
      request: { params: userParam, body: jsonBody(s.TagCreateBodySchema) },
      responses: { 200: tag, ...errorResponses(400, 404, 415) },
    }),
    readTag: tagRoute({
      method: 'get',
      path: '/users/{user_guid}/tags/{tag_guid}',
      operationId: 'readTag',
      summary: 'Read tag',
      request: { params: tagParams },
      responses: { 200: tag, ...errorResponses(404) },
    }),
    updateTag: tagRoute({
      method: 'put',
      path: '/users/{user_guid}/tags/{tag_guid}',
      operationId: 'updateTag',
      summary: 'Update tag',
      request: { params: tagParams, body: jsonBody(s.TagUpdateBodySchema) },
      responses: { 200: tag, ...errorResponses(400, 404, 415) },
    }),
    deleteTag: tagRoute({
      method: 'delete',
      path: '/users/{user_guid}/tags/{tag_guid}',
      operationId: 'deleteTag',
      summary: 'Delete tag',
      description: 'The tag and every tagging of it.',
      request: { params: tagParams },
      responses: { 204: { description: 'No Content' }, ...errorResponses(404) },
    }),
    listTaggings: taggingRoute({
      method: 'get',
      path: '/users/{user_guid}/taggings',
      operationId: 'listTaggings',
      summary: 'List taggings',
      description: "The user's taggings in the order they were made.",
      request: { params: userParam, query: pageQuery1000 },
      responses: { 200: versionJson(v, s.TaggingsBodySchema), ...errorResponses(400, 404) },
    }),
    createTagging: taggingRoute({
      method: 'post',
      path: '/users/{user_guid}/taggings',
      operationId: 'createTagging',
      summary: 'Create tagging',
      description:
        "Puts one of the user's tags on one of the user's transactions: 404 when either is unknown, 409 when the tag is on the transaction already.",
      request: { params: userParam, body: jsonBody(s.TaggingCreateBodySchema) },
      responses: { 200: tagging, ...errorResponses(400, 404, 409, 415) },
    }),
    readTagging: taggingRoute({
      method: 'get',
      path: '/users/{user_guid}/taggings/{tagging_guid}',
      operationId: 'readTagging',
      summary: 'Read tagging',
      request: { params: taggingParams },
      responses: { 200: tagging, ...errorResponses(404) },
    }),
    updateTagging: taggingRoute({
      method: 'put',
      path: '/users/{user_guid}/taggings/{tagging_guid}',
      operationId: 'updateTagging',
      summary: 'Update tagging',
      description: 'Moves the tagging to another tag of the user; its transaction stays.',
      request: { params: taggingParams, body: jsonBody(s.TaggingUpdateBodySchema) },
      responses: { 200: tagging, ...errorResponses(400, 404, 409, 415) },
    }),
    deleteTagging: taggingRoute({
      method: 'delete',
      path: '/users/{user_guid}/taggings/{tagging_guid}',
      operationId: 'deleteTagging',
      summary: 'Delete tagging',
      request: { params: taggingParams },
      responses: { 204: { description: 'No Content' }, ...errorResponses(404) },
    }),
    byTag: versionRoute(v, 'transactions', {
      method: 'get',
      path: '/users/{user_identifier}/tags/{tag_guid}/transactions',
      operationId: 'listTransactionsByTag',
      summary: 'List transactions by tag',
      description:
        'The transactions the tag is on, newest first, with the filters (and default date window) of every transaction list.',
      request: { params: versionParams(v, 'user_identifier', 'tag_guid'), query: byTagQuery },
      responses: { 200: versionJson(v, v.schemas.TransactionsBody), ...errorResponses(400, 404) },
    }),
  };
}

export function registerTagRoutes(api: VersionApi, v: VersionLayer): void {
  const routes = routesFor(v);

  api.openapi(routes.listTags, (c) => {
    const user = userOf(c.env.tenant, c.req.valid('param'));
    const { items, pagination } = paginate(tagsOf(c.env.tenant, user), c.req.valid('query'), 1000);
    return c.json({ tags: items.map(present.tag), pagination }, 200);
  });

  api.openapi(routes.createTag, (c) => {
    const user = userOf(c.env.tenant, c.req.valid('param'));
    return c.json({ tag: present.tag(createTag(c.env.tenant, user, c.req.valid('json').tag.name)) }, 200);
  });

  api.openapi(routes.readTag, (c) => {
    const params = c.req.valid('param');
    const user = userOf(c.env.tenant, params);
    return c.json({ tag: present.tag(tagOf(c.env.tenant, user, params.tag_guid as string)) }, 200);
  });

  api.openapi(routes.updateTag, (c) => {
    const params = c.req.valid('param');
    const user = userOf(c.env.tenant, params);
    const updated = updateTag(c.env.tenant, user, params.tag_guid as string, c.req.valid('json').tag.name);
    return c.json({ tag: present.tag(updated) }, 200);
  });

  api.openapi(routes.deleteTag, (c) => {
    const params = c.req.valid('param');
    deleteTag(c.env.tenant, userOf(c.env.tenant, params), params.tag_guid as string);
    return c.body(null, 204);
  });

  api.openapi(routes.listTaggings, (c) => {
    const user = userOf(c.env.tenant, c.req.valid('param'));
    const { items, pagination } = paginate(taggingsOf(c.env.tenant, user), c.req.valid('query'), 1000);
    return c.json({ taggings: items.map(present.tagging), pagination }, 200);
  });

  api.openapi(routes.createTagging, (c) => {
    const tenant = c.env.tenant;
    const user = userOf(tenant, c.req.valid('param'));
    const sources = transactionSources(tenant, user, accountsOf(tenant, user));
    const created = createTagging(tenant, user, sources, c.req.valid('json').tagging);
    return c.json({ tagging: present.tagging(created) }, 200);
  });

  api.openapi(routes.readTagging, (c) => {
    const params = c.req.valid('param');
    const user = userOf(c.env.tenant, params);
    return c.json({ tagging: present.tagging(taggingOf(c.env.tenant, user, params.tagging_guid as string)) }, 200);
  });

  api.openapi(routes.updateTagging, (c) => {
    const params = c.req.valid('param');
    const user = userOf(c.env.tenant, params);
    const { tag_guid } = c.req.valid('json').tagging;
    const updated = updateTagging(c.env.tenant, user, params.tagging_guid as string, tag_guid);
    return c.json({ tagging: present.tagging(updated) }, 200);
  });

  api.openapi(routes.deleteTagging, (c) => {
    const params = c.req.valid('param');
    deleteTagging(c.env.tenant, userOf(c.env.tenant, params), params.tagging_guid as string);
    return c.body(null, 204);
  });

  api.openapi(routes.byTag, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    const tag = tagOf(tenant, user, params.tag_guid as string);
    const q = c.req.valid('query') as z.infer<typeof userQuery> & FilterQuery;
    const includes = parseIncludes(q.includes);
    const accounts = transactionSources(tenant, user, accountsOf(tenant, user, q.use_case));
    const { rows, pagination } = taggedTransactionPage(
      tenant,
      user,
      accounts,
      tag.guid,
      queryOf(q),
      tenant.clock.now(),
    );
    const overlay = overlayOf(tenant, user);
    const transactions = rows.map((r) => {
      const tx = v.present.transaction(r.account, r.k, user, includes);
      return overlay ? overlay.apply(tx) : tx;
    });
    return c.json({ transactions, pagination }, 200);
  });
}
