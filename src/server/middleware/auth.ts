// HTTP Basic auth (client_id:api_key) → the tenant's client_id. API keys are compared, never logged.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { errors } from '../errors.js';
import type { Tenants } from '../store/tenant.js';
import type { RootEnv } from './env.js';

export interface ClientCredential {
  client_id: string;
  api_key: string;
}

const HINT = "send 'Authorization: Basic base64(client_id:api_key)'";

export function parseBasicAuth(header: string | undefined): { clientId: string; apiKey: string } {
  if (!header) throw errors.unauthorized(`Missing Authorization header: ${HINT}`);
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!match) throw errors.unauthorized(`Authorization header is not HTTP Basic: ${HINT}`);
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1) {
    throw errors.unauthorized(
      `Authorization header must encode a non-empty client_id and api_key separated by ':': ${HINT}`,
    );
  }
  return { clientId: decoded.slice(0, colon), apiKey: decoded.slice(colon + 1) };
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Checks the Authorization header and returns its client_id. Any non-empty pair is accepted unless
 * `clients` restricts access to configured pairs.
 */
export function authenticator(clients?: readonly ClientCredential[]): (header: string | undefined) => string {
  const allowed = clients?.length ? new Map(clients.map((k) => [k.client_id, digest(k.api_key)])) : undefined;
  return (header) => {
    const { clientId, apiKey } = parseBasicAuth(header);
    if (allowed) {
      const expected = allowed.get(clientId);
      if (!expected || !timingSafeEqual(expected, digest(apiKey))) {
        throw errors.unauthorized(
          'Invalid client_id or api_key for this simulator (it only accepts configured clients)',
        );
      }
    }
    return clientId;
  };
}

/** The API's auth step: Basic credentials → the client's tenant (created on first use). 401 otherwise. */
export function auth(
  authenticate: (header: string | undefined) => string,
  tenants: Tenants,
): MiddlewareHandler<RootEnv> {
  return (c, next) => {
    c.set('tenant', tenants.get(authenticate(c.req.header('authorization'))));
    return next();
  };
}
