import { json, noContent, ok, type Route } from './route-kit.ts'
import * as tagging from './tagging.ts'

/** The vSphere tagging service (`/api/cis/tagging/...`): categories, tags and their attachments. */
export const taggingRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/cis/tagging/category',
    op: 'ListCategories',
    handle: ({ ctx }) => ok(tagging.listCategories(ctx)),
  },
  {
    method: 'POST',
    path: '/api/cis/tagging/category',
    op: 'CreateCategory',
    write: true,
    handle: ({ ctx, body }) => json(201, tagging.createCategory(ctx, body)),
  },
  {
    method: 'GET',
    path: '/api/cis/tagging/category/{id}',
    op: 'GetCategory',
    handle: ({ ctx, params }) => ok(tagging.getCategory(ctx, params.id!)),
  },
  { method: 'GET', path: '/api/cis/tagging/tag', op: 'ListTags', handle: ({ ctx }) => ok(tagging.listTags(ctx)) },
  {
    method: 'POST',
    path: '/api/cis/tagging/tag',
    op: 'CreateTag',
    write: true,
    handle: ({ ctx, body }) => json(201, tagging.createTag(ctx, body)),
  },
  {
    method: 'POST',
    path: '/api/cis/tagging/tag',
    action: 'list-tags-for-category',
    op: 'ListTagsForCategory',
    handle: ({ ctx, body }) => ok(tagging.listTagsForCategory(ctx, body)),
  },
  {
    method: 'GET',
    path: '/api/cis/tagging/tag/{id}',
    op: 'GetTag',
    handle: ({ ctx, params }) => ok(tagging.getTag(ctx, params.id!)),
  },
  {
    method: 'DELETE',
    path: '/api/cis/tagging/tag/{id}',
    op: 'DeleteTag',
    write: true,
    handle: ({ ctx, params }) => {
      tagging.deleteTag(ctx, params.id!)
      return noContent()
    },
  },
  ...(['attach', 'detach'] as const).map(
    (action): Route => ({
      method: 'POST',
      path: '/api/cis/tagging/tag-association/{id}',
      action,
      op: action === 'attach' ? 'AttachTag' : 'DetachTag',
      write: true,
      handle: ({ ctx, params, body }) => {
        tagging.attachTag(ctx, params.id!, body, action === 'attach')
        return noContent()
      },
    }),
  ),
  {
    method: 'POST',
    path: '/api/cis/tagging/tag-association/{id}',
    action: 'list-attached-objects',
    op: 'ListAttachedObjects',
    handle: ({ ctx, params }) => ok(tagging.listAttachedObjects(ctx, params.id!)),
  },
  {
    method: 'POST',
    path: '/api/cis/tagging/tag-association',
    action: 'list-attached-tags',
    op: 'ListAttachedTags',
    handle: ({ ctx, body }) => ok(tagging.listAttachedTags(ctx, body)),
  },
  {
    method: 'POST',
    path: '/api/cis/tagging/tag-association',
    action: 'list-attached-objects-on-tags',
    op: 'ListAttachedObjectsOnTags',
    handle: ({ ctx, body }) => ok(tagging.listAttachedObjectsOnTags(ctx, body)),
  },
]
