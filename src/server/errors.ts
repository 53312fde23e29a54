// MX's error envelope and the catalogue of errors the simulator raises.
import type { ContentfulStatusCode } from 'hono/utils/http-status';

const REASONS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  408: 'request_timeout',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable_entity',
  431: 'request_header_fields_too_large',
  429: 'too_many_requests',
  500: 'internal_server_error',
  502: 'bad_gateway',
  503: 'service_unavailable',
  504: 'gateway_timeout',
};

export function reasonFor(status: number): string {
  return REASONS[status] ?? (status >= 500 ? 'internal_server_error' : 'bad_request');
}

export interface MxErrorBody {
  error: { message: string; status: string; type: string };
}

/** Throw anywhere; the one error handler turns it into MX's JSON error. */
export class MxError extends Error {
  readonly status: ContentfulStatusCode;
  readonly type: string;
  readonly headers: Record<string, string>;

  constructor(status: ContentfulStatusCode, message: string, type?: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'MxError';
    this.status = status;
    this.type = type ?? reasonFor(status);
    this.headers = headers;
  }

  toBody(): MxErrorBody {
    return { error: { message: this.message, status: reasonFor(this.status), type: this.type } };
  }
}

export const errors = {
  badRequest: (message: string, type = 'bad_request') => new MxError(400, message, type),
  validation: (message: string) => new MxError(400, message, 'validation_error'),
  // RFC 9110 asks a 401 to say how to authenticate; a browser (the inspector page) then prompts once and
  // answers the API's and the admin API's challenges with what was typed.
  unauthorized: (message: string) =>
    new MxError(401, message, 'unauthorized', { 'WWW-Authenticate': 'Basic realm="mx-sim", charset="UTF-8"' }),
  notFound: (resource: string, identifier: string) =>
    new MxError(404, `${resource} not found: no ${resource} with identifier '${identifier}'`, 'not_found'),
  routeNotFound: (method: string, path: string) =>
    new MxError(
      404,
      `No route matches ${method} ${path}. Check the path against the MX Platform API reference.`,
      'route_not_found',
    ),
  methodNotAllowed: (method: string, path: string, allowed: string[]) =>
    new MxError(405, `${method} is not allowed on ${path}; use ${allowed.join(', ')}`, 'method_not_allowed', {
      Allow: allowed.join(', '),
    }),
  /** MX's 403 for a product it has not enabled for the client; `what` is the refused request. */
  productNotEnabled: (product: string, what: string) =>
    new MxError(
      403,
      `The ${product} product is not enabled for this client, so ${what} is refused. On MX, ask MX to enable ` +
        `${product} for your client; in mx-sim, remove it from the scenario's client.disabled_products.`,
      'product_not_enabled',
    ),
  /**
   * 405 for a request the endpoint takes, refused because the member's state does not meet the
   * endpoint's constraint (MX's errors page: "a constraint on the endpoint wasn't met"). HTTP wants
   * `Allow` on every 405: it names the method the endpoint takes, once the constraint is met.
   */
  constraintNotMet: (message: string, type: string, allow: string) => new MxError(405, message, type, { Allow: allow }),
  notAcceptable: (message: string) => new MxError(406, message, 'not_acceptable'),
  conflict: (message: string, type = 'conflict') => new MxError(409, message, type),
  tenantLimit: (max: number) =>
    new MxError(
      503,
      `This simulator already keeps the worlds of ${max} client_ids (its --max-tenants limit), so a new client_id ` +
        'cannot start one. Reset a client_id you no longer need (POST /_mx-sim/reset with its credentials frees ' +
        'its slot), or restart mx-sim with a higher --max-tenants.',
      'tenant_limit_reached',
    ),
  internal: () =>
    new MxError(500, 'An unexpected error occurred in the simulator; it has been logged.', 'internal_server_error'),
};
