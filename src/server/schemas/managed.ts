// Request bodies of managed members (MX's deprecated managed data): alike in v20250224 and v20111101.
import { z } from '@hono/zod-openapi';

const text = (example: string) => z.string().optional().openapi({ example });

export const ManagedMemberCreateBodySchema = z
  .object({
    member: z
      .object({
        id: text('member123'),
        institution_code: z.string().min(1, 'must not be empty').openapi({ example: 'mxbank' }),
        metadata: text('some metadata'),
        name: text('MX Bank'),
      })
      .openapi('ManagedMemberCreateRequest'),
  })
  .openapi('ManagedMemberCreateRequestBody');

export const ManagedMemberUpdateBodySchema = z
  .object({
    member: z
      .object({ id: text('member123'), metadata: text('some metadata'), name: text('MX Bank') })
      .openapi('ManagedMemberUpdateRequest'),
  })
  .openapi('ManagedMemberUpdateRequestBody');
