// A tenant's processor authorization codes and access tokens. Only a SHA-256 of each code and token is
// kept (and a short prefix of the token, for lists): the store, a state file and an export never hold one.
import { createHash, createHmac, randomBytes } from 'node:crypto';

/** What a code or token gives access to: one account of one member of one user. */
export interface ProcessorScope {
  user_guid: string;
  member_guid: string;
  account_guid: string;
}

export interface AuthorizationCodeRecord extends ProcessorScope {
  /** SHA-256 (hex) of the code. */
  hash: string;
  issued_at: number;
  expires_at: number;
  /** When a processor exchanged it (codes are single use); null before. */
  used_at: number | null;
}

export interface AccessTokenRecord extends ProcessorScope {
  /** SHA-256 (hex) of the token. */
  hash: string;
  /** The first characters of the token, for lists (`i8FnF...`). */
  prefix: string;
  /** The processor that exchanged the code (PPR-…, stable per processor client_id). */
  payment_processor_guid: string;
  issued_at: number;
  expires_at: number;
  /** When a scenario revokes it (null: never). */
  revoked_at: number | null;
}

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/**
 * Drawn once per process and never shown. A bearer token alone opens a client's world (a processor has
 * no other credential there), so codes and tokens must not be worked out from the seed and client_id the
 * way guids are: each is an HMAC under this secret of the client, a seeded draw and a count that never
 * repeats in the process (a world reset draws the same guids again, never the same token).
 */
const PROCESS_SECRET = randomBytes(32);
let minted = 0;

/** A new code or token: 256 bits, base64url (43 characters, like MX's). */
export function mintSecret(clientId: string, draw: string): string {
  minted++;
  return createHmac('sha256', PROCESS_SECRET).update(`${clientId}\u0000${draw}\u0000${minted}`).digest('base64url');
}

export class ProcessorStore {
  readonly #codes = new Map<string, AuthorizationCodeRecord>();
  readonly #tokens = new Map<string, AccessTokenRecord>();

  addCode(code: AuthorizationCodeRecord): void {
    this.#codes.set(code.hash, code);
  }

  addToken(token: AccessTokenRecord): void {
    this.#tokens.set(token.hash, token);
  }

  /** The code a processor presents, by its SHA-256 (hex). */
  codeByHash(hash: string): AuthorizationCodeRecord | undefined {
    return this.#codes.get(hash);
  }

  /** The token a processor presents, by its SHA-256 (hex). */
  tokenByHash(hash: string): AccessTokenRecord | undefined {
    return this.#tokens.get(hash);
  }

  codes(): AuthorizationCodeRecord[] {
    return [...this.#codes.values()];
  }

  tokens(): AccessTokenRecord[] {
    return [...this.#tokens.values()];
  }

  get size(): number {
    return this.#codes.size + this.#tokens.size;
  }
}
