import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test/harness.ts'
import { ListItemCache } from './list-item-cache.ts'
import { setupTkeProject, type TkeFixture } from './test-support.ts'

interface ListAnswer {
  items: Array<{
    metadata: { uid: string; name: string; labels: Record<string, string> }
    spec: { profiles: Array<{ name: string }> }
    status: { state: string }
  }>
}

describe('cluster list: items by row version', () => {
  let t: TestApp
  let fx: TkeFixture

  beforeAll(async () => {
    // No workers: the clusters stay as the test writes them.
    t = await createTestApp({}, { clouds: true, engine: { workers: false } })
    fx = await setupTkeProject(t, 'list')
  })
  afterAll(async () => {
    await t.close()
  })

  const list = async () => {
    const res = await t.as(t.adminToken, fx.headers).get('/v1/spectroclusters?limit=10')
    expect(res.statusCode).toBe(200)
    return res.json() as ListAnswer
  }
  const itemOf = async (uid: string) => (await list()).items.find((i) => i.metadata.uid === uid)

  it('answers every change of a cluster or its profile at once, however quickly they follow each other', async () => {
    const created = await t.as(t.adminToken, fx.headers).post('/v1/spectroclusters/tke', fx.body('c-listed'))
    expect(created.statusCode).toBe(201)
    const { uid } = created.json() as { uid: string }
    expect((await itemOf(uid))?.status.state).toBe('Pending')
    expect(await itemOf(uid)).toEqual(await itemOf(uid))

    // Two changes in one millisecond (same updatedAt): each is a new row version, each is answered.
    const at = new Date()
    await t.prisma.cluster.update({ where: { id: uid }, data: { state: 'Provisioning', updatedAt: at } })
    expect((await itemOf(uid))?.status.state).toBe('Provisioning')
    await t.prisma.cluster.update({ where: { id: uid }, data: { labels: { team: 'blue' }, updatedAt: at } })
    const changed = await itemOf(uid)
    expect(changed?.status.state).toBe('Provisioning')
    expect(changed?.metadata.labels).toEqual({ team: 'blue' })

    // The profile's row is part of the item (its name and version).
    const profile = await t.prisma.clusterProfile.findUniqueOrThrow({ where: { id: fx.profileUid } })
    await t.prisma.clusterProfile.update({ where: { id: profile.id }, data: { name: `${profile.name}-renamed` } })
    try {
      expect((await itemOf(uid))?.spec.profiles[0]?.name).toBe(`${profile.name}-renamed`)
    } finally {
      await t.prisma.clusterProfile.update({ where: { id: profile.id }, data: { name: profile.name } })
    }

    // Deleted leaves the list although its last live version is cached.
    await t.prisma.cluster.update({ where: { id: uid }, data: { state: 'Deleted', deletedAt: new Date() } })
    expect(await itemOf(uid)).toBeUndefined()
  })

  it('keeps at most its capacity, dropping the oldest entries first', () => {
    const cache = new ListItemCache(2)
    cache.set('a', Buffer.from('1'))
    cache.set('b', Buffer.from('2'))
    cache.set('c', Buffer.from('3'))
    expect(cache.size).toBe(2)
    expect([cache.get('a'), cache.get('b'), cache.get('c')].map(String)).toEqual(['undefined', '2', '3'])
  })
})
