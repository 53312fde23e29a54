// v20250224 wire shapes for users.
import { z } from '@hono/zod-openapi';
import { PaginationSchema } from '../../pagination.js';

const userFields = {
  email: z.string().max(255).openapi({ example: 'example@example.com' }),
  id: z.string().min(1, 'must not be empty').max(1024).openapi({ example: 'My-Unique-ID' }),
  is_disabled: z.boolean().openapi({ example: false }),
  metadata: z.string().openapi({ example: '{"first_name": "Steven"}' }),
};

const nonEmpty = (o: object) => Object.keys(o).length > 0;
const EMPTY_USER = 'must set at least one of id, email, is_disabled, metadata';

export const UserCreateRequestSchema = z
  .object(userFields)
  .partial()
  .refine(nonEmpty, EMPTY_USER)
  .openapi('UserCreateRequest');

export const UserCreateBodySchema = z.object({ user: UserCreateRequestSchema }).openapi('UserCreateRequestBody');

export const UserUpdateRequestSchema = z
  .object({
    ...userFields,
    // null clears an optional field.
    email: userFields.email.nullable(),
    id: userFields.id.nullable(),
    metadata: userFields.metadata.nullable(),
  })
  .partial()
  .refine(nonEmpty, EMPTY_USER)
  .openapi('UserUpdateRequest');

export const UserUpdateBodySchema = z.object({ user: UserUpdateRequestSchema }).openapi('UserUpdateRequestBody');

export const UserSchema = z
  .object({
    email: z.string().nullable().openapi({ example: 'example@example.com' }),
    guid: z.string().nullable().openapi({ example: 'USR-d74cb14f-fd0a-449f-991b-e0362a63d9c6' }),
    id: z.string().nullable().openapi({ example: 'My-Unique-ID' }),
    is_disabled: z.boolean().nullable().openapi({ example: false }),
    metadata: z.string().nullable(),
  })
  .openapi('UserResponse');

export const UserBodySchema = z.object({ user: UserSchema }).openapi('UserResponseBody');

export const UsersBodySchema = z
  .object({ users: z.array(UserSchema), pagination: PaginationSchema })
  .openapi('UsersResponseBody');
