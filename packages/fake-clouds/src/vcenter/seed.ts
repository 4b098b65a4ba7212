import type { CloudContext } from '../core/types.ts'
import type { VsphereFixture } from './fixture.ts'
import { putRecord, T, uuid, type VmAttrs } from './repo.ts'
import { seedTags } from './tagging.ts'

const GiB = 1024 ** 3

/** A locally administered MAC in VMware's 00:50:56 range. */
export function macAddress(): string {
  const b = crypto.getRandomValues(new Uint8Array(3))
  return ['00', '50', '56', ...[b[0]! & 0x3f, b[1]!, b[2]!].map((x) => x.toString(16).padStart(2, '0'))].join(':')
}

/**
 * Loads the fixture's inventory into the store with vCenter-style managed object ids,
 * numbered in file order so the same fixture always yields the same ids.
 */
export function seedInventory(ctx: CloudContext, fixture: VsphereFixture): void {
  let n = 1
  const next = (prefix: string) => `${prefix}${n++}`
  putRecord(ctx, {
    type: T.folder,
    id: 'group-d1',
    name: 'Datacenters',
    state: 'active',
    attrs: { type: 'DATACENTER', datacenter: null },
  })
  n = 2
  for (const dc of fixture.datacenters) {
    const dcId = next('datacenter-')
    const folders = { vm: next('group-v'), host: next('group-h'), datastore: next('group-s'), network: next('group-n') }
    putRecord(ctx, {
      type: T.datacenter,
      id: dcId,
      name: dc.name,
      state: 'active',
      tags: dc.tags,
      parentId: 'group-d1',
      attrs: { folders },
    })
    const folderTypes = { vm: 'VIRTUAL_MACHINE', host: 'HOST', datastore: 'DATASTORE', network: 'NETWORK' } as const
    for (const [kind, id] of Object.entries(folders) as Array<[keyof typeof folders, string]>) {
      putRecord(ctx, {
        type: T.folder,
        id,
        name: kind,
        state: 'active',
        parentId: dcId,
        attrs: { type: folderTypes[kind], datacenter: dcId, path: kind },
      })
    }

    const clusterIds = new Map<string, { id: string; rootPool: string; hosts: string[] }>()
    for (const c of dc.clusters) {
      const id = next('domain-c')
      const rootPool = next('resgroup-')
      putRecord(ctx, {
        type: T.cluster,
        id,
        name: c.name,
        state: 'active',
        tags: c.tags,
        parentId: folders.host,
        attrs: { datacenter: dcId, resourcePool: rootPool, ha: true, drs: true },
      })
      putRecord(ctx, {
        type: T.resourcePool,
        id: rootPool,
        name: 'Resources',
        state: 'active',
        parentId: id,
        attrs: { datacenter: dcId, cluster: id, parent: null },
      })
      for (const pool of c.resourcePools) {
        putRecord(ctx, {
          type: T.resourcePool,
          id: next('resgroup-'),
          name: pool,
          state: 'active',
          parentId: rootPool,
          attrs: { datacenter: dcId, cluster: id, parent: rootPool },
        })
      }
      const hosts = c.hosts.map((h) => {
        const hostId = next('host-')
        putRecord(ctx, {
          type: T.host,
          id: hostId,
          name: h,
          state: 'CONNECTED',
          parentId: id,
          attrs: { datacenter: dcId, cluster: id, powerState: 'POWERED_ON' },
        })
        return hostId
      })
      clusterIds.set(c.name, { id, rootPool, hosts })
    }

    const datastoreIds = new Map<string, string>()
    for (const ds of dc.datastores) {
      const id = next('datastore-')
      datastoreIds.set(ds.name, id)
      const clusters = (ds.clusters ?? dc.clusters.map((c) => c.name)).map((name) => {
        const c = clusterIds.get(name)
        if (!c) throw new Error(`vsphere fixture: datastore ${ds.name} names unknown cluster ${name}`)
        return c.id
      })
      putRecord(ctx, {
        type: T.datastore,
        id,
        name: ds.name,
        state: 'active',
        parentId: folders.datastore,
        attrs: {
          datacenter: dcId,
          type: ds.type,
          capacity: ds.capacityGiB * GiB,
          baseUsed: ds.usedGiB * GiB,
          clusters,
        },
      })
    }

    const networkIds = new Map<string, string>()
    for (const net of dc.networks) {
      const id = next(net.type === 'DISTRIBUTED_PORTGROUP' ? 'dvportgroup-' : 'network-')
      networkIds.set(net.name, id)
      putRecord(ctx, {
        type: T.network,
        id,
        name: net.name,
        state: 'active',
        parentId: folders.network,
        attrs: { datacenter: dcId, type: net.type },
      })
    }

    const folderIds = new Map<string, string>([['', folders.vm]])
    for (const path of dc.vmFolders) {
      const parts = path.split('/').filter(Boolean)
      const parentPath = parts.slice(0, -1).join('/')
      const parent = folderIds.get(parentPath)
      if (!parent) throw new Error(`vsphere fixture: folder ${path} is listed before its parent ${parentPath}`)
      const id = next('group-v')
      folderIds.set(parts.join('/'), id)
      putRecord(ctx, {
        type: T.folder,
        id,
        name: parts.at(-1)!,
        state: 'active',
        parentId: parent,
        attrs: { type: 'VIRTUAL_MACHINE', datacenter: dcId, path: `vm/${parts.join('/')}` },
      })
    }

    const firstNetwork = dc.networks[0] ? networkIds.get(dc.networks[0].name)! : ''
    for (const t of dc.templates) {
      const cluster = clusterIds.get(t.cluster)
      const datastore = datastoreIds.get(t.datastore)
      const folder = folderIds.get(t.folder.split('/').filter(Boolean).join('/'))
      if (!cluster || !datastore || !folder)
        throw new Error(`vsphere fixture: template ${t.name} names an unknown cluster, datastore or folder`)
      const attrs: VmAttrs = {
        datacenter: dcId,
        folder,
        cluster: cluster.id,
        host: cluster.hosts[0] ?? '',
        resourcePool: cluster.rootPool,
        datastore,
        network: firstNetwork,
        guestOS: t.guestOS,
        cpu: t.cpu,
        memoryMiB: t.memoryMiB,
        diskGiB: t.diskGiB,
        template: true,
        instanceUuid: uuid(),
        biosUuid: uuid(),
        macAddress: macAddress(),
        hostName: t.name,
      }
      // Template disks are already part of the datastore's usedGiB in the fixture, so they do not count again.
      putRecord(ctx, {
        type: T.vm,
        id: next('vm-'),
        name: t.name,
        state: 'POWERED_OFF',
        parentId: folder,
        attrs: { ...attrs, countsAgainstDatastore: false },
      })
    }
  }
  seedLibraries(ctx, fixture)
  seedTags(ctx)
  putRecord(ctx, { type: T.settings, id: 'sequence', state: 'active', attrs: { next: 1000 } })
}

function seedLibraries(ctx: CloudContext, fixture: VsphereFixture): void {
  const templates = ctx.store.list({ cloud: 'vsphere', type: T.vm }).filter((r) => r.attrs.template === true)
  for (const lib of fixture.contentLibraries) {
    const libId = uuid()
    putRecord(ctx, {
      type: T.library,
      id: libId,
      name: lib.name,
      state: 'active',
      attrs: { description: lib.description, type: 'LOCAL' },
    })
    for (const itemName of lib.items) {
      const template = templates.find((t) => t.name === itemName)
      if (!template) throw new Error(`vsphere fixture: library ${lib.name} item ${itemName} is not a template`)
      putRecord(ctx, {
        type: T.libraryItem,
        id: uuid(),
        name: itemName,
        state: 'active',
        parentId: libId,
        attrs: {
          libraryId: libId,
          type: 'vm-template',
          vmTemplate: template.id,
          description: `VM template ${itemName}`,
        },
      })
    }
  }
}
