// Wire shapes for categories, tags and taggings: the same in v20250224 and v20111101 (MX's two
// documents declare them alike), so both versions' documents use these.
import { z } from '@hono/zod-openapi';
import { PaginationSchema } from '../../pagination.js';

const name = z.string().trim().min(1, 'must not be empty').max(255, 'must be at most 255 characters');
const nonEmpty = (o: object) => Object.keys(o).length > 0;

export const CategoryCreateRequestSchema = z
  .object({
    metadata: z.string().optional().openapi({ example: 'some metadata' }),
    name: name.openapi({ example: 'Online Shopping' }),
    parent_guid: z
      .string()
      .min(1, 'must not be empty')
      .openapi({ example: 'CAT-aad51b46-d6f7-3da5-fd6e-492328b3023f' }),
  })
  .openapi('CategoryCreateRequest');
export const CategoryCreateBodySchema = z
  .object({ category: CategoryCreateRequestSchema })
  .openapi('CategoryCreateRequestBody');

export const CategoryUpdateRequestSchema = z
  .object({
    // null clears the metadata.
    metadata: z.string().nullable().optional().openapi({ example: 'some metadata' }),
    name: name.optional().openapi({ example: 'Web shopping' }),
  })
  .refine(nonEmpty, 'must set at least one of name, metadata')
  .openapi('CategoryUpdateRequest');
export const CategoryUpdateBodySchema = z
  .object({ category: CategoryUpdateRequestSchema })
  .openapi('CategoryUpdateRequestBody');

export const CategorySchema = z
  .object({
    created_at: z.string().nullable().openapi({ example: '2025-02-13T18:08:00Z' }),
    guid: z.string().nullable().openapi({ example: 'CAT-7829f71c-2e8c-afa5-2f55-fa3634b89874' }),
    is_default: z.boolean().nullable().openapi({ example: true }),
    is_income: z.boolean().nullable().openapi({ example: false }),
    metadata: z.string().nullable().openapi({ example: 'some metadata' }),
    name: z.string().nullable().openapi({ example: 'Auto Insurance' }),
    parent_guid: z.string().nullable().openapi({ example: 'CAT-7829f71c-2e8c-afa5-2f55-fa3634b89874' }),
    updated_at: z.string().nullable().openapi({ example: '2025-02-13T18:09:00Z' }),
  })
  .openapi('CategoryResponse');
export const CategoryBodySchema = z.object({ category: CategorySchema }).openapi('CategoryResponseBody');
export const CategoriesBodySchema = z
  .object({ categories: z.array(CategorySchema), pagination: PaginationSchema })
  .openapi('CategoriesResponseBody');

const tagRequest = (id: string) => z.object({ name: name.openapi({ example: 'MY TAG' }) }).openapi(id);
export const TagCreateBodySchema = z.object({ tag: tagRequest('TagCreateRequest') }).openapi('TagCreateRequestBody');
export const TagUpdateBodySchema = z.object({ tag: tagRequest('TagUpdateRequest') }).openapi('TagUpdateRequestBody');

export const TagSchema = z
  .object({
    guid: z.string().nullable().openapi({ example: 'TAG-aef36e72-6294-4c38-844d-e573e80aed52' }),
    name: z.string().nullable().openapi({ example: 'MY TAG' }),
    user_guid: z.string().nullable().openapi({ example: 'USR-fa7537f3-48aa-a683-a02a-b18940482f54' }),
  })
  .openapi('TagResponse');
export const TagBodySchema = z.object({ tag: TagSchema }).openapi('TagResponseBody');
export const TagsBodySchema = z
  .object({ tags: z.array(TagSchema), pagination: PaginationSchema })
  .openapi('TagsResponseBody');

const guidField = (example: string) => z.string().min(1, 'must not be empty').openapi({ example });
export const TaggingCreateBodySchema = z
  .object({
    tagging: z
      .object({
        tag_guid: guidField('TAG-40faf068-abb4-405c-8f6a-e883ed541fff'),
        transaction_guid: guidField('TRN-810828b0-5210-4878-9bd3-f4ce514f90c4'),
      })
      .openapi('TaggingCreateRequest'),
  })
  .openapi('TaggingCreateRequestBody');
export const TaggingUpdateBodySchema = z
  .object({
    tagging: z
      .object({ tag_guid: guidField('TAG-40faf068-abb4-405c-8f6a-e883ed541fff') })
      .openapi('TaggingUpdateRequest'),
  })
  .openapi('TaggingUpdateRequestBody');

export const TaggingSchema = z
  .object({
    guid: z.string().nullable().openapi({ example: 'TGN-007f5486-17e1-45fc-8b87-8f03984430fe' }),
    member_is_managed_by_user: z.boolean().nullable().openapi({ example: false }),
    tag_guid: z.string().nullable().openapi({ example: 'TAG-40faf068-abb4-405c-8f6a-e883ed541fff' }),
    transaction_guid: z.string().nullable().openapi({ example: 'TRN-810828b0-5210-4878-9bd3-f4ce514f90c4' }),
    user_guid: z.string().nullable().openapi({ example: 'USR-fa7537f3-48aa-a683-a02a-b18940482f54' }),
  })
  .openapi('TaggingResponse');
export const TaggingBodySchema = z.object({ tagging: TaggingSchema }).openapi('TaggingResponseBody');
export const TaggingsBodySchema = z
  .object({ taggings: z.array(TaggingSchema), pagination: PaginationSchema })
  .openapi('TaggingsResponseBody');
