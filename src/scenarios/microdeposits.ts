// The scenario file's `microdeposits:` section: how the microdeposits a client creates go (an error
// status instead of the deposits, where it happens, the amounts deposited). Part of schema.ts.
import { z } from 'zod';
import { MICRODEPOSIT_ERROR_STATUSES } from '../mx/microdeposits.js';

const MicrodepositMatch = z
  .object({
    routing_number: z.string().min(1).optional().describe('The routing_number given on create.'),
    account_number: z.string().min(1).optional().describe('The account_number given on create.'),
    email: z.string().min(1).optional().describe('The email given on create.'),
    user_id: z.string().min(1).optional().describe("The `id` of the microdeposit's user."),
  })
  .strict()
  .refine((m) => Object.keys(m).length > 0, 'say what to match: routing_number, account_number, email or user_id');

const errorStatus = z.enum(MICRODEPOSIT_ERROR_STATUSES, {
  error: (issue) =>
    `'${String(issue.input)}' is not a status a microdeposit can fail with; use one of ${MICRODEPOSIT_ERROR_STATUSES.join(', ')}`,
});

const cents = z
  .number()
  .min(0.01, 'must be at least 0.01 (a deposit is one to 99 cents)')
  .max(0.99, 'must be at most 0.99 (a deposit is one to 99 cents)')
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-9, 'must be whole cents, e.g. 0.12');

const MicrodepositOutcome = z
  .object({
    match: MicrodepositMatch,
    status: errorStatus
      .optional()
      .describe('Ends the microdeposit in this error status instead of DEPOSITED (default: the deposits arrive).'),
    after: z
      .enum(['INITIATED', 'REQUESTED'], {
        error: (issue) =>
          `'${String(issue.input)}' is not a step a microdeposit can fail after; use INITIATED or REQUESTED`,
      })
      .optional()
      .describe(
        'The status it fails after: INITIATED (nothing is sent) or REQUESTED (default: the deposits went out).',
      ),
    message: z.string().min(1).optional().describe('The error_message it shows (default: one for the status).'),
    amounts: z
      .tuple([cents, cents], { error: 'give two amounts, e.g. [0.12, 0.15]' })
      .optional()
      .describe('The two amounts deposited (default: drawn from the seed).'),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.status === undefined && o.amounts === undefined) {
      ctx.addIssue({ code: 'custom', message: 'a microdeposit outcome needs a status or amounts' });
    }
    if (o.status === undefined && (o.after !== undefined || o.message !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [o.after !== undefined ? 'after' : 'message'],
        message: 'only a failing outcome (one with a status) has after or message',
      });
    }
  });

export const ScenarioMicrodeposits = z
  .object({
    outcomes: z
      .array(MicrodepositOutcome)
      .optional()
      .describe('Checked in order; the first outcome that matches a new microdeposit wins.'),
  })
  .strict();

export type ScenarioMicrodepositOutcome = z.infer<typeof MicrodepositOutcome>;
