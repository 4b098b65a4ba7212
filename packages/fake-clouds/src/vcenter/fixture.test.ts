import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { parseVsphereFixture } from './fixture.ts'
import { startVcenterHarness } from './test-helpers.ts'

describe('vsphere fixture', () => {
  it('parses the shipped fixtures/vsphere.yaml', async () => {
    const text = await readFile(new URL('../../fixtures/vsphere.yaml', import.meta.url), 'utf8')
    const fixture = parseVsphereFixture(parse(text))
    expect(fixture.users.map((u) => u.role)).toEqual(['Admin', 'ReadOnly'])
    expect(fixture.datacenters[0]?.clusters.map((c) => c.name)).toEqual(['Cluster1', 'Cluster2', 'Cluster3'])
    expect(fixture.datacenters[0]?.templates.map((t) => t.name)).toContain('spectro-pcg-gateway-4.6')
    // Every Ubuntu x Kubernetes pair the catalog offers has its node template, and each is in the content library.
    const nodeTemplates = ['20.04', '22.04'].flatMap((os) =>
      ['1.29', '1.30', '1.31'].map((k) => `ubuntu-${os}-k8s-${k}`),
    )
    expect(fixture.datacenters[0]?.templates.map((t) => t.name)).toEqual(expect.arrayContaining(nodeTemplates))
    expect(fixture.contentLibraries[0]?.items).toEqual(expect.arrayContaining(nodeTemplates))
    expect(fixture.dhcp).toMatchObject({ rangeStart: '10.10.100.100', rangeEnd: '10.10.100.199', prefix: 24 })
  })

  it('names the broken field of a bad fixture', () => {
    expect(() => parseVsphereFixture({ users: [{ username: 'a', password: 'b', role: 'God' }] })).toThrow(
      'users[0].role must be Admin or ReadOnly',
    )
    expect(() =>
      parseVsphereFixture({ datacenters: [{ name: 'd', datastores: [{ name: 'x', capacityGiB: -1 }] }] }),
    ).toThrow('datacenters[0].datastores[0].capacityGiB')
    expect(() => parseVsphereFixture({ datacenters: 'nope' })).toThrow('datacenters must be a list')
  })

  it('applies defaults to an empty document (no users: every login is refused)', () => {
    const empty = parseVsphereFixture(undefined)
    expect(empty.users).toEqual([])
    expect(empty.sessionIdleMs).toBe(30 * 60_000)
  })
})

describe('fake vCenter reset', () => {
  it('drops created VMs and sessions and keeps the seeded inventory', async () => {
    const h = await startVcenterHarness()
    try {
      const session = (await h.login()).body as string
      const item = (
        await h.call('POST', '/api/content/library/item?action=find', { name: 'ubuntu-22.04-k8s-1.30' }, session)
      ).body[0]
      const template = (await h.call('GET', `/api/vcenter/vm-template/library-items/${item}`, undefined, session)).body
        .vm_template
      const vm = (
        await h.call('POST', '/api/vcenter/vm?action=clone', { source: template, name: 'before-reset' }, session)
      ).body
      expect(vm).toMatch(/^vm-/)

      expect((await fetch(`${h.fake.adminUrl}/reset`, { method: 'POST' })).status).toBe(200)

      expect((await h.call('GET', '/api/vcenter/vm', undefined, session)).status).toBe(401)
      const fresh = (await h.login()).body as string
      expect((await h.call('GET', '/api/vcenter/vm', undefined, fresh)).body).toEqual([])
      expect((await h.call('GET', '/api/vcenter/cluster', undefined, fresh)).body).toHaveLength(3)
    } finally {
      await h.fake.close()
    }
  })
})
