// Starts the simulator on a free loopback port and talks to it over real HTTP, recording every
// exchange so each test file can check all of its traffic against the OpenAPI documents.

import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll } from 'vitest';
import type { Exchange } from '../../src/client/contract/validator.js';
import { createSimulator, type SimulatorOptions } from '../../src/server/app.js';
import { ManualClock } from '../../src/server/clock.js';
import { expectConformant } from './contract.js';

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

export async function startServer(options: SimulatorOptions & { clientId?: string } = {}) {
  const clock = options.clock ?? new ManualClock();
  const sim = createSimulator({ ...options, clock });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: sim.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const exchanges: Exchange[] = [];
  const defaultAuth = `${options.clientId ?? 'test-client'}:test-key`;

  async function call<T = any>(method: string, path: string, opts: CallOptions = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Version': 'v20250224' };
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
    const res = await fetch(url + path, { method, headers, body: payload });
    const contentType = res.headers.get('content-type') ?? undefined;
    const bytes = new Uint8Array(await res.arrayBuffer());
    const binary = contentType?.includes('pdf') ?? false;
    const text = binary ? '' : new TextDecoder().decode(bytes);
    const body = binary ? bytes : text && contentType?.includes('json') ? JSON.parse(text) : text || undefined;
    // MX's API only: the simulator's own admin API (/_mx-sim) is not part of either document.
    const versioned =
      (headers['Accept-Version'] ?? 'v20250224') === 'v20250224' && res.status !== 406 && !path.startsWith('/_mx-sim');
    if (versioned) exchanges.push({ method, path, status: res.status, body: binary ? undefined : body, contentType });
    return { status: res.status, headers: res.headers, body, text };
  }

  return {
    sim,
    clock: clock as ManualClock,
    url,
    exchanges,
    call,
    get: <T = any>(path: string, o?: CallOptions) => call<T>('GET', path, o),
    post: <T = any>(path: string, body?: unknown, o?: CallOptions) => call<T>('POST', path, { ...o, body }),
    put: <T = any>(path: string, body?: unknown, o?: CallOptions) => call<T>('PUT', path, { ...o, body }),
    del: <T = any>(path: string, o?: CallOptions) => call<T>('DELETE', path, o),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
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
    await expectConformant(holder.server.exchanges);
  });
  return new Proxy({} as TestServer, { get: (_t, key) => holder.server[key as keyof TestServer] });
}
