// Every answer carries X-Request-Id: the caller's own when Hono's request-id middleware would accept it
// (at most 255 word characters, '-' or '='), else the next deterministic id (req-000001, ...).
import type { MiddlewareHandler } from 'hono';
import type { RootEnv } from './env.js';

export function requestId(): MiddlewareHandler<RootEnv> {
  let issued = 0;
  return (c, next) => {
    const given = c.req.header('x-request-id');
    const id =
      given && given.length <= 255 && !/[^\w\-=]/.test(given)
        ? given
        : `req-${(++issued).toString(36).padStart(6, '0')}`;
    c.set('requestId', id);
    // Whoever makes an answer puts the id on it: errors (errorResponse), the consent page, the route
    // tables (version-app.ts, routes/admin/app.ts). Not `c.header()` here: that builds a Headers object
    // for every request, which the route tables' own answers never use.
    return next();
  };
}
