/** The vsphere.yaml fixture, checked and with defaults applied. */

export type VcenterRole = 'Admin' | 'ReadOnly'

export interface VcenterUser {
  username: string
  password: string
  role: VcenterRole
  note: string
}

export interface TemplateFixture {
  name: string
  folder: string
  cluster: string
  datastore: string
  guestOS: string
  cpu: number
  memoryMiB: number
  diskGiB: number
}

export interface DatastoreFixture {
  name: string
  type: string
  capacityGiB: number
  usedGiB: number
  /** Clusters whose hosts mount it; undefined means every cluster of the datacenter. */
  clusters?: string[]
}

export interface DatacenterFixture {
  name: string
  tags: Record<string, string>
  clusters: Array<{ name: string; tags: Record<string, string>; hosts: string[]; resourcePools: string[] }>
  datastores: DatastoreFixture[]
  networks: Array<{ name: string; type: string }>
  vmFolders: string[]
  templates: TemplateFixture[]
}

export interface VsphereFixture {
  version: string
  sessionIdleMs: number
  users: VcenterUser[]
  datacenters: DatacenterFixture[]
  contentLibraries: Array<{ name: string; description: string; items: string[] }>
  dhcp: { rangeStart: string; rangeEnd: string; prefix: number; gateway: string }
}

type Obj = Record<string, unknown>

function obj(value: unknown, where: string): Obj {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new Error(`vsphere fixture: ${where} must be a map`)
  return value as Obj
}

function list(value: unknown, where: string): unknown[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) throw new Error(`vsphere fixture: ${where} must be a list`)
  return value
}

function str(value: unknown, where: string, fallback?: string): string {
  if (value === undefined && fallback !== undefined) return fallback
  if (typeof value !== 'string' || value.length === 0) throw new Error(`vsphere fixture: ${where} must be a string`)
  return value
}

function num(value: unknown, where: string, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new Error(`vsphere fixture: ${where} must be a number >= 0`)
  }
  return value
}

function tags(value: unknown, where: string): Record<string, string> {
  if (value === undefined || value === null) return {}
  const o = obj(value, where)
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]))
}

/** Parses the fixture document (the parsed vsphere.yaml); throws an Error naming the bad field. */
export function parseVsphereFixture(doc: unknown): VsphereFixture {
  const root = obj(doc ?? {}, 'document')
  const vcenter = root.vcenter === undefined ? {} : obj(root.vcenter, 'vcenter')
  const users = list(root.users, 'users').map((u, i) => {
    const o = obj(u, `users[${i}]`)
    const role = str(o.role, `users[${i}].role`, 'Admin')
    if (role !== 'Admin' && role !== 'ReadOnly')
      throw new Error(`vsphere fixture: users[${i}].role must be Admin or ReadOnly`)
    return {
      username: str(o.username, `users[${i}].username`),
      password: str(o.password, `users[${i}].password`),
      role,
      note: str(o.note, `users[${i}].note`, role === 'Admin' ? 'full permissions' : 'read-only'),
    } satisfies VcenterUser
  })
  const datacenters = list(root.datacenters, 'datacenters').map((d, i) =>
    parseDatacenter(obj(d, `datacenters[${i}]`), i),
  )
  const contentLibraries = list(root.contentLibraries, 'contentLibraries').map((l, i) => {
    const o = obj(l, `contentLibraries[${i}]`)
    return {
      name: str(o.name, `contentLibraries[${i}].name`),
      description: str(o.description, `contentLibraries[${i}].description`, ''),
      items: list(o.items, `contentLibraries[${i}].items`).map((n, j) => str(n, `contentLibraries[${i}].items[${j}]`)),
    }
  })
  const dhcp = obj(root.dhcp ?? {}, 'dhcp')
  return {
    version: str(vcenter.version === undefined ? undefined : String(vcenter.version), 'vcenter.version', '8.0.2'),
    sessionIdleMs: num(vcenter.sessionIdleMs, 'vcenter.sessionIdleMs', 30 * 60_000),
    users,
    datacenters,
    contentLibraries,
    dhcp: {
      rangeStart: str(dhcp.rangeStart, 'dhcp.rangeStart', '10.10.100.100'),
      rangeEnd: str(dhcp.rangeEnd, 'dhcp.rangeEnd', '10.10.100.199'),
      prefix: num(dhcp.prefix, 'dhcp.prefix', 24),
      gateway: str(dhcp.gateway, 'dhcp.gateway', '10.10.100.1'),
    },
  }
}

function parseDatacenter(o: Obj, i: number): DatacenterFixture {
  const at = `datacenters[${i}]`
  return {
    name: str(o.name, `${at}.name`),
    tags: tags(o.tags, `${at}.tags`),
    clusters: list(o.clusters, `${at}.clusters`).map((c, j) => {
      const co = obj(c, `${at}.clusters[${j}]`)
      return {
        name: str(co.name, `${at}.clusters[${j}].name`),
        tags: tags(co.tags, `${at}.clusters[${j}].tags`),
        hosts: list(co.hosts, `${at}.clusters[${j}].hosts`).map((h, k) => str(h, `${at}.clusters[${j}].hosts[${k}]`)),
        resourcePools: list(co.resourcePools, `${at}.clusters[${j}].resourcePools`).map((p, k) =>
          str(p, `${at}.clusters[${j}].resourcePools[${k}]`),
        ),
      }
    }),
    datastores: list(o.datastores, `${at}.datastores`).map((d, j) => {
      const dobj = obj(d, `${at}.datastores[${j}]`)
      const w = `${at}.datastores[${j}]`
      return {
        name: str(dobj.name, `${w}.name`),
        type: str(dobj.type, `${w}.type`, 'VMFS'),
        capacityGiB: num(dobj.capacityGiB, `${w}.capacityGiB`),
        usedGiB: num(dobj.usedGiB, `${w}.usedGiB`, 0),
        clusters:
          dobj.clusters === undefined
            ? undefined
            : list(dobj.clusters, `${w}.clusters`).map((c, k) => str(c, `${w}.clusters[${k}]`)),
      }
    }),
    networks: list(o.networks, `${at}.networks`).map((n, j) => {
      const no = obj(n, `${at}.networks[${j}]`)
      return { name: str(no.name, `${at}.networks[${j}].name`), type: str(no.type, '', 'STANDARD_PORTGROUP') }
    }),
    vmFolders: list(o.vmFolders, `${at}.vmFolders`).map((f, j) => str(f, `${at}.vmFolders[${j}]`)),
    templates: list(o.templates, `${at}.templates`).map((t, j) => {
      const to = obj(t, `${at}.templates[${j}]`)
      const w = `${at}.templates[${j}]`
      return {
        name: str(to.name, `${w}.name`),
        folder: str(to.folder, `${w}.folder`, ''),
        cluster: str(to.cluster, `${w}.cluster`),
        datastore: str(to.datastore, `${w}.datastore`),
        guestOS: str(to.guestOS, `${w}.guestOS`, 'UBUNTU_64'),
        cpu: num(to.cpu, `${w}.cpu`, 2),
        memoryMiB: num(to.memoryMiB, `${w}.memoryMiB`, 4096),
        diskGiB: num(to.diskGiB, `${w}.diskGiB`, 60),
      }
    }),
  }
}
