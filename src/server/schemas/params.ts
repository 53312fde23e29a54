// Documented path parameters (MX's names and descriptions) and shared query parameters of route definitions.
import { z } from '@hono/zod-openapi';

const DESCRIPTIONS: Record<string, string> = {
  user_identifier: 'The user guid or the `id` you gave it.',
  user_guid: 'The user guid (USR-…).',
  member_identifier: 'The member guid or the `id` you gave it.',
  member_guid: 'The member guid (MBR-…).',
  account_identifier: 'The account guid or its `id`.',
  account_guid: 'The account guid (ACT-…).',
  transaction_identifier: 'The transaction guid or its `id`.',
  transaction_guid: 'The transaction guid (TRN-…).',
  statement_guid: 'The statement guid (STA-…).',
  holding_guid: 'The investment holding guid (HOL-…).',
  reward_guid: 'The reward guid (RWD-…).',
  micro_deposit_guid: 'The microdeposit guid (MIC-…).',
  ach_return_guid: 'The ACH return guid (ACH-…) or the `id` you gave it.',
  category_guid: "The category guid (CAT-…): a default category or one of the user's own.",
  tag_guid: 'The tag guid (TAG-…).',
  tagging_guid: 'The tagging guid (TGN-…).',
  merchant_guid: 'The merchant guid (MCH-…).',
  merchant_location_guid: 'The merchant location guid (MCL-…).',
  repeating_transaction_guid: 'The repeating transaction guid (RPT-…).',
  insight_guid: 'The insight guid (BET-…).',
  budget_guid: 'The budget guid (BGT-…).',
  goal_guid: 'The goal guid (GOL-…).',
  notification_guid: 'The notification guid (NTF-…).',
};

/** One documented schema per parameter name, and one object per list of names: zod schemas never change. */
const paramSchemas = new Map<string, z.ZodString>();
const paramObjects = new Map<string, z.ZodObject>();

const paramSchema = (name: string): z.ZodString => {
  let schema = paramSchemas.get(name);
  if (!schema) {
    schema = z.string().openapi({ param: { name, in: 'path' }, description: DESCRIPTIONS[name] });
    paramSchemas.set(name, schema);
  }
  return schema;
};

/** A zod object of string path parameters, documented (the same object for the same names). */
export function pathParams<const K extends string>(...names: K[]) {
  const key = names.join('/');
  let params = paramObjects.get(key);
  if (!params) {
    params = z.object(Object.fromEntries(names.map((name) => [name, paramSchema(name)])));
    paramObjects.set(key, params);
  }
  return params as z.ZodObject<Record<K, z.ZodString>>;
}

/** `use_case`: only members with this use case. */
export const useCaseQuery = z
  .enum(['PFM', 'MONEY_MOVEMENT'], { error: 'must be PFM or MONEY_MOVEMENT' })
  .optional()
  .openapi({ param: { name: 'use_case', in: 'query', description: 'Only members with this use case.' } });

/**
 * MX's X-CALLBACK-PAYLOAD: a value (MX suggests base64, at most 1024 characters) echoed as a header on the
 * MEMBER and member-data-updated webhooks the request causes (docs/webhooks.md#x-callback-payload).
 */
export const callbackHeaders = z.object({
  'x-callback-payload': z
    .string()
    .max(1024, 'must be at most 1024 characters')
    .optional()
    .openapi({
      param: { in: 'header' },
      description:
        'Echoed as the X-CALLBACK-PAYLOAD header on the MEMBER and member-data-updated webhooks this request causes (at most 1024 characters).',
    }),
});
