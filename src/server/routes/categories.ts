// Categories: MX's default tree (with or without a user in the path) and each user's custom categories
// (create under a top-level default category, read, update, delete). Paths take the user guid.
import {
  categoriesOf,
  categoryOf,
  createCategory,
  defaultCategoryOf,
  deleteCategory,
  updateCategory,
} from '../domain/categories.js';
import { userOf } from '../domain/lookup.js';
import { DEFAULT_CATEGORIES } from '../generators/categories.js';
import { type VersionLayer, versionJson, versionParams, versionRoute } from '../layers/layer.js';
import { pageQuery100, pageQuery1000, paginate } from '../pagination.js';
import * as present from '../presenters/categories.js';
import { errorResponses, jsonBody } from '../schemas/common.js';
import * as s from '../schemas/v20250224/categories.js';
import type { VersionApi } from './context.js';

const DEFAULTS = `MX's ${DEFAULT_CATEGORIES.length} default categories and subcategories (is_default true), each top-level one followed by its subcategories.`;

function routesFor(v: VersionLayer) {
  const route = <const R extends Parameters<typeof versionRoute>[2]>(r: R) => versionRoute(v, 'categories', r);
  const one = versionJson(v, s.CategoryBodySchema);
  const many = versionJson(v, s.CategoriesBodySchema);
  return {
    // The `default` paths come before `{category_guid}`, so that the literal segment wins.
    listDefault: route({
      method: 'get',
      path: '/categories/default',
      operationId: 'listDefaultCategories',
      summary: 'List default categories',
      description: DEFAULTS,
      request: { query: pageQuery100 },
      responses: { 200: many, ...errorResponses(400) },
    }),
    readDefault: route({
      method: 'get',
      path: '/categories/{category_guid}',
      operationId: 'readDefaultCategory',
      summary: 'Read a default category',
      description: 'A default category only: a custom category is read under its user.',
      request: { params: versionParams(v, 'category_guid') },
      responses: { 200: one, ...errorResponses(404) },
    }),
    listDefaultByUser: route({
      method: 'get',
      path: '/users/{user_guid}/categories/default',
      operationId: 'listDefaultCategoriesByUser',
      summary: 'List default categories by user',
      description: `${DEFAULTS} The same list as GET /categories/default, for an existing user.`,
      request: { params: versionParams(v, 'user_guid'), query: pageQuery1000 },
      responses: { 200: many, ...errorResponses(400, 404) },
    }),
    list: route({
      method: 'get',
      path: '/users/{user_guid}/categories',
      operationId: 'listCategories',
      summary: 'List categories',
      description: "The default categories, then the user's custom categories in the order they were made.",
      request: { params: versionParams(v, 'user_guid'), query: pageQuery1000 },
      responses: { 200: many, ...errorResponses(400, 404) },
    }),
    create: route({
      method: 'post',
      path: '/users/{user_guid}/categories',
      operationId: 'createCategory',
      summary: 'Create category',
      description:
        'A custom category goes under a top-level default category (`parent_guid`: a default category whose ' +
        '`parent_guid` is null): 404 for an unknown guid, 400 for any other category.',
      request: { params: versionParams(v, 'user_guid'), body: jsonBody(s.CategoryCreateBodySchema) },
      responses: { 200: one, ...errorResponses(400, 404, 415) },
    }),
    read: route({
      method: 'get',
      path: '/users/{user_guid}/categories/{category_guid}',
      operationId: 'readCategory',
      summary: 'Read a custom category',
      description: "A default category or one of the user's custom categories.",
      request: { params: versionParams(v, 'user_guid', 'category_guid') },
      responses: { 200: one, ...errorResponses(404) },
    }),
    update: route({
      method: 'put',
      path: '/users/{user_guid}/categories/{category_guid}',
      operationId: 'updateCategory',
      summary: 'Update category',
      description: 'A custom category: its name and metadata (at least one). A default category cannot change (400).',
      request: {
        params: versionParams(v, 'user_guid', 'category_guid'),
        body: jsonBody(s.CategoryUpdateBodySchema),
      },
      responses: { 200: one, ...errorResponses(400, 404, 415) },
    }),
    remove: route({
      method: 'delete',
      path: '/users/{user_guid}/categories/{category_guid}',
      operationId: 'deleteCategory',
      summary: 'Delete category',
      description: 'A custom category (a default category cannot be deleted: 400).',
      request: { params: versionParams(v, 'user_guid', 'category_guid') },
      responses: { 204: { description: 'No Content' }, ...errorResponses(400, 404) },
    }),
  };
}

const defaults = DEFAULT_CATEGORIES.map((category) => ({ kind: 'default', category }) as const);

export function registerCategoryRoutes(api: VersionApi, v: VersionLayer): void {
  const routes = routesFor(v);

  api.openapi(routes.listDefault, (c) => {
    const { items, pagination } = paginate(defaults, c.req.valid('query'), 100);
    return c.json({ categories: items.map(present.category), pagination }, 200);
  });

  api.openapi(routes.readDefault, (c) => {
    const guid = c.req.valid('param').category_guid as string;
    return c.json({ category: present.category({ kind: 'default', category: defaultCategoryOf(guid) }) }, 200);
  });

  api.openapi(routes.listDefaultByUser, (c) => {
    userOf(c.env.tenant, c.req.valid('param'));
    const { items, pagination } = paginate(defaults, c.req.valid('query'), 1000);
    return c.json({ categories: items.map(present.category), pagination }, 200);
  });

  api.openapi(routes.list, (c) => {
    const user = userOf(c.env.tenant, c.req.valid('param'));
    const { items, pagination } = paginate(categoriesOf(c.env.tenant, user), c.req.valid('query'), 1000);
    return c.json({ categories: items.map(present.category), pagination }, 200);
  });

  api.openapi(routes.create, (c) => {
    const user = userOf(c.env.tenant, c.req.valid('param'));
    const created = createCategory(c.env.tenant, user, c.req.valid('json').category);
    return c.json({ category: present.category({ kind: 'custom', category: created }) }, 200);
  });

  api.openapi(routes.read, (c) => {
    const params = c.req.valid('param');
    const user = userOf(c.env.tenant, params);
    return c.json({ category: present.category(categoryOf(c.env.tenant, user, params.category_guid as string)) }, 200);
  });

  api.openapi(routes.update, (c) => {
    const params = c.req.valid('param');
    const user = userOf(c.env.tenant, params);
    const updated = updateCategory(c.env.tenant, user, params.category_guid as string, c.req.valid('json').category);
    return c.json({ category: present.category({ kind: 'custom', category: updated }) }, 200);
  });

  api.openapi(routes.remove, (c) => {
    const params = c.req.valid('param');
    deleteCategory(c.env.tenant, userOf(c.env.tenant, params), params.category_guid as string);
    return c.body(null, 204);
  });
}
