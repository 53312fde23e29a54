// v20111101 wire shapes for members: create takes no `data_request` (products are asked for with the
// job endpoints). Responses are v20250224's (its enum of statuses is a subset of v20111101's string).
import { z } from '@hono/zod-openapi';
import { MemberCreateBodySchema as V25MemberCreateBodySchema } from '../v20250224/members.js';

const { data_request, ...shared } = V25MemberCreateBodySchema.shape;

export const MemberCreateBodySchema = z.object(shared).openapi('MemberCreateRequestBody');
