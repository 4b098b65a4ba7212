import type { VcenterTransport } from './transport.ts'
import type { ObjectRef, Tag } from './types.ts'

type Json = Record<string, any>

const enc = encodeURIComponent

/** The tags attached to an object, with their category names (e.g. k8s-zone = az1 on a cluster). */
export async function listAttachedTags(http: VcenterTransport, object: ObjectRef): Promise<Tag[]> {
  const ids = await http.request<string[]>('POST', '/api/cis/tagging/tag-association', {
    query: { action: 'list-attached-tags' },
    body: { object_id: object },
  })
  const categoryNames = new Map<string, string>()
  const out: Tag[] = []
  for (const id of ids) {
    const tag = await http.request<Json>('GET', `/api/cis/tagging/tag/${enc(id)}`)
    let categoryName = categoryNames.get(tag.category_id)
    if (categoryName === undefined) {
      categoryName = String((await http.request<Json>('GET', `/api/cis/tagging/category/${enc(tag.category_id)}`)).name)
      categoryNames.set(tag.category_id, categoryName)
    }
    out.push({ id, name: tag.name, categoryId: tag.category_id, categoryName })
  }
  return out
}

/**
 * The id of tag `tag` in category `category`, creating either when missing (idempotent, so the
 * agent can call it before every provisioning). New categories are SINGLE-cardinality.
 */
export async function ensureTag(
  http: VcenterTransport,
  options: { category: string; tag: string; associableTypes?: string[]; description?: string },
): Promise<string> {
  let categoryId: string | undefined
  for (const id of await http.request<string[]>('GET', '/api/cis/tagging/category')) {
    const c = await http.request<Json>('GET', `/api/cis/tagging/category/${enc(id)}`)
    if (c.name === options.category) categoryId = id
  }
  categoryId ??= await http.request<string>('POST', '/api/cis/tagging/category', {
    body: {
      name: options.category,
      description: options.description ?? '',
      cardinality: 'SINGLE',
      associable_types: options.associableTypes ?? [],
    },
  })
  const tagIds = await http.request<string[]>('POST', '/api/cis/tagging/tag', {
    query: { action: 'list-tags-for-category' },
    body: { category_id: categoryId },
  })
  for (const id of tagIds) {
    const t = await http.request<Json>('GET', `/api/cis/tagging/tag/${enc(id)}`)
    if (t.name === options.tag) return id
  }
  return http.request<string>('POST', '/api/cis/tagging/tag', {
    body: { name: options.tag, category_id: categoryId, description: options.description ?? '' },
  })
}

export async function setTagAttached(http: VcenterTransport, tagId: string, object: ObjectRef, attached: boolean) {
  await http.request('POST', `/api/cis/tagging/tag-association/${enc(tagId)}`, {
    query: { action: attached ? 'attach' : 'detach' },
    body: { object_id: object },
  })
}

export function listObjectsWithTag(http: VcenterTransport, tagId: string): Promise<ObjectRef[]> {
  return http.request<ObjectRef[]>('POST', `/api/cis/tagging/tag-association/${enc(tagId)}`, {
    query: { action: 'list-attached-objects' },
  })
}
