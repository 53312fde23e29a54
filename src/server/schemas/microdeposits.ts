// Microdeposit wire shapes, the same in both versions (MX's documents declare them alike, and as
// application/json in v20111101 too), under MX's component names.
import { z } from '@hono/zod-openapi';
import { MICRODEPOSIT_STATUSES } from '../../mx/microdeposits.js';
import { PaginationSchema } from '../pagination.js';

const text = (example: string) => z.string().max(255).optional().openapi({ example });

export const MicrodepositElementsSchema = z
  .object({
    account_name: text('My test account'),
    account_number: text('3331261').openapi({ description: 'Required unless pre-initiating.' }),
    account_type: text('CHECKING').openapi({ description: 'CHECKING or SAVINGS. Required unless pre-initiating.' }),
    email: text('example@example.com'),
    first_name: text('Josh'),
    last_name: text('Grobanne'),
    routing_number: text('091000019').openapi({ description: '9 digits. Required unless pre-initiating.' }),
  })
  .openapi('MicrodepositElements', {
    description:
      'Either account_number, account_type and routing_number (INITIATED), or only email, first_name and last_name (PREINITIATED).',
  });

export const MicrodepositRequestBodySchema = z
  .object({ micro_deposit: MicrodepositElementsSchema })
  .openapi('MicrodepositRequestBody');

const amount = z.number().optional().openapi({ example: 0.12 });

export const MicrodepositVerifyBodySchema = z
  .object({
    micro_deposit: z
      .object({ deposit_amount_1: amount, deposit_amount_2: amount })
      .openapi('MicrodepositVerifyRequest'),
  })
  .openapi('MicrodepositVerifyRequestBody');

const nullable = (example: string | null) => z.string().nullable().openapi({ example });

export const MicrodepositSchema = z
  .object({
    account_name: nullable('My test account'),
    account_number: nullable('3331261'),
    account_type: z.enum(['CHECKING', 'SAVINGS']).nullable().openapi({ example: 'CHECKING' }),
    created_at: z.string().openapi({ example: '2026-02-13T18:08:00Z' }),
    email: nullable('example@example.com'),
    error_message: nullable(null),
    first_name: nullable('Josh'),
    guid: z.string().openapi({ example: 'MIC-09ba578e-8448-4f7f-89e1-b62ff2517edb' }),
    institution_code: nullable('mxbank').openapi({ description: 'null when no institution has the routing number.' }),
    institution_name: nullable('MX Bank'),
    last_name: nullable('Grobanne'),
    routing_number: nullable('091000019'),
    status: z.enum(MICRODEPOSIT_STATUSES as [string, ...string[]]).openapi({ example: 'INITIATED' }),
    updated_at: z.string().openapi({ example: '2026-02-13T18:09:00Z' }),
    verified_at: z.string().nullable().openapi({ example: null }),
  })
  .openapi('MicrodepositResponse');

export const MicrodepositBodySchema = z
  .object({ micro_deposit: MicrodepositSchema })
  .openapi('MicrodepositResponseBody');

export const MicrodepositsBodySchema = z
  .object({ micro_deposits: z.array(MicrodepositSchema), pagination: PaginationSchema })
  .openapi('MicrodepositsResponseBody');

export const VerificationsBodySchema = z
  .object({ micro_deposit: z.array(MicrodepositSchema) })
  .openapi('MicrodepositVerificationsResponseBody', {
    description: "The user's account verifications, under MX's `micro_deposit` key (a list, as MX's SDK types it).",
  });
