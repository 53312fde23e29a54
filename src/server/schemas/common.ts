// Schemas shared by every route and version: the error body, query helpers.
import { z } from '@hono/zod-openapi';
import { PRODUCT_INPUTS } from '../../mx/products.js';

export const ErrorResponseSchema = z
  .object({
    error: z.object({
      message: z.string().openapi({ example: 'user not found: no user with identifier USR-123' }),
      status: z.string().openapi({ example: 'not_found' }),
      type: z.string().openapi({ example: 'not_found' }),
    }),
  })
  .openapi('ErrorResponse');

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Bad request: a parameter or body field is missing or invalid; the message names it.',
  401: 'Unauthorized: missing or invalid HTTP Basic credentials (client_id:api_key).',
  403: 'Forbidden: the product this request needs is not enabled for the client; the message names it.',
  404: 'Not found: no such resource for this client.',
  405: "Method not allowed: the member's state does not meet the endpoint's constraint; the message says what to do first.",
  406: 'Not acceptable: no valid API version was requested.',
  409: 'Conflict: a resource with these attributes already exists.',
  415: 'Unsupported media type: send the body as application/json.',
};

/** Documented error responses, all in MX's error envelope. */
export function errorResponses(...statuses: number[]) {
  const out: Record<
    string,
    { description: string; content: { 'application/json': { schema: typeof ErrorResponseSchema } } }
  > = {};
  for (const status of [401, 406, ...statuses]) {
    out[String(status)] = {
      description: ERROR_DESCRIPTIONS[status] ?? 'Error',
      content: { 'application/json': { schema: ErrorResponseSchema } },
    };
  }
  return out;
}

/** A query value that may be given once, repeated (`k=a&k=b`) or comma-separated. */
export const multiValue = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) =>
    v === undefined
      ? undefined
      : (Array.isArray(v) ? v : [v])
          .flatMap((s) => s.split(','))
          .map((s) => s.trim())
          .filter(Boolean),
  );

/** Merge `key` and its `key[]` form into one list. */
export function mergeArrayParam(a: string[] | undefined, b: string[] | undefined): string[] | undefined {
  if (a === undefined && b === undefined) return undefined;
  return [...(a ?? []), ...(b ?? [])];
}

export const booleanQuery = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .transform((v) => v === 'true')
  .optional();

export const productListParam = (name: string) =>
  multiValue.openapi({
    param: { name, in: 'query', style: 'form', explode: true },
    type: 'array',
    items: { type: 'string', enum: [...PRODUCT_INPUTS] },
  });

/** A JSON response entry for a route definition. */
export const json = <T>(schema: T, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});

/** A required JSON request body for a route definition. */
export const jsonBody = <T>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });

const DATE_FORMAT = 'must be a Unix timestamp in seconds or a date YYYY-MM-DD';
/** A day that exists (zod's check knows month lengths and leap years; Date.parse takes 2026-02-30 for March 2). */
const calendarDay = z.iso.date();
/** A transaction date filter: a Unix timestamp in seconds or a date (MX's versions disagree; both are taken). */
export const dateParam = (name: string, description: string) =>
  z
    .string()
    .regex(/^(\d{1,12}|\d{4}-\d{2}-\d{2})$/, DATE_FORMAT)
    .refine(
      (v) => !/^\d{4}-\d{2}-\d{2}$/.test(v) || calendarDay.safeParse(v).success,
      'is not a real calendar date (check the month and the day)',
    )
    .optional()
    .openapi({ param: { name, in: 'query', description }, example: '2026-01-01' });

/** The branch zod-to-openapi writes for `null` in a union, for OpenAPI 3.0. */
const isNullBranch = (s: unknown) =>
  typeof s === 'object' && s !== null && Object.keys(s).length === 1 && (s as { nullable?: unknown }).nullable === true;

/**
 * A generated document as OpenAPI 3.0 means it. For a nullable union zod-to-openapi writes
 * `anyOf: [A, B, { nullable: true }]`, but 3.0 has no `nullable` without a `type`, and JSON Schema
 * validators (so every contract check of the document) refuse the schema. Such a union becomes its typed
 * branches, each nullable. A copy: the generator's objects are left as they are. A union with an untyped
 * branch (a $ref) is left too; test/http/openapi.test.ts compiles every schema and would name it.
 */
export function nullableBranches<T>(doc: T): T {
  const copy = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(copy);
    if (typeof node !== 'object' || node === null) return node;
    const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, copy(v)])) as Record<string, unknown>;
    const branches = out.anyOf;
    if (Array.isArray(branches) && branches.some(isNullBranch)) {
      const typed = branches.filter((b) => !isNullBranch(b));
      if (typed.every((b) => typeof b === 'object' && b !== null && 'type' in b)) {
        out.anyOf = typed.map((b) => ({ ...(b as object), nullable: true }));
      }
    }
    return out;
  };
  return copy(doc) as T;
}
