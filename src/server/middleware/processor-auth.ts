// Which client's world a processor's request belongs to. A processor authenticates as itself (POST /token:
// Basic processor_id:api_key) or with nothing but an access token (Bearer), while the code or token was
// issued in the world of the client that asked for it: that world answers. Every other request: undefined.
import type { Context } from 'hono';
import { bearerToken, isProcessorRead, PROCESSOR_READ_PATHS, unknownToken } from '../domain/processor.js';
import { errors } from '../errors.js';
import { hashSecret } from '../store/processor.js';
import type { Tenants } from '../store/tenant.js';

export const TOKEN_PATH = '/token';

export function processorClient(
  tenants: Tenants,
  authenticate: (header: string | undefined) => string,
): (c: Context) => string | undefined {
  const holding = (has: (clientId: string) => boolean) => tenants.clientIds().find(has);
  return (c) => {
    const header = c.req.header('authorization');
    const token = bearerToken(header);
    if (token !== undefined) {
      // A token opens its account's reads and nothing else of the client's world.
      if (!isProcessorRead(c.req.path)) {
        throw errors.unauthorized(
          `A processor's access token opens only ${Object.values(PROCESSOR_READ_PATHS).join(', ')}; ` +
            "everything else takes the client's 'Authorization: Basic base64(client_id:api_key)'",
        );
      }
      const hash = hashSecret(token);
      const clientId = holding((id) => tenants.find(id)?.processor.tokenByHash(hash) !== undefined);
      if (clientId === undefined) throw unknownToken();
      return clientId;
    }
    if (c.req.method !== 'POST' || c.req.path !== TOKEN_PATH) return undefined;
    // The processor's own credentials are checked as any client's; the code says whose world it is.
    authenticate(header);
    const code = c.req.query('code');
    if (!code) return undefined;
    const hash = hashSecret(code);
    return holding((id) => tenants.find(id)?.processor.codeByHash(hash) !== undefined);
  };
}
