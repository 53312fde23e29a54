// GET /_mx-sim/openapi/{document}: the simulator's own OpenAPI documents (the ones in openapi/), generated
// from its route definitions, answered without credentials like the readiness check.
import { z } from '@hono/zod-openapi';
import { API_VERSIONS } from '../../../mx/versions.js';
import { type AdminApi, type AdminDeps, route } from './common.js';

export const DOCUMENT_NAMES = ['admin.json', ...API_VERSIONS.map((v) => `${v}.json` as const)] as const;
export type DocumentName = (typeof DOCUMENT_NAMES)[number];

const documentRoute = route('documents', {
  method: 'get',
  path: '/openapi/{document}',
  operationId: 'readOpenApiDocument',
  summary: "One of the simulator's OpenAPI documents (no credentials needed)",
  description:
    'The documents `openapi/` holds, as this simulator generates them from its route definitions: the admin ' +
    'API (`admin.json`) and each API version it serves (`v20250224.json`, `v20111101.json`). For code ' +
    'generators and API tools pointed at a running simulator.',
  security: [],
  request: {
    params: z.object({
      document: z.enum(DOCUMENT_NAMES).openapi({ param: { name: 'document', in: 'path' }, example: 'v20250224.json' }),
    }),
  },
  responses: {
    200: {
      description: 'The OpenAPI 3.0 document.',
      content: { 'application/json': { schema: z.record(z.string(), z.unknown()).openapi({ type: 'object' }) } },
    },
  },
});

/** Registered before the auth middleware (app.ts), as the readiness check. */
export function registerDocumentRoutes(api: AdminApi, deps: AdminDeps): void {
  const texts = new Map<DocumentName, string>();
  api.openapi(documentRoute, (c) => {
    const name = c.req.valid('param').document;
    let text = texts.get(name);
    if (text === undefined) {
      text = JSON.stringify(deps.document(name));
      texts.set(name, text);
    }
    return c.body(text, 200, { 'content-type': 'application/json', 'x-request-id': c.env.requestId }) as never;
  });
}
