// HTTP Basic auth (client_id:api_key) → the tenant's client_id. API keys are compared, never logged.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { errors } from '../errors.js';
import type { Tenant, Tenants } from '../store/tenant.js';
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
  // A client sends the same header on every request: the client_id a header was accepted for is kept
  // (bounded), so decoding and comparing happen once per header, not once per request.
  const accepted = new Map<string, string>();
  return (header) => {
    const known = header === undefined ? undefined : accepted.get(header);
    if (known !== undefined) return known;
    const clientId = check(header);
    if (accepted.size >= 1000) accepted.clear();
    accepted.set(header as string, clientId);
    return clientId;
  };

  function check(header: string | undefined): string {
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
  }
}

/**
 * Whether a request may change the client's world, so must have a world kept (a tenant slot) before it runs:
 * anything but GET and HEAD; with the contract watch on, every request (it goes into the client's report);
 * in a world with scenario faults, every request (it counts toward their `every`, `times`, probability).
 */
export function mayChangeWorld(method: string, tenant: Tenant, contractWatch: boolean): boolean {
  return (method !== 'GET' && method !== 'HEAD') || contractWatch || tenant.world.faults.length > 0;
}

/**
 * The API's auth step: Basic credentials → the client's tenant, for the rest of the request. 401 otherwise.
 * A request that may change the world needs a slot (503 at the limit); a world that still holds nothing
 * when the request ends is dropped (store/tenant.ts).
 */
export function auth(
  authenticate: (header: string | undefined) => string,
  tenants: Tenants,
  options: { contractWatch: boolean; processorClient?: (c: Context) => string | undefined },
): MiddlewareHandler<RootEnv> {
  return async (c, next) => {
    // A processor's request (middleware/processor-auth.ts) is answered in the world that issued its code or token.
    const clientId = options.processorClient?.(c) ?? authenticate(c.req.header('authorization'));
    const tenant = tenants.enter(clientId);
    try {
      if (mayChangeWorld(c.req.method, tenant, options.contractWatch)) tenants.claim(clientId);
      c.set('tenant', tenant);
      await next();
    } finally {
      tenants.leave(clientId);
    }
  };
}
