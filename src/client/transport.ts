// The fetch the typed client runs on: a timeout per attempt, retries with backoff on 429 and 503 that
// honour Retry-After, and a hook that sees every exchange (contract checks, recordings).
import { MxTimeoutError } from './errors.js';

export type Fetch = (request: Request) => Promise<Response>;
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One request and its answer, as seen on the wire (one per attempt). */
export interface WireExchange {
  method: string;
  /** The full URL, query included. */
  url: string;
  /** Path and query, relative to the client's base URL. */
  path: string;
  requestHeaders: Record<string, string>;
  /** The request body text, if any. */
  requestBody: string | undefined;
  status: number;
  responseHeaders: Record<string, string>;
  contentType: string | undefined;
  /** Parsed JSON, the text for other text types, undefined for binary or empty bodies. */
  responseBody: unknown;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
  /** Milliseconds the attempt took (real time). */
  ms: number;
}

export interface RetryPolicy {
  /** Retries after the first attempt. Default 4. */
  retries: number;
  /** First backoff when the answer has no Retry-After; doubles each retry. Default 500 ms. */
  baseDelayMs: number;
  /** Cap of a computed backoff. Default 30 s. */
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the error goes to the caller. Default 120 s. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  retries: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

export interface RetryEvent {
  method: string;
  path: string;
  /** The status that caused the retry, or undefined after a network error or timeout. */
  status: number | undefined;
  attempt: number;
  delayMs: number;
  /** Whether the delay came from the server's Retry-After header. */
  fromRetryAfter: boolean;
}

export interface TransportOptions {
  baseUrl: string;
  fetch?: Fetch | undefined;
  timeoutMs?: number | undefined;
  retry?: Partial<RetryPolicy> | undefined;
  sleep?: Sleep | undefined;
  /** Jitter source for computed backoffs (not for Retry-After): 0..1. Default Math.random. */
  random?: (() => number) | undefined;
  /** Clock for HTTP-date Retry-After values. Default Date.now. */
  now?: (() => number) | undefined;
  onExchange?: ((exchange: WireExchange) => void) | undefined;
  onRetry?: ((event: RetryEvent) => void) | undefined;
}

/** 429 (rate limit) and 503 (maintenance) mean the request was not applied, so any method may retry. */
const RETRY_STATUSES = new Set([429, 503]);
/** After a timeout or a dropped connection only these may retry: a POST may already have created something. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/** Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function headersObject(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => {
    out[key] = value;
  });
  return out;
}

/** Hooks never see the API key: the Authorization value is replaced. */
function redactAuth(headers: Record<string, string>): Record<string, string> {
  if (headers.authorization) headers.authorization = '[REDACTED]';
  return headers;
}

async function readBody(res: Response): Promise<unknown> {
  const type = res.headers.get('content-type') ?? '';
  if (!/json|text|xml|html/.test(type)) return undefined;
  const text = await res.text();
  if (!text) return undefined;
  if (!/json/.test(type)) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The request each answered Response came from, so errors can name it (Response.url is empty in-process). */
const origins = new WeakMap<Response, { method: string; path: string }>();

export function requestOf(res: Response): { method: string; path: string } | undefined {
  return origins.get(res);
}

export function createTransport(options: TransportOptions): Fetch {
  const inner: Fetch = options.fetch ?? ((req) => fetch(req));
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const base = options.baseUrl.replace(/\/+$/, '');

  /** One attempt, bounded by the timeout (raced, so in-process transports that ignore signals stop too). */
  async function attempt(request: Request): Promise<Response> {
    const controller = new AbortController();
    const signal = AbortSignal.any([request.signal, controller.signal]);
    const path = new URL(request.url).pathname;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new MxTimeoutError(request.method, path, timeoutMs));
      }, timeoutMs);
    });
    try {
      return await Promise.race([inner(new Request(request, { signal })), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  return async (original: Request): Promise<Response> => {
    const method = original.method.toUpperCase();
    const url = original.url;
    const path = url.startsWith(base) ? url.slice(base.length) || '/' : url;
    const requestBody = original.body ? await original.clone().text() : undefined;
    for (let n = 1; ; n++) {
      const started = performance.now();
      let res: Response;
      try {
        res = await attempt(original.clone());
      } catch (err) {
        if (n > policy.retries || !IDEMPOTENT.has(method)) throw err;
        const delayMs = backoff(n);
        options.onRetry?.({ method, path, status: undefined, attempt: n, delayMs, fromRetryAfter: false });
        await sleep(delayMs);
        continue;
      }
      if (options.onExchange) {
        options.onExchange({
          method,
          url,
          path,
          requestHeaders: redactAuth(headersObject(original.headers)),
          requestBody,
          status: res.status,
          responseHeaders: headersObject(res.headers),
          contentType: res.headers.get('content-type') ?? undefined,
          responseBody: await readBody(res.clone()),
          attempt: n,
          ms: Math.round(performance.now() - started),
        });
      }
      origins.set(res, { method, path: new URL(url).pathname });
      if (!RETRY_STATUSES.has(res.status) || n > policy.retries) return res;
      const retryAfter = parseRetryAfter(res.headers.get('retry-after'), now());
      if (retryAfter !== undefined && retryAfter > policy.maxRetryAfterMs) return res;
      origins.delete(res);
      const delayMs = retryAfter ?? backoff(n);
      options.onRetry?.({
        method,
        path,
        status: res.status,
        attempt: n,
        delayMs,
        fromRetryAfter: retryAfter !== undefined,
      });
      // The unread body would otherwise hold the connection open.
      await res.body?.cancel();
      await sleep(delayMs);
    }
  };

  /** Exponential backoff with jitter (half fixed, half random), so many clients do not retry in step. */
  function backoff(n: number): number {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
    return Math.round(ceiling / 2 + (ceiling / 2) * random());
  }
}
