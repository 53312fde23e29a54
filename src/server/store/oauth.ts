// OAuth window tokens, across tenants. The consent page is opened without MX auth (a user's browser has
// no API key), so the token in the URI is all that guards a member's consent: unguessable, good once,
// and only the member's newest one.
import { createHmac, randomBytes } from 'node:crypto';

/**
 * Drawn once per process and never shown: tokens are an HMAC under it, so nobody can work one out from
 * the seed, the client_id or the member, while one process given the same seed and the same requests
 * still hands out the same URIs (two simulators in one test compare equal).
 */
const PROCESS_SECRET = randomBytes(32);

export interface OAuthSession {
  clientId: string;
  userGuid: string;
  memberGuid: string;
  /** The URI handed out; a token is good only while it is still the member's `oauth_window_uri`. */
  uri: string;
  /** The member's connection status when the window was issued; the token dies when the member leaves it. */
  status: string | null;
}

export class OAuthSessions {
  readonly #byToken = new Map<string, OAuthSession>();
  /** The one live token per member (client_id and member guid). */
  readonly #byMember = new Map<string, string>();
  /** How many tokens each client_id was issued: survives resets, so a reset never reissues a used token. */
  readonly #issued = new Map<string, number>();

  /** A new token for the client: 128 bits of HMAC-SHA256 over the client, a seeded draw and a count. */
  token(clientId: string, draw: string): string {
    const n = (this.#issued.get(clientId) ?? 0) + 1;
    this.#issued.set(clientId, n);
    return createHmac('sha256', PROCESS_SECRET).update(`${clientId}\u0000${draw}\u0000${n}`).digest('hex').slice(0, 32);
  }

  /** A new URI under `base` for the member; any earlier token of the member stops working. */
  issue(base: string, token: string, session: Omit<OAuthSession, 'uri'>): string {
    const uri = `${base}/oauth/authorize/${token}`;
    const key = memberKey(session.clientId, session.memberGuid);
    const previous = this.#byMember.get(key);
    if (previous !== undefined) this.#byToken.delete(previous);
    this.#byMember.set(key, token);
    this.#byToken.set(token, { ...session, uri });
    return uri;
  }

  peek(token: string): OAuthSession | undefined {
    return this.#byToken.get(token);
  }

  /** Uses a token up (or forgets a stale one). */
  take(token: string): OAuthSession | undefined {
    const s = this.#byToken.get(token);
    if (!s) return undefined;
    this.#byToken.delete(token);
    const key = memberKey(s.clientId, s.memberGuid);
    if (this.#byMember.get(key) === token) this.#byMember.delete(key);
    return s;
  }
}

const memberKey = (clientId: string, memberGuid: string) => `${clientId}\u0000${memberGuid}`;
