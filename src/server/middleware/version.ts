// Selects the API version from the headers, as MX does, or answers 406 saying what to send.

import type { MiddlewareHandler } from 'hono';
import { API_VERSIONS, type ApiVersion, isApiVersion, V1_MEDIA_TYPE } from '../../mx/versions.js';
import { errors } from '../errors.js';
import type { RootEnv } from './env.js';

const HOW = `send 'Accept-Version: v20250224' with 'Accept: application/json' (or 'Accept: ${V1_MEDIA_TYPE}' for the legacy v20111101)`;

/** Accept values v20250224 can answer: JSON, the v1 media type (sent by MX's v3 SDK examples), PDFs, wildcards. */
const ACCEPTABLE =
  /(^|[\s,])(\*\/\*|application\/\*|application\/([a-z0-9.+-]*\+)?json|application\/vnd\.mx\.api\.v1\+pdf|application\/pdf)(\s*;[^,]*)?(?=,|$)/i;

/** `strict` requires `Accept-Version` (MX's rule after 2026-08-12); otherwise the v1 `Accept` also selects v20111101. */
export function selectVersion(
  acceptVersion: string | undefined,
  accept: string | undefined,
  strict: boolean,
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
  if (!strict && accept?.toLowerCase().includes(V1_MEDIA_TYPE)) return 'v20111101';
  throw errors.notAcceptable(
    strict ? `Missing Accept-Version header: this simulator requires it; ${HOW}` : `No API version requested: ${HOW}`,
  );
}

/** The API's version step: sets the version the headers ask for, or answers 406 saying what to send. */
export function version(strict: boolean): MiddlewareHandler<RootEnv> {
  return (c, next) => {
    c.set('version', selectVersion(c.req.header('accept-version'), c.req.header('accept'), strict));
    return next();
  };
}
