// The admin API's wire model (/_mx-sim): one set of zod schemas that the handlers validate with and
// openapi/admin.json is generated from.
import { z } from '@hono/zod-openapi';

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

/** Where the scenario format is described; its JSON Schema is generated from src/scenarios/schema.ts. */
const SCENARIO_FORMAT =
  'A scenario document (the format of `--scenario` files): see src/scenarios/README.md; editors and ' +
  'validators can use its JSON Schema, src/scenarios/scenario.schema.json.';

/** A scenario as JSON. Its fields are not repeated here: the JSON Schema above is their one description. */
export const ScenarioObjectSchema = {
  type: 'object' as const,
  additionalProperties: true,
  description: SCENARIO_FORMAT,
  example: { name: 'qa', outcomes: [{ match: { username: 'qa-degraded' }, jobs: ['CONNECTED', 'DEGRADED'] }] },
};

export const ScenarioTextSchema = {
  type: 'string' as const,
  description: `${SCENARIO_FORMAT} YAML (or JSON) text.`,
  example: 'name: qa\noutcomes:\n  - match: { username: qa-degraded }\n    jobs: [CONNECTED, DEGRADED]\n',
};
