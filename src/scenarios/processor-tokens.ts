// The `processor_tokens:` section of a scenario: how long processor authorization codes and access
// tokens last, and rules that make some tokens expire early, be revoked or fail.
import { z } from 'zod';
import { onFirstUse } from '../first-use.js';

function build() {
  const DAY_MS = 86_400_000;

  const ms = (what: string) =>
    z
      .number()
      .int('must be a whole number of ms')
      .min(1, 'must be at least 1 ms')
      .max(3650 * DAY_MS, 'must be at most ten years')
      .describe(what);

  const Failure = z
    .object({
      status: z
        .number()
        .int()
        .min(400, 'must be an HTTP error status (400-599)')
        .max(599, 'must be an HTTP error status (400-599)')
        .describe("Answer with this status and MX's error body."),
      message: z.string().min(1).optional().describe('The error message (default: one naming the rule).'),
    })
    .strict();

  const Match = z
    .object({
      user: z.string().min(1).optional().describe("The user's guid or id."),
      member: z.string().min(1).optional().describe("The member's guid or id."),
      account: z.string().min(1).optional().describe("The account's guid or id."),
    })
    .strict();

  const Rule = z
    .object({
      match: Match.optional().describe('Which codes and tokens (by their scope); default: all of them.'),
      expire_after_ms: ms('Tokens expire this long after they are issued (instead of token_ttl_ms).').optional(),
      revoke_after_ms: ms('Tokens are revoked this long after they are issued (active: false, reads 401).').optional(),
      fail_exchange: Failure.optional().describe('POST /token with a matching code answers this error.'),
      fail_reads: Failure.optional().describe("The processor's reads with a matching token answer this error."),
    })
    .strict()
    .refine(
      (r) =>
        r.expire_after_ms !== undefined ||
        r.revoke_after_ms !== undefined ||
        r.fail_exchange !== undefined ||
        r.fail_reads !== undefined,
      'a rule needs an effect: expire_after_ms, revoke_after_ms, fail_exchange or fail_reads',
    );

  const ProcessorTokens = z
    .object({
      code_ttl_ms: ms('How long an authorization code can be exchanged (default 600000, ten minutes).').optional(),
      token_ttl_ms: ms('How long an access token lasts (default 60 days, as MX documents).').optional(),
      rules: z
        .array(Rule)
        .min(1, 'list at least one rule, or leave rules out')
        .optional()
        .describe('Checked in order; the first rule that matches a code or token applies.'),
    })
    .strict();

  return { ProcessorTokens, Rule };
}

type Schemas = ReturnType<typeof build>;

/** These schemas, made the first time they are asked for (by the scenario schema's own, schema.ts). */
export const processorTokenSchemas = onFirstUse(build);

export type ScenarioProcessorTokens = z.infer<Schemas['ProcessorTokens']>;
export type ScenarioProcessorRule = z.infer<Schemas['Rule']>;
