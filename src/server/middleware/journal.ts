// The journal step (store/journal.ts): after auth, records each MX API request of the client once it is
// answered. Bodies: a write's request body always; the answer's body for writes and errors, and for
// successful reads only while the inspector page is open on this client (reading a body back costs, and
// status polls are most of the traffic).
import type { MiddlewareHandler } from 'hono';
import { isoTime } from '../clock.js';
import { type Journals, journalBody, touched } from '../store/journal.js';
import type { RootEnv } from './env.js';

const READS = new Set(['GET', 'HEAD']);

export function journal(journals: Journals, realNow: () => number = Date.now): MiddlewareHandler<RootEnv> {
  return async (c, next) => {
    const tenant = c.get('tenant');
    const started = performance.now();
    const at = tenant.clock.now();
    const method = c.req.method;
    const read = READS.has(method);
    const requestText = read ? undefined : await c.req.raw.clone().text();
    await next();
    const res = c.res;
    const keepAnswer = !read || res.status >= 400 || journals.inspected(tenant.clientId, realNow());
    const answerText = keepAnswer && res.body ? await res.clone().text() : undefined;
    const url = c.req.url;
    const path = url.slice(url.indexOf('/', url.indexOf('//') + 2));
    journals.of(tenant.clientId).add({
      at: isoTime(at),
      method,
      path,
      status: res.status,
      duration_ms: Math.round((performance.now() - started) * 100) / 100,
      version: c.get('version') ?? null,
      request_id: c.get('requestId'),
      ...touched(path),
      contract_violations: c.get('contractViolations') ?? null,
      request_body: journalBody(requestText),
      response_body: journalBody(answerText),
    });
  };
}
