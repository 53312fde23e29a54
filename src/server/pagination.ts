// The one pagination helper every list endpoint uses, with MX's documented rules.
import { z } from '@hono/zod-openapi';

export interface Pagination {
  current_page: number;
  per_page: number;
  total_entries: number;
  total_pages: number;
}

export interface PageRequest {
  page?: number | undefined;
  records_per_page?: number | undefined;
}

export const DEFAULT_PER_PAGE = 25;
const MIN_PER_PAGE = 10;

/**
 * MX: `records_per_page` defaults to 25; above the endpoint's maximum it falls back to 25; below 10
 * it is raised to 10. A `page` below 1 is page 1; a page past the end is empty with true totals.
 */
export function resolvePage(req: PageRequest, max: 100 | 1000): { page: number; perPage: number } {
  let perPage = req.records_per_page ?? DEFAULT_PER_PAGE;
  if (perPage > max) perPage = DEFAULT_PER_PAGE;
  if (perPage < MIN_PER_PAGE) perPage = MIN_PER_PAGE;
  const page = req.page === undefined || req.page < 1 ? 1 : req.page;
  return { page, perPage };
}

export function paginate<T>(
  items: readonly T[],
  req: PageRequest,
  max: 100 | 1000,
): { items: T[]; pagination: Pagination } {
  return paginateFrom((start, count) => ({ total: items.length, items: items.slice(start, start + count) }), req, max);
}

/**
 * As `paginate`, over a source that gives one page and the total itself (`items` from `start` on, at
 * most `count` of them), so a page need not cost a copy of everything.
 */
export function paginateFrom<T>(
  source: (start: number, count: number) => { total: number; items: T[] },
  req: PageRequest,
  max: 100 | 1000,
): { items: T[]; pagination: Pagination } {
  const { page, perPage } = resolvePage(req, max);
  const start = (page - 1) * perPage;
  const { total, items } = source(start, perPage);
  return {
    items: start < total ? items : [],
    pagination: {
      current_page: page,
      per_page: perPage,
      total_entries: total,
      total_pages: Math.ceil(total / perPage),
    },
  };
}

const integerParam = () =>
  z
    .string()
    .regex(/^-?\d+$/, 'must be a whole number')
    .transform((v) => Number.parseInt(v, 10))
    .optional();

/**
 * The largest page asked for: the page is echoed as `current_page`, and a number past 2^53 would come
 * back rounded, as 1e+23 or as null (past the largest double), none of which a client reads as an integer.
 */
export const MAX_PAGE = 2_147_483_647;

function pageQuery(max: 100 | 1000) {
  return z.object({
    page: integerParam()
      .refine((n) => n === undefined || n <= MAX_PAGE, `must be a whole number up to ${MAX_PAGE}`)
      .openapi({
        param: { name: 'page', in: 'query', description: 'Results are paginated. Specify current page.' },
        type: 'integer',
        example: 1,
      }),
    records_per_page: integerParam().openapi({
      param: {
        name: 'records_per_page',
        in: 'query',
        description: `Records per page. Defaults to 25; the valid range is 10 to ${max}; above ${max} the default of 25 is used, below 10 it is raised to 10.`,
      },
      type: 'integer',
      example: 25,
    }),
  });
}

/** Query schemas for the two maxima MX uses (`recordsPerPage` and `recordsPerPageMax1000`). */
export const pageQuery100 = pageQuery(100);
export const pageQuery1000 = pageQuery(1000);

export const PaginationSchema = z
  .object({
    current_page: z.number().int().openapi({ example: 1 }),
    per_page: z.number().int().openapi({ example: 25 }),
    total_entries: z.number().int().openapi({ example: 1 }),
    total_pages: z.number().int().openapi({ example: 1 }),
  })
  .openapi('PaginationResponse');
