// One log line per request: id, method, path, status, duration. Never headers, bodies or query values
// beyond the path, so credentials and API keys never reach the log.
import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import type { RootEnv } from './env.js';

export function accessLog(logger: Logger): MiddlewareHandler<RootEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    logger.info(
      {
        reqId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  };
}
