// Runs the simulator for a test file and talks HTTP to it, recording every exchange so each test file
// can check all of its traffic against the OpenAPI documents. In-process by default (requests go to
// `app.fetch`, no socket: the http project); `socket: true` listens on a free loopback port and talks
// over real HTTP (the e2e project: MX's SDK, a spawned CLI, a dropped connection).

import { afterAll, beforeAll } from 'vitest';
import { type ApiVersion, V1_MEDIA_TYPE } from '../../src/mx/versions.js';
import { createSimulator, type SimulatorOptions } from '../../src/server/app.js';
import { ManualClock } from '../../src/server/clock.js';
import { listen } from '../../src/server/http-server.js';
import { selectVersion } from '../../src/server/middleware/version.js';
import { type AdminExchange, expectConformant, type VersionedExchange } from './contract.js';

export interface CallOptions {
  body?: unknown;
  /** Raw body text (sent as is); wins over `body`. */
  raw?: string;
  headers?: Record<string, string | undefined>;
  /** Basic credentials as client_id:api_key; default the harness's. */
  auth?: string | null;
}

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export const basic = (pair: string) => `Basic ${Buffer.from(pair).toString('base64')}`;

/**
 * The headers that select each version by default: v20111101 as MX's Node SDK must send it since
 * 2026-08-12 (its v1 media type plus the Accept-Version header MX now requires).
 */
export const VERSION_HEADERS: Record<ApiVersion, Record<string, string>> = {
  v20250224: { Accept: 'application/json', 'Accept-Version': 'v20250224' },
  v20111101: { Accept: V1_MEDIA_TYPE, 'Accept-Version': 'v20111101' },
};

/** The version a request selected on a server (lenient or not), or undefined when it selected none (406). */
function versionOf(headers: { get(name: string): string | null }, lenient: boolean): ApiVersion | undefined {
  try {
    return selectVersion(headers.get('accept-version') ?? undefined, headers.get('accept') ?? undefined, lenient);
  } catch {
    return undefined;
  }
}

export interface ServerOptions extends SimulatorOptions {
  clientId?: string;
  /** The version `call` speaks unless its headers say otherwise. Default v20250224. */
  version?: ApiVersion;
  /**
   * Record every exchange as the server sees it (for clients the test does not drive itself, such as
   * MX's SDK) instead of the exchanges made through `call`.
   */
  recordServerSide?: boolean;
  /** Listen on a free loopback port and talk over real HTTP. Default: in-process, through `app.fetch`. */
  socket?: boolean;
}

/** The origin in-process requests are made to: nothing listens there. */
const IN_PROCESS_ORIGIN = 'http://mx-sim.test';

export async function startServer(options: ServerOptions = {}) {
  const clock = options.clock ?? new ManualClock();
  // In-process, the URIs the simulator hands out (oauth_window_uri) point at the origin requests go to,
  // as `--public-url` makes them; over a socket, at where it listens, as main.ts tells it.
  const sim = createSimulator({
    ...options,
    clock,
    publicUrl: options.publicUrl ?? (options.socket ? undefined : IN_PROCESS_ORIGIN),
  });
  const exchanges: VersionedExchange[] = [];
  /** The admin API's traffic (/_mx-sim), checked against openapi/admin.json rather than MX's documents. */
  const adminExchanges: AdminExchange[] = [];
  const isAdmin = (path: string) => path.startsWith('/_mx-sim/');
  const handler: typeof sim.app.fetch = options.recordServerSide
    ? async (req, env, ctx) => {
        const res = await sim.app.fetch(req, env, ctx);
        const version = versionOf(req.headers, options.lenientVersion ?? false);
        const path = new URL(req.url).pathname;
        if (version && res.status !== 406 && !isAdmin(path)) {
          const contentType = res.headers.get('content-type') ?? undefined;
          const text = contentType?.includes('json') ? await res.clone().text() : '';
          const url = new URL(req.url);
          exchanges.push({
            method: req.method,
            path: url.pathname + url.search,
            status: res.status,
            body: text ? JSON.parse(text) : undefined,
            contentType,
            version,
          });
        }
        return res;
      }
    : sim.app.fetch;
  let url = IN_PROCESS_ORIGIN;
  /** Any HTTP request to the simulator: over the socket, or straight to the app in-process. */
  let send = async (input: string, init?: RequestInit): Promise<Response> => handler(new Request(input, init));
  let close = async () => {};
  if (options.socket) {
    // As main.ts listens: malformed HTTP is answered in MX's error JSON there too.
    const listening = await listen({ fetch: handler, port: 0, hostname: '127.0.0.1' });
    const server = listening.server;
    url = listening.url;
    sim.listeningOn(url);
    send = (input, init) => fetch(input, init);
    close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  }
  const defaultAuth = `${options.clientId ?? 'test-client'}:test-key`;

  async function call<T = any>(method: string, path: string, opts: CallOptions = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...VERSION_HEADERS[options.version ?? 'v20250224'] };
    const auth = opts.auth === undefined ? defaultAuth : opts.auth;
    if (auth !== null) headers.Authorization = basic(auth);
    let payload: string | undefined;
    if (opts.raw !== undefined) payload = opts.raw;
    else if (opts.body !== undefined) payload = JSON.stringify(opts.body);
    if (payload !== undefined) headers['Content-Type'] = 'application/json';
    for (const [k, v] of Object.entries(opts.headers ?? {})) {
      const existing = Object.keys(headers).find((h) => h.toLowerCase() === k.toLowerCase());
      if (existing) delete headers[existing];
      if (v !== undefined) headers[k] = v;
    }
    const res = await send(url + path, { method, headers, body: payload });
    const contentType = res.headers.get('content-type') ?? undefined;
    const bytes = new Uint8Array(await res.arrayBuffer());
    const binary = contentType?.includes('pdf') ?? false;
    const text = binary ? '' : new TextDecoder().decode(bytes);
    const body = binary ? bytes : text && contentType?.includes('json') ? JSON.parse(text) : text || undefined;
    // The simulator's own admin API (/_mx-sim) is part of neither MX document, but of openapi/admin.json.
    const version = versionOf(new Headers(headers), options.lenientVersion ?? false);
    if (isAdmin(path)) adminExchanges.push({ method, path, status: res.status, body, contentType });
    else if (version && !options.recordServerSide && res.status !== 406) {
      exchanges.push({ method, path, status: res.status, body: binary ? undefined : body, contentType, version });
    }
    return { status: res.status, headers: res.headers, body, text };
  }

  return {
    sim,
    clock: clock as ManualClock,
    url,
    exchanges,
    adminExchanges,
    call,
    get: <T = any>(path: string, o?: CallOptions) => call<T>('GET', path, o),
    post: <T = any>(path: string, body?: unknown, o?: CallOptions) => call<T>('POST', path, { ...o, body }),
    put: <T = any>(path: string, body?: unknown, o?: CallOptions) => call<T>('PUT', path, { ...o, body }),
    del: <T = any>(path: string, o?: CallOptions) => call<T>('DELETE', path, o),
    /** A request to any URL the simulator handed out (an oauth_window_uri): `fetch`, without a socket in-process. */
    fetch: send,
    close,
  };
}

export type TestServer = Awaited<ReturnType<typeof startServer>>;

/**
 * One server for a test file, started before its tests; after them, every exchange the file made
 * is checked against the OpenAPI documents.
 */
export function useServer(options: Parameters<typeof startServer>[0] = {}): TestServer {
  const holder = {} as { server: TestServer };
  beforeAll(async () => {
    holder.server = await startServer(options);
  });
  afterAll(async () => {
    await holder.server.close();
    await expectConformant(holder.server.exchanges, holder.server.adminExchanges);
  });
  return new Proxy({} as TestServer, { get: (_t, key) => holder.server[key as keyof TestServer] });
}
