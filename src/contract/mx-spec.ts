// Finds MX's official OpenAPI documents: MX_OPENAPI_SPEC (a file or a folder), else ../shared/mx-openapi.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const MX_SPEC_HINT =
  "set MX_OPENAPI_SPEC to the folder holding MX's v20250224.yml and v20111101.yml (or MX_OPENAPI_SPEC_V20111101 to the v20111101 file), or place MX's documents in ../shared/mx-openapi/";

/** The path of MX's document for a version, or undefined when it is not on this machine. */
export function findMxSpec(version: 'v20250224' | 'v20111101', env = process.env): string | undefined {
  const fromEnv = env.MX_OPENAPI_SPEC;
  const candidates: string[] = [];
  if (fromEnv) {
    if (existsSync(fromEnv) && statSync(fromEnv).isDirectory()) candidates.push(join(fromEnv, `${version}.yml`));
    else if (version === 'v20250224') candidates.push(fromEnv);
  }
  const specific = env[`MX_OPENAPI_SPEC_${version.toUpperCase()}`];
  if (specific) candidates.unshift(specific);
  candidates.push(join(REPO_ROOT, '..', 'shared', 'mx-openapi', `${version}.yml`));
  return candidates.find((p) => existsSync(p) && statSync(p).isFile());
}
