// Selects the API version from the headers, as MX does, or answers 406 saying what to send.
// Since 12 August 2026 MX requires `Accept-Version` on every call (docs/mx-behaviour.md, "Versions and
// headers"); `lenient` keeps the older rule, where the v1 `Accept` alone selects v20111101.

import type { MiddlewareHandler } from 'hono';
import { API_VERSIONS, type ApiVersion, isApiVersion, V1_MEDIA_TYPE } from '../../mx/versions.js';
import { errors } from '../errors.js';
import type { RootEnv } from './env.js';

const HOW =
  "send 'Accept-Version: v20250224' (with 'Accept: application/json') or 'Accept-Version: v20111101' for the legacy version";

/** Accept values v20250224 can answer: JSON, the v1 media type (sent by MX's v3 SDK examples), PDFs, wildcards. */
const ACCEPTABLE =
  /(^|[\s,])(\*\/\*|application\/\*|application\/([a-z0-9.+-]*\+)?json|application\/vnd\.mx\.api\.v1\+pdf|application\/pdf)(\s*;[^,]*)?(?=,|$)/i;

/**
 * The version the headers select. `Accept-Version` is required (MX's rule after 2026-08-12) unless
 * `lenient`, where the v1 `Accept` alone still selects v20111101.
 */
export function selectVersion(
  acceptVersion: string | undefined,
  accept: string | undefined,
  lenient: boolean,
): ApiVersion {
  if (acceptVersion !== undefined) {
    const v = acceptVersion.trim().toLowerCase();
    if (!isApiVersion(v)) {
      throw errors.notAcceptable(
        `Accept-Version '${acceptVersion}' is not a supported API version; use one of ${API_VERSIONS.join(', ')}`,
      );
    }
    if (accept && !ACCEPTABLE.test(accept)) {
      throw errors.notAcceptable(`Accept '${accept}' cannot be served; send 'Accept: application/json'`);
    }
    return v;
  }
  const v1Accept = accept?.toLowerCase().includes(V1_MEDIA_TYPE) ?? false;
  if (lenient && v1Accept) return 'v20111101';
  throw errors.notAcceptable(
    v1Accept
      ? `Missing Accept-Version header: since 2026-08-12 'Accept: ${V1_MEDIA_TYPE}' alone selects no version; add 'Accept-Version: v20111101' (or v20250224)`
      : `Missing Accept-Version header: ${HOW}`,
  );
}

/** The API's version step: sets the version the headers ask for, or answers 406 saying what to send. */
export function version(lenient: boolean): MiddlewareHandler<RootEnv> {
  // Clients send the same two headers on every request: the version they selected is kept (bounded).
  const selected = new Map<string, ApiVersion>();
  return (c, next) => {
    const acceptVersion = c.req.header('accept-version');
    const accept = c.req.header('accept');
    const key = `${acceptVersion}\n${accept}`;
    let v = selected.get(key);
    if (v === undefined) {
      v = selectVersion(acceptVersion, accept, lenient);
      if (selected.size >= 1000) selected.clear();
      selected.set(key, v);
    }
    c.set('version', v);
    return next();
  };
}
