import type { CloudContext, ResourceRecord } from '../core/types.ts'
import { invalidArgument, notFound, VcenterFault } from './errors.ts'
import { mustGet } from './inventory.ts'
import { getRecord, listRecords, patchAttrs, putRecord, type RecordType, T, uuid } from './repo.ts'

/** vSphere object types a tag can be attached to here, and the record type behind each. */
const OBJECT_TYPES: Record<string, RecordType> = {
  Datacenter: T.datacenter,
  ClusterComputeResource: T.cluster,
  HostSystem: T.host,
  Datastore: T.datastore,
  Network: T.network,
  DistributedVirtualPortgroup: T.network,
  ResourcePool: T.resourcePool,
  Folder: T.folder,
  VirtualMachine: T.vm,
}

export interface ObjectId {
  type: string
  id: string
}

/** The tagging service's own id formats. */
export const categoryId = () => `urn:vmomi:InventoryServiceCategory:${uuid()}:GLOBAL`
export const tagId = () => `urn:vmomi:InventoryServiceTag:${uuid()}:GLOBAL`

function objectExists(ctx: CloudContext, object: ObjectId): boolean {
  const type = OBJECT_TYPES[object.type]
  const record = type ? getRecord(ctx, type, object.id) : undefined
  return record !== undefined && record.state !== 'CLONING'
}

function readObjectId(value: unknown): ObjectId {
  const o = value as Partial<ObjectId> | undefined
  if (!o || typeof o.type !== 'string' || typeof o.id !== 'string') {
    throw invalidArgument("'object_id' must be {type, id}, e.g. {type: 'VirtualMachine', id: 'vm-42'}.")
  }
  return { type: o.type, id: o.id }
}

/** Objects a tag is attached to that still exist (deleting a VM drops its associations, as in vCenter). */
function attachedObjects(ctx: CloudContext, tag: ResourceRecord): ObjectId[] {
  return ((tag.attrs.objects as ObjectId[] | undefined) ?? []).filter((o) => objectExists(ctx, o))
}

// --- Categories ------------------------------------------------------------------------------

export function listCategories(ctx: CloudContext): string[] {
  return listRecords(ctx, T.tagCategory).map((c) => c.id)
}

export function getCategory(ctx: CloudContext, id: string) {
  const c = mustGet(ctx, T.tagCategory, id, 'Category')
  return {
    id: c.id,
    name: c.name,
    description: c.attrs.description,
    cardinality: c.attrs.cardinality,
    associable_types: c.attrs.associableTypes,
    used_by: [],
  }
}

export function createCategory(ctx: CloudContext, body: unknown): string {
  const b = (body ?? {}) as Record<string, any>
  const spec = (b.create_spec ?? b) as Record<string, any>
  if (typeof spec.name !== 'string' || spec.name.length === 0) throw invalidArgument('A category needs a name.')
  if (listRecords(ctx, T.tagCategory).some((c) => c.name === spec.name)) {
    throw new VcenterFault('ALREADY_EXISTS', `A category named '${spec.name}' already exists.`)
  }
  const cardinality = spec.cardinality ?? 'SINGLE'
  if (cardinality !== 'SINGLE' && cardinality !== 'MULTIPLE')
    throw invalidArgument('cardinality must be SINGLE or MULTIPLE.')
  const id = categoryId()
  putRecord(ctx, {
    type: T.tagCategory,
    id,
    name: spec.name,
    state: 'active',
    attrs: {
      description: String(spec.description ?? ''),
      cardinality,
      associableTypes: Array.isArray(spec.associable_types) ? spec.associable_types : [],
    },
  })
  return id
}

// --- Tags ------------------------------------------------------------------------------------

export function listTags(ctx: CloudContext): string[] {
  return listRecords(ctx, T.tag).map((t) => t.id)
}

export function listTagsForCategory(ctx: CloudContext, body: unknown): string[] {
  const category = (body as { category_id?: unknown } | undefined)?.category_id
  if (typeof category !== 'string') throw invalidArgument("'category_id' is required.")
  mustGet(ctx, T.tagCategory, category, 'Category')
  return listRecords(ctx, T.tag)
    .filter((t) => t.attrs.categoryId === category)
    .map((t) => t.id)
}

export function getTag(ctx: CloudContext, id: string) {
  const t = mustGet(ctx, T.tag, id, 'Tag')
  return { id: t.id, category_id: t.attrs.categoryId, name: t.name, description: t.attrs.description, used_by: [] }
}

export function createTag(ctx: CloudContext, body: unknown): string {
  const b = (body ?? {}) as Record<string, any>
  const spec = (b.create_spec ?? b) as Record<string, any>
  if (typeof spec.name !== 'string' || spec.name.length === 0) throw invalidArgument('A tag needs a name.')
  if (typeof spec.category_id !== 'string') throw invalidArgument("A tag needs a 'category_id'.")
  mustGet(ctx, T.tagCategory, spec.category_id, 'Category')
  const clash = listRecords(ctx, T.tag).some((t) => t.attrs.categoryId === spec.category_id && t.name === spec.name)
  if (clash) throw new VcenterFault('ALREADY_EXISTS', `The category already has a tag named '${spec.name}'.`)
  const id = tagId()
  putRecord(ctx, {
    type: T.tag,
    id,
    name: spec.name,
    state: 'active',
    attrs: { categoryId: spec.category_id, description: String(spec.description ?? ''), objects: [] },
  })
  return id
}

export function deleteTag(ctx: CloudContext, id: string): void {
  mustGet(ctx, T.tag, id, 'Tag')
  ctx.store.remove({ cloud: 'vsphere', account: 'vcenter', region: 'global', type: T.tag, id })
}

// --- Associations ----------------------------------------------------------------------------

/** `POST /api/cis/tagging/tag-association/{tag}?action=attach|detach` with `{object_id}`. */
export function attachTag(ctx: CloudContext, id: string, body: unknown, attach: boolean): void {
  const tag = mustGet(ctx, T.tag, id, 'Tag')
  const object = readObjectId((body as { object_id?: unknown } | undefined)?.object_id)
  if (!objectExists(ctx, object)) throw notFound(object.type, object.id)
  const objects = attachedObjects(ctx, tag).filter((o) => !(o.type === object.type && o.id === object.id))
  if (attach) {
    const category = getRecord(ctx, T.tagCategory, String(tag.attrs.categoryId))
    const types = (category?.attrs.associableTypes as string[] | undefined) ?? []
    if (types.length > 0 && !types.includes(object.type)) {
      throw invalidArgument(`Tags of category '${category?.name}' cannot be attached to a ${object.type}.`)
    }
    if (category?.attrs.cardinality === 'SINGLE') {
      // SINGLE cardinality: an object carries at most one tag of the category.
      const sibling = listRecords(ctx, T.tag).find(
        (t) =>
          t.id !== tag.id &&
          t.attrs.categoryId === category.id &&
          attachedObjects(ctx, t).some((o) => o.type === object.type && o.id === object.id),
      )
      if (sibling)
        throw invalidArgument(
          `The object already has tag '${sibling.name}' of single-cardinality category '${category.name}'.`,
        )
    }
    objects.push(object)
  }
  patchAttrs(ctx, tag, { objects })
}

export function listAttachedTags(ctx: CloudContext, body: unknown): string[] {
  const object = readObjectId((body as { object_id?: unknown } | undefined)?.object_id)
  return listRecords(ctx, T.tag)
    .filter((t) => attachedObjects(ctx, t).some((o) => o.type === object.type && o.id === object.id))
    .map((t) => t.id)
}

export function listAttachedObjects(ctx: CloudContext, id: string): ObjectId[] {
  return attachedObjects(ctx, mustGet(ctx, T.tag, id, 'Tag'))
}

export function listAttachedObjectsOnTags(ctx: CloudContext, body: unknown) {
  const ids = (body as { tag_ids?: unknown } | undefined)?.tag_ids
  if (!Array.isArray(ids)) throw invalidArgument("'tag_ids' must be a list.")
  return ids
    .map((id) => getRecord(ctx, T.tag, String(id)))
    .filter((t): t is ResourceRecord => t !== undefined)
    .map((t) => ({ tag_id: t.id, object_ids: attachedObjects(ctx, t) }))
}

/**
 * Seeds the fixture's zone tags: each key of a datacenter's or cluster's `tags` becomes a
 * SINGLE-cardinality category (k8s-region on datacenters, k8s-zone on clusters), each value a tag.
 */
export function seedTags(ctx: CloudContext): void {
  const tagged: Array<{ record: ResourceRecord; type: string }> = [
    ...listRecords(ctx, T.datacenter).map((record) => ({ record, type: 'Datacenter' })),
    ...listRecords(ctx, T.cluster).map((record) => ({ record, type: 'ClusterComputeResource' })),
  ]
  const categories = new Map<string, string>()
  const tags = new Map<string, ResourceRecord>()
  for (const { record, type } of tagged) {
    for (const [categoryName, tagName] of Object.entries(record.tags)) {
      let category = categories.get(categoryName)
      if (!category) {
        category = categoryId()
        categories.set(categoryName, category)
        putRecord(ctx, {
          type: T.tagCategory,
          id: category,
          name: categoryName,
          state: 'active',
          attrs: {
            description: `Kubernetes ${categoryName} (zone tagging)`,
            cardinality: 'SINGLE',
            associableTypes: [],
          },
        })
      }
      const key = `${categoryName}\u0000${tagName}`
      const tag =
        tags.get(key) ??
        putRecord(ctx, {
          type: T.tag,
          id: tagId(),
          name: tagName,
          state: 'active',
          attrs: { categoryId: category, description: '', objects: [] },
        })
      const objects = [...(tag.attrs.objects as ObjectId[]), { type, id: record.id }]
      tags.set(key, putRecord(ctx, { ...tag, type: T.tag, attrs: { ...tag.attrs, objects } }))
    }
  }
}
