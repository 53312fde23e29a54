// `mx-sim/msw`: Mock Service Worker request handlers answered by an in-process simulator. An app's own code,
// unchanged (MX's SDK, fetch, axios…), calls https://int-api.mx.com or https://api.mx.com as it does in
// production; MSW intercepts the request (`setupServer` from `msw/node`, or a browser worker) and the
// simulator answers it, without a port. `msw` (2.x) is an optional peer dependency: install it beside mx-sim.
import { type HttpHandler, http } from 'msw';
import type { Simulator } from '../server/app.js';

/** MX's integration and production environments: what the handlers answer by default. */
export const MX_BASE_URLS: readonly string[] = ['https://int-api.mx.com', 'https://api.mx.com'];

export interface MxSimHandlersOptions {
  /**
   * The base URLs to answer, each with everything under it (`https://mx.internal.example/api` answers
   * `…/api/users` as `/users`). Default MX_BASE_URLS.
   */
  baseUrls?: readonly string[];
  /**
   * Also answer MX_BASE_URLS when `baseUrls` is given. Default false: only the URLs given are answered
   * (MSW lets every other request through or reports it, as its `onUnhandledRequest` says).
   */
  includeMx?: boolean;
}

/**
 * Request handlers that answer every request under the base URLs from `sim` (`createSimulator()`),
 * for `setupServer(...mxSimHandlers(sim))`. Unless the simulator was given a `publicUrl`, the
 * `oauth_window_uri` it hands out points under the first base URL, so an app (or a test) that opens it
 * reaches the simulator's consent page through the same handlers.
 */
export function mxSimHandlers(sim: Simulator, options: MxSimHandlersOptions = {}): HttpHandler[] {
  const given = options.baseUrls ?? MX_BASE_URLS;
  const bases = [...new Set([...given, ...(options.baseUrls && options.includeMx ? MX_BASE_URLS : [])])].map(
    normalizeBase,
  );
  const [first] = bases;
  if (!first) throw new TypeError('mxSimHandlers: baseUrls is empty');
  // Used only when the simulator has no publicUrl of its own (as for a server, where it listens).
  sim.listeningOn(first);
  return bases.map((base) => {
    const path = new URL(base).pathname;
    return http.all(`${base}/*`, async ({ request }) => {
      if (path === '/') return sim.app.fetch(request);
      // Under a base path: the simulator sees the path after it.
      const url = new URL(request.url);
      url.pathname = url.pathname.slice(path.length) || '/';
      const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
      return sim.app.fetch(
        new Request(url, {
          method: request.method,
          headers: request.headers,
          body: hasBody ? await request.arrayBuffer() : undefined,
          redirect: 'manual',
        }),
      );
    });
  });
}

/** `https://host/path/` → `https://host/path`; refuses what is not an http(s) URL. */
function normalizeBase(base: string): string {
  const url = new URL(base);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`mxSimHandlers: ${base} is not an http(s) URL`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
