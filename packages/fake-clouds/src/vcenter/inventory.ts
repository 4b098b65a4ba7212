import type { CloudContext, ResourceRecord } from '../core/types.ts'
import { invalidArgument, notFound } from './errors.ts'
import { getRecord, listRecords, type RecordType, T } from './repo.ts'

const GiB = 1024 ** 3

/** Values of a repeated query parameter (`names=a&names=b`); undefined when absent, as vCenter's filter specs treat it. */
export function multi(query: URLSearchParams, name: string): string[] | undefined {
  const values = query.getAll(name)
  return values.length > 0 ? values : undefined
}

/** Keeps records whose field value is among the filter's values (no filter: keeps all). */
function by<T>(values: string[] | undefined, pick: (r: T) => string | undefined | null): (r: T) => boolean {
  return (r) => values === undefined || values.includes(pick(r) ?? '')
}

/** The record of `type` with id, or a NOT_FOUND fault naming the kind. */
export function mustGet(ctx: CloudContext, type: RecordType, id: string, kind: string): ResourceRecord {
  const record = getRecord(ctx, type, id)
  if (!record) throw notFound(kind, id)
  return record
}

/** Bytes taken on a datastore: the fixture's base usage plus every VM disk placed on it (clones in progress too). */
export function datastoreFree(ctx: CloudContext, datastore: ResourceRecord): number {
  const used = listRecords(ctx, T.vm)
    .filter((vm) => vm.attrs.datastore === datastore.id && vm.attrs.countsAgainstDatastore !== false)
    .reduce((sum, vm) => sum + Number(vm.attrs.diskGiB) * GiB, 0)
  return Math.max(0, Number(datastore.attrs.capacity) - Number(datastore.attrs.baseUsed) - used)
}

export function listDatacenters(ctx: CloudContext, q: URLSearchParams) {
  return listRecords(ctx, T.datacenter)
    .filter(by(multi(q, 'datacenters'), (r) => r.id))
    .filter(by(multi(q, 'names'), (r) => r.name))
    .filter(by(multi(q, 'folders'), (r) => r.parentId))
    .map((r) => ({ datacenter: r.id, name: r.name }))
}

export function getDatacenter(ctx: CloudContext, id: string) {
  const r = mustGet(ctx, T.datacenter, id, 'Datacenter')
  const f = r.attrs.folders as Record<string, string>
  return {
    name: r.name,
    datastore_folder: f.datastore,
    host_folder: f.host,
    network_folder: f.network,
    vm_folder: f.vm,
  }
}

export function listClusters(ctx: CloudContext, q: URLSearchParams) {
  return listRecords(ctx, T.cluster)
    .filter(by(multi(q, 'clusters'), (r) => r.id))
    .filter(by(multi(q, 'names'), (r) => r.name))
    .filter(by(multi(q, 'folders'), (r) => r.parentId))
    .filter(by(multi(q, 'datacenters'), (r) => r.attrs.datacenter as string))
    .map((r) => ({ cluster: r.id, name: r.name, ha_enabled: r.attrs.ha === true, drs_enabled: r.attrs.drs === true }))
}

export function getCluster(ctx: CloudContext, id: string) {
  const r = mustGet(ctx, T.cluster, id, 'Cluster')
  return { name: r.name, resource_pool: r.attrs.resourcePool }
}

export function listHosts(ctx: CloudContext, q: URLSearchParams) {
  const standalone = q.get('standalone')
  return (
    listRecords(ctx, T.host)
      .filter(by(multi(q, 'hosts'), (r) => r.id))
      .filter(by(multi(q, 'names'), (r) => r.name))
      .filter(by(multi(q, 'clusters'), (r) => r.attrs.cluster as string))
      .filter(by(multi(q, 'datacenters'), (r) => r.attrs.datacenter as string))
      .filter(by(multi(q, 'connection_states'), (r) => r.state))
      // Every fixture host belongs to a cluster, so standalone=true matches none.
      .filter(() => standalone !== 'true')
      .map((r) => ({ host: r.id, name: r.name, connection_state: r.state, power_state: r.attrs.powerState }))
  )
}

export function listDatastores(ctx: CloudContext, q: URLSearchParams) {
  return listRecords(ctx, T.datastore)
    .filter(by(multi(q, 'datastores'), (r) => r.id))
    .filter(by(multi(q, 'names'), (r) => r.name))
    .filter(by(multi(q, 'types'), (r) => r.attrs.type as string))
    .filter(by(multi(q, 'folders'), (r) => r.parentId))
    .filter(by(multi(q, 'datacenters'), (r) => r.attrs.datacenter as string))
    .map((r) => ({
      datastore: r.id,
      name: r.name,
      type: r.attrs.type,
      free_space: datastoreFree(ctx, r),
      capacity: Number(r.attrs.capacity),
    }))
}

export function getDatastore(ctx: CloudContext, id: string) {
  const r = mustGet(ctx, T.datastore, id, 'Datastore')
  return {
    name: r.name,
    type: r.attrs.type,
    accessible: true,
    free_space: datastoreFree(ctx, r),
    multiple_host_access: true,
    thin_provisioning_supported: true,
  }
}

export function listNetworks(ctx: CloudContext, q: URLSearchParams) {
  return listRecords(ctx, T.network)
    .filter(by(multi(q, 'networks'), (r) => r.id))
    .filter(by(multi(q, 'names'), (r) => r.name))
    .filter(by(multi(q, 'types'), (r) => r.attrs.type as string))
    .filter(by(multi(q, 'folders'), (r) => r.parentId))
    .filter(by(multi(q, 'datacenters'), (r) => r.attrs.datacenter as string))
    .map((r) => ({ network: r.id, name: r.name, type: r.attrs.type }))
}

export function listResourcePools(ctx: CloudContext, q: URLSearchParams) {
  const hosts = multi(q, 'hosts')
  const hostClusters = hosts?.map((h) => getRecord(ctx, T.host, h)?.attrs.cluster as string | undefined)
  return listRecords(ctx, T.resourcePool)
    .filter(by(multi(q, 'resource_pools'), (r) => r.id))
    .filter(by(multi(q, 'names'), (r) => r.name))
    .filter(by(multi(q, 'parent_resource_pools'), (r) => r.attrs.parent as string | null))
    .filter(by(multi(q, 'datacenters'), (r) => r.attrs.datacenter as string))
    .filter(by(multi(q, 'clusters'), (r) => r.attrs.cluster as string))
    .filter((r) => hostClusters === undefined || hostClusters.includes(r.attrs.cluster as string))
    .map((r) => ({ resource_pool: r.id, name: r.name }))
}

export function getResourcePool(ctx: CloudContext, id: string) {
  const r = mustGet(ctx, T.resourcePool, id, 'ResourcePool')
  const children = listRecords(ctx, T.resourcePool).filter((p) => p.attrs.parent === id)
  return { name: r.name, resource_pools: children.map((c) => c.id) }
}

const FOLDER_TYPES = ['DATACENTER', 'DATASTORE', 'HOST', 'NETWORK', 'VIRTUAL_MACHINE']

export function listFolders(ctx: CloudContext, q: URLSearchParams) {
  const type = q.get('type')
  if (type !== null && !FOLDER_TYPES.includes(type))
    throw invalidArgument(`Invalid value '${type}' for the folder type.`)
  return listRecords(ctx, T.folder)
    .filter((r) => type === null || r.attrs.type === type)
    .filter(by(multi(q, 'folders'), (r) => r.id))
    .filter(by(multi(q, 'names'), (r) => r.name))
    .filter(by(multi(q, 'parent_folders'), (r) => r.parentId))
    .filter(by(multi(q, 'datacenters'), (r) => r.attrs.datacenter as string | null))
    .map((r) => ({ folder: r.id, name: r.name, type: r.attrs.type }))
}
