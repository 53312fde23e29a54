// Iterates every page of any MX list: MX answers `{<items>: [...], pagination: {current_page, total_pages, …}}`.
import { ok } from './client.js';

export interface Pagination {
  current_page?: number | null;
  per_page?: number | null;
  total_entries?: number | null;
  total_pages?: number | null;
}

type ListBody<K extends string> = { [P in K]: readonly unknown[] } & { pagination?: Pagination };

export interface PageQuery {
  page: number;
  records_per_page: number;
}

/**
 * Every item of a list, page after page, until `total_pages` (or an empty page).
 *
 * ```ts
 * for await (const account of eachItem('accounts', (q) =>
 *   mx.api.GET('/users/{user_identifier}/accounts', { params: { path: { user_identifier }, query: q } }))) { … }
 * ```
 */
export async function* eachItem<K extends string, B extends ListBody<K>>(
  key: K,
  fetchPage: (query: PageQuery) => Promise<{ data?: B; error?: unknown; response: Response }>,
  options: { perPage?: number; maxPages?: number } = {},
): AsyncGenerator<B[K][number]> {
  const perPage = options.perPage ?? 100;
  const maxPages = options.maxPages ?? 10_000;
  for (let page = 1; page <= maxPages; page++) {
    const body = await ok(fetchPage({ page, records_per_page: perPage }));
    // A 204 (e.g. challenges when there are none) is an empty list.
    const items = (body?.[key] ?? []) as B[K];
    yield* items as Iterable<B[K][number]>;
    const total = body?.pagination?.total_pages;
    if (items.length === 0 || total == null || page >= total) return;
  }
}

/** Every item of a list as an array. */
export async function listAll<K extends string, B extends ListBody<K>>(
  key: K,
  fetchPage: (query: PageQuery) => Promise<{ data?: B; error?: unknown; response: Response }>,
  options: { perPage?: number; maxPages?: number } = {},
): Promise<B[K][number][]> {
  const out: B[K][number][] = [];
  for await (const item of eachItem(key, fetchPage, options)) out.push(item);
  return out;
}
