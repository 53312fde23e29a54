// /_mx-sim/journal: the client's last MX API requests, newest first (store/journal.ts), and forgetting them.
import { z } from '@hono/zod-openapi';
import { JournalSchema } from '../../schemas/admin.js';
import { json } from '../../schemas/common.js';
import type { Journals } from '../../store/journal.js';
import { type AdminApi, type AdminDeps, adminErrors, route } from './common.js';

const journalRoutes = {
  read: route('journal', {
    method: 'get',
    path: '/journal',
    operationId: 'readJournal',
    summary: "This client's last MX API requests",
    description:
      'Method, path, status, time taken, version, the user and member the path names, the contract verdict ' +
      '(with `--contract`) and bodies, credential values and challenge answers replaced by `[redacted]`. ' +
      'Newest first; `--journal-size` requests are kept (200 by default). Admin requests are not journaled.',
    request: {
      query: z.object({
        after: z.coerce
          .number({ error: 'must be a whole number' })
          .int('must be a whole number')
          .min(0, 'must be 0 or more')
          .optional()
          .openapi({ param: { name: 'after', in: 'query' }, description: 'Only requests with a higher `seq`.' }),
        limit: z.coerce
          .number({ error: 'must be a whole number' })
          .int('must be a whole number')
          .min(1, 'must be 1 or more')
          .max(1000, 'must be at most 1000')
          .optional()
          .openapi({ param: { name: 'limit', in: 'query' }, description: 'At most this many (default all).' }),
      }),
    },
    responses: { 200: json(JournalSchema), ...adminErrors(400) },
  }),
  clear: route('journal', {
    method: 'delete',
    path: '/journal',
    operationId: 'clearJournal',
    summary: "Forget this client's journaled requests",
    description: 'Request numbers go on from where they were.',
    responses: { 200: json(JournalSchema), ...adminErrors() },
  }),
};

export function journalOf(journals: Journals, clientId: string, after = 0, limit?: number) {
  const j = journals.of(clientId);
  const entries = j.entries(after);
  return {
    client_id: clientId,
    size: journals.size,
    last_seq: j.last,
    entries: limit === undefined ? entries : entries.slice(0, limit),
  };
}

export function registerJournalRoutes(api: AdminApi, deps: AdminDeps): void {
  api.openapi(journalRoutes.read, (c) => {
    const q = c.req.valid('query');
    return c.json(journalOf(deps.journals, c.var.clientId, q.after, q.limit), 200);
  });
  api.openapi(journalRoutes.clear, (c) => {
    deps.journals.of(c.var.clientId).clear();
    return c.json(journalOf(deps.journals, c.var.clientId), 200);
  });
}
