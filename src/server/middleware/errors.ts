// The one place errors become MX's JSON: MxError as is, framework errors translated, the rest a 500.
import type { Context, ErrorHandler, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import { errors, MxError } from '../errors.js';

function translate(err: Error): MxError | undefined {
  if (err instanceof MxError) return err;
  if (err instanceof HTTPException) {
    const msg = err.message;
    if (err.status === 400 && /malformed json/i.test(msg)) {
      return new MxError(400, 'Malformed JSON in request body: send a valid JSON document', 'invalid_json');
    }
    if (err.status === 415) {
      return new MxError(
        415,
        "Unsupported Content-Type: send the request body as 'Content-Type: application/json'",
        'unsupported_media_type',
      );
    }
    return new MxError(err.status as MxError['status'], msg || 'Request failed', undefined);
  }
  return undefined;
}

/** The request's id wherever the answer is made: the root chain's variable, or a route table's env. */
function requestIdOf(c: Context): string | undefined {
  return (c.get('requestId') as string | undefined) ?? (c.env as { requestId?: string } | undefined)?.requestId;
}

export function errorResponse(c: Context, err: MxError): Response {
  const id = requestIdOf(c);
  return c.json(err.toBody(), err.status, id === undefined ? err.headers : { ...err.headers, 'X-Request-Id': id });
}

export function onError(logger: Logger): ErrorHandler {
  return (err, c) => {
    const known = translate(err);
    if (known) return errorResponse(c, known);
    // Only the method, path and error: never headers or bodies, which carry credentials.
    logger.error({ err, method: c.req.method, path: c.req.path }, 'unhandled error');
    return errorResponse(c, errors.internal());
  };
}

/** 405 with `Allow` when the path exists for other methods, else 404 (`unknown`'s, or MX's route_not_found). */
export function notFound(app: Hono<any>, unknown: (method: string, path: string) => MxError = errors.routeNotFound) {
  let patterns: Array<{ method: string; re: RegExp }> | undefined;
  return (c: Context) => {
    patterns ??= app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => ({
        method: r.method,
        re: new RegExp(`^${r.path.replace(/:[^/{]+(\{[^}]*\})?/g, '[^/]+').replace(/\./g, '\\.')}$`),
      }));
    const path = c.req.path;
    const allowed = [...new Set(patterns.filter((p) => p.re.test(path)).map((p) => p.method))];
    const err = allowed.length ? errors.methodNotAllowed(c.req.method, path, allowed) : unknown(c.req.method, path);
    return errorResponse(c, err);
  };
}
