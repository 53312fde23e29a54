// Single-use OAuth window tokens, across tenants: the consent page is opened without MX auth.
export interface OAuthSession {
  clientId: string;
  userGuid: string;
  memberGuid: string;
}

export class OAuthSessions {
  readonly #byToken = new Map<string, OAuthSession>();

  /** A new URI for the member; each works once. */
  issue(origin: string, token: string, session: OAuthSession): string {
    this.#byToken.set(token, session);
    return `${origin}/oauth/authorize/${token}`;
  }

  peek(token: string): OAuthSession | undefined {
    return this.#byToken.get(token);
  }

  take(token: string): OAuthSession | undefined {
    const s = this.#byToken.get(token);
    this.#byToken.delete(token);
    return s;
  }
}
