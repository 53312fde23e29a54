// The reference client: typed from the project's OpenAPI document (openapi-typescript + openapi-fetch),
// with Basic auth, MX's version headers, timeouts, retries on 429/503 and typed errors.
import createClient, { type Client } from 'openapi-fetch';
import { MxApiError } from './errors.js';
import type { components, paths } from './generated/v20250224.js';
import {
  createTransport,
  type Fetch,
  type RetryEvent,
  type RetryPolicy,
  requestOf,
  type Sleep,
  type WireExchange,
} from './transport.js';

export type Schemas = components['schemas'];
export type MxApi = Client<paths>;

export const API_VERSION = 'v20250224';
/** MX's integration environment (the sandbox with MX Bank). */
export const MX_INTEGRATION_URL = 'https://int-api.mx.com';

export interface MxClientOptions {
  baseUrl: string;
  clientId: string;
  apiKey: string;
  /** The transport under the retries (default global fetch); e.g. an in-process simulator's `app.fetch`. */
  fetch?: Fetch | undefined;
  /** Per attempt. Default 30 s. */
  timeoutMs?: number | undefined;
  retry?: Partial<RetryPolicy> | undefined;
  /** How retries wait; tests inject one to observe the delays without waiting. */
  sleep?: Sleep | undefined;
  random?: (() => number) | undefined;
  onExchange?: ((exchange: WireExchange) => void) | undefined;
  onRetry?: ((event: RetryEvent) => void) | undefined;
}

export interface MxClient {
  /** The typed openapi-fetch client: `api.GET('/users/{user_identifier}', { params: { path: {...} } })`. */
  api: MxApi;
  baseUrl: string;
  /** The transport with auth, timeouts and retries, for URLs outside the document (e.g. an OAuth page). */
  fetch: Fetch;
}

export function createMxClient(options: MxClientOptions): MxClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const transport = createTransport({
    baseUrl,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    sleep: options.sleep,
    random: options.random,
    onExchange: options.onExchange,
    onRetry: options.onRetry,
  });
  const api = createClient<paths>({
    baseUrl,
    fetch: transport,
    headers: {
      Authorization: `Basic ${Buffer.from(`${options.clientId}:${options.apiKey}`).toString('base64')}`,
      Accept: 'application/json',
      'Accept-Version': API_VERSION,
    },
  });
  return { api, baseUrl, fetch: transport };
}

/** What openapi-fetch resolves to: data on success, the parsed error body otherwise. */
interface Outcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The data of a successful call; an MX error (any non-2xx) as an MxApiError with status and message.
 * `const { user } = await ok(mx.api.GET('/users/{user_identifier}', {...}))`
 */
export async function ok<T>(call: Promise<Outcome<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    const origin = requestOf(response);
    throw new MxApiError({
      status: response.status,
      method: origin?.method ?? 'HTTP',
      path: origin?.path ?? (response.url ? new URL(response.url).pathname : '(unknown)'),
      body: error,
      requestId: response.headers.get('x-request-id') ?? undefined,
    });
  }
  return data as T;
}
