// The admin API's wire model (/_mx-sim): one set of zod schemas that the handlers validate with and
// openapi/admin.json is generated from.
import { z } from '@hono/zod-openapi';
import { scenarioJsonSchema, WEBHOOK_TYPES } from '../../scenarios/schema.js';

export const ScenariosStateSchema = z
  .object({
    client_id: z.string().openapi({ example: 'ci-job-17' }),
    seed: z.string().openapi({ description: "The seed this client's world runs with.", example: 'mx-sim' }),
    scenarios: z
      .array(
        z.object({
          name: z.string().nullable().openapi({ description: "The scenario's `name`, if it has one." }),
          source: z.string().openapi({ description: 'The file it came from, `request body`, or `?source=`.' }),
        }),
      )
      .openapi({ description: 'The scenarios this world runs, in the order they were merged.' }),
  })
  .openapi('ScenariosState');

export const HealthSchema = z
  .object({
    status: z.literal('ok'),
    versions: z
      .array(z.string())
      .openapi({ description: 'The MX API versions served.', example: ['v20250224', 'v20111101'] }),
  })
  .openapi('Health');

export const ClockStateSchema = z
  .object({
    client_id: z.string().openapi({ example: 'ci-job-17' }),
    now: z.string().openapi({ description: "This client's time (ISO 8601).", example: '2026-01-15T12:00:00.000Z' }),
    offset_ms: z
      .number()
      .int()
      .min(0)
      .openapi({ description: "How far this client's time is ahead of the simulator's clock." }),
  })
  .openapi('ClockState');

export const ClockChangeSchema = z
  .object({
    advance_ms: z
      .number()
      .int()
      .min(0)
      .max(10 * 365 * 86_400_000)
      .optional()
      .openapi({ description: 'Move time on by this many milliseconds.', example: 10_800_000 }),
    to: z.iso
      .datetime({ offset: true, error: 'must be an ISO 8601 time such as 2026-02-01T00:00:00Z' })
      .optional()
      .openapi({ description: 'Move time on to this moment (never back).', example: '2026-02-01T00:00:00Z' }),
  })
  .strict()
  .refine((b) => (b.advance_ms === undefined) !== (b.to === undefined), 'send exactly one of advance_ms or to')
  .openapi('ClockChange', { description: 'Send exactly one of `advance_ms` or `to`.' });

export const ContractReportSchema = z
  .object({
    client_id: z.string().openapi({ example: 'ci-job-17' }),
    sources: z
      .record(z.string(), z.string())
      .openapi({ description: 'Per API version, the document the traffic is checked against.' }),
    operations: z
      .array(
        z.object({
          name: z.string().openapi({ description: 'The operationId (or `METHOD /path` when the document has none).' }),
          route: z.string().openapi({ example: 'v20250224 GET /users/{user_identifier}/members' }),
          calls: z.number().int(),
          violations: z.array(
            z.object({
              status: z.number().int().openapi({ description: "The answer's status; 0 for a request violation." }),
              method: z.string(),
              path: z.string(),
              message: z.string(),
            }),
          ),
        }),
      )
      .openapi({ description: 'Every operation this client called since the log was last cleared.' }),
    violation_count: z.number().int(),
    text: z.string().openapi({ description: 'The same report as plain lines, for a CI log.' }),
  })
  .openapi('ContractReport');

/** Where the scenario format is described for people. */
const SCENARIO_FORMAT =
  'A scenario document (the format of `--scenario` files, described in src/scenarios/README.md); its JSON ' +
  'Schema for editors is src/scenarios/scenario.schema.json, generated from the same zod schema as this one.';

type Json = Record<string, unknown>;

/**
 * The scenario's JSON Schema (draft 2020-12, from the zod schema that validates scenarios) in OpenAPI 3.0's
 * dialect, so that the admin document describes scenario bodies field by field and the contract check
 * validates exported JSON against them.
 */
export function scenarioOpenApiSchema(): Json {
  const convert = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(convert);
    if (node === null || typeof node !== 'object') return node;
    const out: Json = {};
    for (const [key, value] of Object.entries(node as Json)) {
      if (key === '$schema' && typeof value === 'string') continue;
      if (key === 'propertyNames') continue; // record keys: 3.0 has no way to say it (they are strings anyway)
      if (key === 'type' && Array.isArray(value)) {
        out.anyOf = value.map((type) => ({ type }));
      } else if (key === 'exclusiveMinimum' && typeof value === 'number') {
        // 3.0 writes it as a boolean, JSON Schema validators (Ajv) as a number: say the bound only (the
        // field's description says "positive"; the scenario loader enforces it).
        out.minimum = value;
      } else if (key === 'prefixItems' && Array.isArray(value)) {
        // A tuple: 3.0 checks its length (minItems/maxItems) and that each item is one of the positions' kinds.
        out.items = { anyOf: value.map(convert) };
      } else if (key === 'items' && value === false) {
        // "no items beyond the tuple": said by maxItems
      } else {
        out[key] = convert(value);
      }
    }
    return out;
  };
  const { title: _, ...schema } = convert(scenarioJsonSchema()) as Json;
  return { ...schema, description: SCENARIO_FORMAT };
}

export const ScenarioTextSchema = {
  type: 'string' as const,
  description: `${SCENARIO_FORMAT} As YAML (or JSON) text.`,
  example: 'name: qa\noutcomes:\n  - match: { username: qa-degraded }\n    jobs: [CONNECTED, DEGRADED]\n',
};

/** A fresh object each time: validators that resolve references in place must not meet one twice. */
export const scenarioRef = () => ({ $ref: '#/components/schemas/Scenario' });

const WEBHOOK_TYPE_LIST = [...WEBHOOK_TYPES];

const count = (what: string) => z.number().int().min(0).optional().openapi({ description: what });

/** Every field any webhook type carries (docs/mx-behaviour.md#webhooks); each type has its own subset. */
export const WebhookPayloadSchema = z
  .object({
    type: z
      .string()
      .optional()
      .openapi({ enum: WEBHOOK_TYPE_LIST, description: 'Absent on MEMBER and JOB (their entry has the type).' }),
    action: z.string().optional().openapi({
      description:
        "`CHANGED`, `member_data_updated`, or MEMBER's `created`, `updated`, `deleted`; absent on initial_data_ready.",
    }),
    member_guid: z
      .string()
      .optional()
      .openapi({ description: 'Every type but MEMBER and JOB (their `member` or `job` has the guid).' }),
    user_guid: z.string().optional(),
    member: z.record(z.string(), z.unknown()).optional().openapi({
      type: 'object',
      additionalProperties: true,
      description: 'MEMBER: the member as it is (deleted: as it was), Unix-second timestamps.',
    }),
    job: z.record(z.string(), z.unknown()).optional().openapi({
      type: 'object',
      additionalProperties: true,
      description:
        "JOB: the job, Unix-second timestamps, `status` (MX's number) and `status_name` (CHALLENGED, COMPLETED, DENIED, PREVENTED, HALTED).",
    }),
    guid: z.string().optional().openapi({ description: "initial_data_ready: the webhook's id." }),
    client_guid: z.string().optional().openapi({ description: "initial_data_ready: the client's guid (CLT-…)." }),
    user_id: z.string().nullable().optional().openapi({ description: "The user's `id`, if it has one." }),
    job_guid: z.string().optional(),
    connection_status: z.string().optional(),
    connection_status_id: z.number().int().optional().openapi({ description: "MX's numeric id of the status." }),
    connection_status_message: z.string().optional(),
    completed_at: z.number().int().optional().openapi({ description: 'Unix seconds.' }),
    completed_on: z.string().optional().openapi({ description: 'YYYY-MM-DD (UTC).' }),
    is_background: z.boolean().optional(),
    transactions_created_count: count('Transactions the job pulled.'),
    transactions_updated_count: count('Transactions that were PENDING and posted with the job.'),
    statements_created_count: count('Statements the job added.'),
    rewards_created_count: count('Rewards the job added.'),
    rewards_updated_count: count('Rewards the job refreshed.'),
    accounts: z
      .array(z.string())
      .optional()
      .openapi({ description: 'VERIFICATION: the guids of the verified accounts.' }),
  })
  .openapi('WebhookPayload', {
    description: 'The JSON body POSTed, as MX sends it (Unix-second timestamps, `completed_on` YYYY-MM-DD).',
  });

export const WebhookEntrySchema = z
  .object({
    guid: z
      .string()
      .openapi({ description: "The log's id for this webhook (MX's payloads carry none).", example: 'WHK-…' }),
    type: z.string().openapi({ description: 'The webhook type.', enum: WEBHOOK_TYPE_LIST, example: 'AGGREGATION' }),
    due_at: z.string().openapi({
      description: "When MX would send it: the client's simulated time of the event (ISO 8601).",
      example: '2026-01-15T12:00:06.000Z',
    }),
    payload: WebhookPayloadSchema,
    callback_payload: z.string().nullable().openapi({
      description:
        'The X-CALLBACK-PAYLOAD of the request that caused it (MEMBER and member-data-updated webhooks), sent back as that header; null when none.',
    }),
    delivery: z
      .object({
        state: z.enum(['logged', 'pending', 'delivered', 'failed']).openapi({
          description:
            '`logged`: no url, nothing sent; `pending`: being sent or retried; `delivered`: a 2xx came back; `failed`: every attempt failed.',
        }),
        attempts: z.number().int().min(0),
        status: z.number().int().nullable().openapi({ description: "The receiver's status when delivered." }),
        last_error: z.string().nullable().openapi({ description: 'Why the last attempt failed, e.g. `HTTP 500`.' }),
      })
      .openapi('WebhookDelivery'),
    next_attempt_at: z.string().nullable().openapi({
      description:
        "When the next retry is due by the client's clock (ISO 8601); null unless a failed delivery waits for one. Moving the clock past it (POST /_mx-sim/clock) sends it.",
    }),
    attempts: z
      .array(
        z
          .object({
            at: z.string().openapi({ description: "The client's simulated time of the attempt (ISO 8601)." }),
            status: z
              .number()
              .int()
              .nullable()
              .openapi({ description: "The receiver's HTTP status; null when none came." }),
            error: z.string().nullable().openapi({ description: 'Why it failed; null when delivered.' }),
          })
          .openapi('WebhookAttempt'),
      )
      .openapi({ description: 'Every delivery attempt so far, in order (empty when logged only).' }),
  })
  .openapi('WebhookEntry');

export const WebhookLogSchema = z
  .object({
    client_id: z.string().openapi({ example: 'ci-job-17' }),
    url: z.string().nullable().openapi({ description: "Where this client's webhooks are POSTed (null: logged only)." }),
    types: z.array(z.string()).openapi({ description: 'The webhook types subscribed to.' }),
    webhooks: z.array(WebhookEntrySchema).openapi({ description: 'In the order MX would send them.' }),
  })
  .openapi('WebhookLog');

export type WebhookPayloadWire = z.infer<typeof WebhookPayloadSchema>;

const nullableText = (description: string) => z.string().nullable().openapi({ description });

export const JournalEntrySchema = z
  .object({
    seq: z.number().int().openapi({ description: "The client's request number since its journal began." }),
    at: z.string().openapi({ description: "The client's simulated time when the request arrived (ISO 8601)." }),
    method: z.string(),
    path: z.string().openapi({ description: 'Path and query string as sent.' }),
    status: z.number().int(),
    duration_ms: z.number().openapi({ description: 'Real time taken to answer, in ms.' }),
    version: z.string().nullable().openapi({ description: 'The API version the headers selected; null: none (406).' }),
    request_id: z.string(),
    user: nullableText('The user the path names (guid or your id), if any.'),
    member: nullableText('The member the path names (guid or your id), if any.'),
    contract_violations: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'With --contract: problems found in the request and its answer; else null.' }),
    request_body: nullableText(
      "A write's body, credential values and challenge answers replaced by [redacted]; at most 16 KiB.",
    ),
    response_body: nullableText(
      "The answer's body for errors, and for every request while the inspector page is open; at most 16 KiB.",
    ),
  })
  .openapi('JournalEntry');

export const JournalSchema = z
  .object({
    client_id: z.string(),
    size: z.number().int().openapi({ description: 'How many requests the journal keeps (--journal-size).' }),
    last_seq: z.number().int().openapi({ description: 'The newest request number (0: none yet).' }),
    entries: z.array(JournalEntrySchema).openapi({ description: 'Newest first.' }),
  })
  .openapi('Journal');
