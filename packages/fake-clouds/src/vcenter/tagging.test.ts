import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startVcenterHarness, type VcenterHarness } from './test-helpers.ts'

describe('fake vCenter tagging', () => {
  let h: VcenterHarness
  beforeAll(async () => {
    h = await startVcenterHarness()
  })
  afterAll(() => h.fake.close())

  const tagNamed = async (name: string) => {
    const ids = (await h.call('GET', '/api/cis/tagging/tag')).body as string[]
    for (const id of ids) {
      const tag = (await h.call('GET', `/api/cis/tagging/tag/${id}`)).body
      if (tag.name === name) return tag
    }
    throw new Error(`no tag ${name}`)
  }

  it('seeds the zone tags of the fixture: k8s-region on the datacenter, k8s-zone on each cluster', async () => {
    const categories = await Promise.all(
      ((await h.call('GET', '/api/cis/tagging/category')).body as string[]).map(
        async (id) => (await h.call('GET', `/api/cis/tagging/category/${id}`)).body,
      ),
    )
    expect(categories.map((c) => c.name).sort()).toEqual(['k8s-region', 'k8s-zone'])
    expect(categories[0].id).toMatch(/^urn:vmomi:InventoryServiceCategory:/)

    const zone = categories.find((c) => c.name === 'k8s-zone')
    const zoneTags = (
      await h.call('POST', '/api/cis/tagging/tag?action=list-tags-for-category', { category_id: zone.id })
    ).body
    expect(zoneTags).toHaveLength(3)

    const cluster2 = (await h.call('GET', '/api/vcenter/cluster?names=Cluster2')).body[0].cluster
    const attached = await h.call('POST', '/api/cis/tagging/tag-association?action=list-attached-tags', {
      object_id: { type: 'ClusterComputeResource', id: cluster2 },
    })
    expect(attached.body).toHaveLength(1)
    expect((await h.call('GET', `/api/cis/tagging/tag/${attached.body[0]}`)).body).toMatchObject({
      name: 'az2',
      category_id: zone.id,
    })
  })

  it('creates a category and a tag, attaches it to a VM and finds the VM by tag; deleting the VM drops the association', async () => {
    const category = await h.call('POST', '/api/cis/tagging/category', {
      name: 'spectro-owner',
      description: 'who created the VM',
      cardinality: 'SINGLE',
      associable_types: ['VirtualMachine'],
    })
    expect(category.status).toBe(201)
    const tag = await h.call('POST', '/api/cis/tagging/tag', {
      name: 'pcg-a1',
      category_id: category.body,
      description: '',
    })
    expect(tag.status).toBe(201)
    expect(
      (await h.call('POST', '/api/cis/tagging/tag', { name: 'pcg-a1', category_id: category.body })).body.error_type,
    ).toBe('ALREADY_EXISTS')

    const item = (await h.call('POST', '/api/content/library/item?action=find', { name: 'ubuntu-22.04-k8s-1.30' }))
      .body[0]
    const template = (await h.call('GET', `/api/vcenter/vm-template/library-items/${item}`)).body.vm_template
    const vm = (
      await h.call('POST', '/api/vcenter/vm?action=clone', { source: template, name: 'tagged', power_on: false })
    ).body
    const attach = await h.call('POST', `/api/cis/tagging/tag-association/${tag.body}?action=attach`, {
      object_id: { type: 'VirtualMachine', id: vm },
    })
    expect(attach.status).toBe(204)
    const onTags = await h.call('POST', '/api/cis/tagging/tag-association?action=list-attached-objects-on-tags', {
      tag_ids: [tag.body],
    })
    expect(onTags.body).toEqual([{ tag_id: tag.body, object_ids: [{ type: 'VirtualMachine', id: vm }] }])

    // The category only takes VMs.
    const dc = (await h.call('GET', '/api/vcenter/datacenter')).body[0].datacenter
    const wrongType = await h.call('POST', `/api/cis/tagging/tag-association/${tag.body}?action=attach`, {
      object_id: { type: 'Datacenter', id: dc },
    })
    expect(wrongType.body.error_type).toBe('INVALID_ARGUMENT')

    expect((await h.call('DELETE', `/api/vcenter/vm/${vm}`)).status).toBe(204)
    const after = await h.call('POST', `/api/cis/tagging/tag-association/${tag.body}?action=list-attached-objects`)
    expect(after.body).toEqual([])
  })

  it('refuses attaching to an unknown object and lets the read-only user look but not attach', async () => {
    const az1 = await tagNamed('az1')
    const unknown = await h.call('POST', `/api/cis/tagging/tag-association/${az1.id}?action=attach`, {
      object_id: { type: 'VirtualMachine', id: 'vm-424242' },
    })
    expect(unknown.status).toBe(404)
    const ro = (await h.login(h.readOnly)).body
    expect((await h.call('GET', '/api/cis/tagging/tag', undefined, ro)).status).toBe(200)
    const denied = await h.call(
      'POST',
      `/api/cis/tagging/tag-association/${az1.id}?action=detach`,
      { object_id: { type: 'ClusterComputeResource', id: 'domain-c1' } },
      ro,
    )
    expect(denied.status).toBe(403)
  })
})
