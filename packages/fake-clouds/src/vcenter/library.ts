import type { CloudContext, ResourceRecord } from '../core/types.ts'
import { invalidArgument, notFound, VcenterFault } from './errors.ts'
import { readCustomizationSpec } from './guest-ip.ts'
import { mustGet } from './inventory.ts'
import { getRecord, key, listRecords, putRecord, T, vmAttrs } from './repo.ts'

const GiB = 1024 ** 3

// --- Content library (GET /api/content/library…) -------------------------------------------

export function listLibraries(ctx: CloudContext): string[] {
  return listRecords(ctx, T.library).map((l) => l.id)
}

export function getLibrary(ctx: CloudContext, id: string) {
  const lib = mustGet(ctx, T.library, id, 'Library')
  return {
    id: lib.id,
    name: lib.name,
    description: lib.attrs.description,
    type: lib.attrs.type,
    creation_time: new Date(lib.createdAt).toISOString(),
    last_modified_time: new Date(lib.createdAt).toISOString(),
    storage_backings: [],
    version: '1',
  }
}

export function listLibraryItems(ctx: CloudContext, libraryId: string | null): string[] {
  if (!libraryId) throw invalidArgument("The parameter 'library_id' is required.")
  mustGet(ctx, T.library, libraryId, 'Library')
  return listRecords(ctx, T.libraryItem)
    .filter((i) => i.attrs.libraryId === libraryId)
    .map((i) => i.id)
}

export function getLibraryItem(ctx: CloudContext, id: string) {
  const item = mustGet(ctx, T.libraryItem, id, 'Library item')
  const template = getRecord(ctx, T.vm, String(item.attrs.vmTemplate))
  return {
    id: item.id,
    library_id: item.attrs.libraryId,
    name: item.name,
    type: item.attrs.type,
    description: item.attrs.description,
    size: template ? vmAttrs(template).diskGiB * GiB : 0,
    cached: true,
    content_version: '1',
    metadata_version: '1',
    version: '1',
    creation_time: new Date(item.createdAt).toISOString(),
    last_modified_time: new Date(item.createdAt).toISOString(),
  }
}

/** `POST /api/content/library/item?action=find`: the FindSpec fields name, library_id, type (all optional, ANDed). */
export function findLibraryItems(ctx: CloudContext, body: unknown): string[] {
  const raw = (body ?? {}) as Record<string, unknown>
  const spec = (raw.spec && typeof raw.spec === 'object' ? raw.spec : raw) as Record<string, unknown>
  return listRecords(ctx, T.libraryItem)
    .filter((i) => spec.name === undefined || i.name === spec.name)
    .filter((i) => spec.library_id === undefined || i.attrs.libraryId === spec.library_id)
    .filter((i) => spec.type === undefined || i.attrs.type === spec.type)
    .map((i) => i.id)
}

// --- VM templates in a content library (GET /api/vcenter/vm-template/library-items/{item}) --

/** The template VM behind a vm-template library item. */
export function templateOfItem(ctx: CloudContext, itemId: string): ResourceRecord {
  const item = mustGet(ctx, T.libraryItem, itemId, 'Library item')
  if (item.attrs.type !== 'vm-template') {
    throw invalidArgument(`Library item '${itemId}' is of type '${String(item.attrs.type)}', not vm-template.`)
  }
  const template = getRecord(ctx, T.vm, String(item.attrs.vmTemplate))
  if (!template) throw notFound('VM template', String(item.attrs.vmTemplate))
  return template
}

export function getVmTemplate(ctx: CloudContext, itemId: string) {
  const template = templateOfItem(ctx, itemId)
  const a = vmAttrs(template)
  return {
    guest_OS: a.guestOS,
    cpu: { count: a.cpu, cores_per_socket: 1 },
    memory: { size_MiB: a.memoryMiB },
    vm_home_storage: { datastore: a.datastore },
    disks: { '2000': { capacity: a.diskGiB * GiB, disk_storage: { datastore: a.datastore } } },
    nics: { '4000': { backing_type: 'STANDARD_PORTGROUP', mac_type: 'ASSIGNED', network: a.network } },
    vm_template: template.id,
  }
}

// --- Guest customization specifications (/api/vcenter/guest/customization-specs) ------------

export function listCustomizationSpecs(ctx: CloudContext) {
  return listRecords(ctx, T.customizationSpec).map((s) => ({
    name: s.id,
    description: s.attrs.description,
    os_type: 'LINUX',
    last_modified: new Date(s.createdAt).toISOString(),
  }))
}

export function createCustomizationSpec(ctx: CloudContext, body: unknown): string {
  const b = (body ?? {}) as Record<string, unknown>
  const name = b.name
  if (typeof name !== 'string' || name.length === 0) throw invalidArgument('The customization spec needs a name.')
  if (getRecord(ctx, T.customizationSpec, name)) {
    throw new VcenterFault('ALREADY_EXISTS', `A customization specification named '${name}' already exists.`)
  }
  readCustomizationSpec(b.spec) // validates
  putRecord(ctx, {
    type: T.customizationSpec,
    id: name,
    name,
    state: 'active',
    attrs: { description: typeof b.description === 'string' ? b.description : '', spec: b.spec },
  })
  return name
}

export function getCustomizationSpec(ctx: CloudContext, name: string) {
  const s = mustGet(ctx, T.customizationSpec, name, 'Customization specification')
  return { name: s.id, description: s.attrs.description, fingerprint: String(s.createdAt), spec: s.attrs.spec }
}

export function deleteCustomizationSpec(ctx: CloudContext, name: string): void {
  mustGet(ctx, T.customizationSpec, name, 'Customization specification')
  ctx.store.remove(key(T.customizationSpec, name))
}
