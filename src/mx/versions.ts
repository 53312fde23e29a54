// The API versions the simulator knows, and how a request selects one.
export const API_VERSIONS = ['v20250224', 'v20111101'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

export const V1_MEDIA_TYPE = 'application/vnd.mx.api.v1+json';

export function isApiVersion(value: string): value is ApiVersion {
  return (API_VERSIONS as readonly string[]).includes(value);
}
