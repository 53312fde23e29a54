// A browser that has typed Basic credentials (the inspector page) sends them with any request to the
// simulator, a form POST from another site's page included. So a write a browser marks as coming from another
// site (`Sec-Fetch-Site: cross-site` or `same-site`) is refused with 403 before anything runs. Scripts, SDKs and
// servers send no such header and are not affected; the inspector's own requests are same-origin.
import type { MiddlewareHandler } from 'hono';
import { MxError } from '../errors.js';
import type { RootEnv } from './env.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function crossSiteWrites(): MiddlewareHandler<RootEnv> {
  return (c, next) => {
    if (SAFE.has(c.req.method)) return next();
    const site = c.req.header('sec-fetch-site');
    if (site === 'cross-site' || site === 'same-site') {
      throw new MxError(
        403,
        `A browser sent this ${c.req.method} from another site's page (Sec-Fetch-Site: ${site}); the simulator refuses writes from other sites so that a page cannot act with the credentials your browser keeps for it. Call it from a script or server, or from its own inspector page.`,
        'cross_site_request',
      );
    }
    return next();
  };
}
