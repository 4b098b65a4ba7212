import { currentRequestScope } from '../core/request-context.ts'
import type { CloudContext, FakeRequest, FakeResponse } from '../core/types.ts'
import { invalidArgument, notFound, VcenterFault } from './errors.ts'
import * as inv from './inventory.ts'
import * as lib from './library.ts'
import { getRecord, T } from './repo.ts'
import { json, noContent, ok, type Route } from './route-kit.ts'
import { deleteSession, getConfig } from './session.ts'
import { taggingRoutes } from './tagging-routes.ts'
import { type PlacementSpec, startVmClone, taskInfo } from './vm-create.ts'
import * as vms from './vm-ops.ts'

/** How long a clone without `vmw-task=true` may hold its request before answering TIMED_OUT (real ms). */
const BLOCKING_CLONE_LIMIT_MS = 30_000

/**
 * Without `vmw-task=true`, vCenter answers a clone only when it has finished. The fake polls the store
 * until the VM leaves CLONING; a stuck clone gives up with TIMED_OUT (the clone itself carries on).
 */
async function answerClone(
  ctx: CloudContext,
  req: FakeRequest,
  started: { vm: string; task: string },
): Promise<FakeResponse> {
  if (req.query.get('vmw-task') === 'true') return json(202, started.task)
  const deadline = Date.now() + BLOCKING_CLONE_LIMIT_MS
  // Stop polling once the client has gone (or the server closes): nobody would read the answer.
  const signal = currentRequestScope()?.signal
  while (Date.now() < deadline && !signal?.aborted) {
    const vm = getRecord(ctx, T.vm, started.vm)
    if (!vm) throw new VcenterFault('ERROR', 'The virtual machine disappeared while it was being cloned.')
    if (vm.state !== 'CLONING') return ok(started.vm)
    const wait = vm.pending && Number.isFinite(vm.pending.at) ? vm.pending.at - Date.now() : 250
    await new Promise((resolve) => setTimeout(resolve, Math.min(250, Math.max(5, wait))))
  }
  throw new VcenterFault(
    'TIMED_OUT',
    `The clone of '${started.vm}' did not finish in time; follow task ${started.task}.`,
  )
}

function bodyObject(body: unknown): Record<string, any> {
  if (body === undefined || body === null) return {}
  if (typeof body !== 'object' || Array.isArray(body)) throw invalidArgument('The request body must be a JSON object.')
  return body as Record<string, any>
}

export const routes: Route[] = [
  ...taggingRoutes,
  // Session
  {
    method: 'DELETE',
    path: '/api/session',
    op: 'DeleteSession',
    handle: ({ ctx, caller }) => {
      deleteSession(ctx, caller.sessionId!)
      return noContent()
    },
  },
  {
    method: 'GET',
    path: '/api/session',
    op: 'GetSession',
    handle: ({ ctx, caller }) => {
      const s = getRecord(ctx, T.session, caller.sessionId!)
      const created = new Date(s?.createdAt ?? Date.now()).toISOString()
      return ok({ user: caller.user.username, created_time: created, last_accessed_time: new Date().toISOString() })
    },
  },
  {
    method: 'GET',
    path: '/api/appliance/system/version',
    op: 'GetSystemVersion',
    handle: ({ ctx }) => {
      const version = getConfig(ctx).version
      return ok({
        product: 'VMware vCenter Server',
        type: 'vCenter Server with an embedded Platform Services Controller',
        version,
        build: '22617221',
        summary: `vCenter Server ${version} (fake)`,
        releasedate: '2023-09-21',
        install_time: new Date(0).toISOString(),
      })
    },
  },
  // Inventory
  {
    method: 'GET',
    path: '/api/vcenter/datacenter',
    op: 'ListDatacenters',
    handle: ({ ctx, req }) => ok(inv.listDatacenters(ctx, req.query)),
  },
  {
    method: 'GET',
    path: '/api/vcenter/datacenter/{id}',
    op: 'GetDatacenter',
    handle: ({ ctx, params }) => ok(inv.getDatacenter(ctx, params.id!)),
  },
  {
    method: 'GET',
    path: '/api/vcenter/cluster',
    op: 'ListClusters',
    handle: ({ ctx, req }) => ok(inv.listClusters(ctx, req.query)),
  },
  {
    method: 'GET',
    path: '/api/vcenter/cluster/{id}',
    op: 'GetCluster',
    handle: ({ ctx, params }) => ok(inv.getCluster(ctx, params.id!)),
  },
  {
    method: 'GET',
    path: '/api/vcenter/host',
    op: 'ListHosts',
    handle: ({ ctx, req }) => ok(inv.listHosts(ctx, req.query)),
  },
  {
    method: 'GET',
    path: '/api/vcenter/datastore',
    op: 'ListDatastores',
    handle: ({ ctx, req }) => ok(inv.listDatastores(ctx, req.query)),
  },
  {
    method: 'GET',
    path: '/api/vcenter/datastore/{id}',
    op: 'GetDatastore',
    handle: ({ ctx, params }) => ok(inv.getDatastore(ctx, params.id!)),
  },
  {
    method: 'GET',
    path: '/api/vcenter/network',
    op: 'ListNetworks',
    handle: ({ ctx, req }) => ok(inv.listNetworks(ctx, req.query)),
  },
  {
    method: 'GET',
    path: '/api/vcenter/resource-pool',
    op: 'ListResourcePools',
    handle: ({ ctx, req }) => ok(inv.listResourcePools(ctx, req.query)),
  },
  {
    method: 'GET',
    path: '/api/vcenter/resource-pool/{id}',
    op: 'GetResourcePool',
    handle: ({ ctx, params }) => ok(inv.getResourcePool(ctx, params.id!)),
  },
  {
    method: 'GET',
    path: '/api/vcenter/folder',
    op: 'ListFolders',
    handle: ({ ctx, req }) => ok(inv.listFolders(ctx, req.query)),
  },
  // VMs
  { method: 'GET', path: '/api/vcenter/vm', op: 'ListVms', handle: ({ ctx, req }) => ok(vms.listVms(ctx, req.query)) },
  {
    method: 'POST',
    path: '/api/vcenter/vm',
    action: 'clone',
    op: 'CloneVm',
    write: true,
    handle: ({ ctx, req, body, caller }) => {
      const spec = bodyObject(body)
      if (typeof spec.source !== 'string') throw invalidArgument("The clone spec needs a 'source' virtual machine.")
      const source = getRecord(ctx, T.vm, spec.source)
      if (!source || source.state === 'CLONING') throw notFound('VirtualMachine', spec.source)
      const started = startVmClone(ctx, {
        caller,
        name: spec.name,
        source,
        sourceRef: source.id,
        placement: spec.placement as PlacementSpec | undefined,
        powerOn: spec.power_on === true,
        customizationName: spec.guest_customization_spec?.name,
        operation: 'CloneVm',
      })
      return answerClone(ctx, req, started)
    },
  },
  {
    method: 'GET',
    path: '/api/vcenter/vm/{id}',
    op: 'GetVm',
    handle: ({ ctx, params }) => ok(vms.getVm(ctx, params.id!)),
  },
  {
    method: 'DELETE',
    path: '/api/vcenter/vm/{id}',
    op: 'DeleteVm',
    write: true,
    handle: ({ ctx, params }) => {
      vms.deleteVm(ctx, params.id!)
      return noContent()
    },
  },
  {
    method: 'GET',
    path: '/api/vcenter/vm/{id}/power',
    op: 'GetVmPower',
    handle: ({ ctx, params }) => ok(vms.getPower(ctx, params.id!)),
  },
  ...(
    [
      ['start', 'PowerOnVm'],
      ['stop', 'PowerOffVm'],
      ['suspend', 'SuspendVm'],
      ['reset', 'ResetVm'],
    ] as const
  ).map(
    ([action, op]): Route => ({
      method: 'POST',
      path: '/api/vcenter/vm/{id}/power',
      action,
      op,
      write: true,
      handle: ({ ctx, params }) => {
        vms.changePower(ctx, params.id!, action)
        return noContent()
      },
    }),
  ),
  {
    method: 'GET',
    path: '/api/vcenter/vm/{id}/guest/identity',
    op: 'GetGuestIdentity',
    handle: ({ ctx, params }) => ok(vms.guestIdentity(ctx, params.id!)),
  },
  {
    method: 'PUT',
    path: '/api/vcenter/vm/{id}/guest/customization',
    op: 'CustomizeGuest',
    write: true,
    handle: ({ ctx, params, body }) => {
      vms.customizeGuest(ctx, params.id!, body)
      return noContent()
    },
  },
  // Guest customization specs
  {
    method: 'GET',
    path: '/api/vcenter/guest/customization-specs',
    op: 'ListCustomizationSpecs',
    handle: ({ ctx }) => ok(lib.listCustomizationSpecs(ctx)),
  },
  {
    method: 'POST',
    path: '/api/vcenter/guest/customization-specs',
    op: 'CreateCustomizationSpec',
    write: true,
    handle: ({ ctx, body }) => json(201, lib.createCustomizationSpec(ctx, body)),
  },
  {
    method: 'GET',
    path: '/api/vcenter/guest/customization-specs/{id}',
    op: 'GetCustomizationSpec',
    handle: ({ ctx, params }) => ok(lib.getCustomizationSpec(ctx, params.id!)),
  },
  {
    method: 'DELETE',
    path: '/api/vcenter/guest/customization-specs/{id}',
    op: 'DeleteCustomizationSpec',
    write: true,
    handle: ({ ctx, params }) => {
      lib.deleteCustomizationSpec(ctx, params.id!)
      return noContent()
    },
  },
  // Content library and VM templates
  { method: 'GET', path: '/api/content/library', op: 'ListLibraries', handle: ({ ctx }) => ok(lib.listLibraries(ctx)) },
  {
    method: 'GET',
    path: '/api/content/library/item',
    op: 'ListLibraryItems',
    handle: ({ ctx, req }) => ok(lib.listLibraryItems(ctx, req.query.get('library_id'))),
  },
  {
    method: 'POST',
    path: '/api/content/library/item',
    action: 'find',
    op: 'FindLibraryItems',
    handle: ({ ctx, body }) => ok(lib.findLibraryItems(ctx, body)),
  },
  {
    method: 'GET',
    path: '/api/content/library/item/{id}',
    op: 'GetLibraryItem',
    handle: ({ ctx, params }) => ok(lib.getLibraryItem(ctx, params.id!)),
  },
  {
    method: 'GET',
    path: '/api/vcenter/vm-template/library-items/{id}',
    op: 'GetVmTemplate',
    handle: ({ ctx, params }) => ok(lib.getVmTemplate(ctx, params.id!)),
  },
  {
    method: 'POST',
    path: '/api/vcenter/vm-template/library-items/{id}',
    action: 'deploy',
    op: 'DeployVmTemplate',
    write: true,
    handle: ({ ctx, req, params, body, caller }) => {
      const spec = bodyObject(body)
      const source = lib.templateOfItem(ctx, params.id!)
      const started = startVmClone(ctx, {
        caller,
        name: spec.name,
        source,
        sourceRef: params.id!,
        placement: spec.placement as PlacementSpec | undefined,
        datastore: spec.vm_home_storage?.datastore ?? spec.disk_storage?.datastore,
        powerOn: spec.powered_on === true,
        customizationName: spec.guest_customization?.name,
        hardwareCustomization: spec.hardware_customization,
        operation: 'DeployVmTemplate',
      })
      return answerClone(ctx, req, started)
    },
  },
  // After the item routes: `/api/content/library/item` must not be read as a library id.
  {
    method: 'GET',
    path: '/api/content/library/{id}',
    op: 'GetLibrary',
    handle: ({ ctx, params }) => ok(lib.getLibrary(ctx, params.id!)),
  },
  // Tasks
  {
    method: 'GET',
    path: '/api/cis/tasks/{id}',
    op: 'GetTask',
    handle: ({ ctx, params }) => ok(taskInfo(ctx, params.id!)),
  },
]

/** Compiled patterns, so matching a request is one regex test per route. */
const compiled = routes.map((route) => {
  const names: string[] = []
  const source = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name)
    return '([^/]+)'
  })
  return { route, names, regex: new RegExp(`^${source}$`) }
})

/** The route for a request, with its path parameters; `undefined` when no operation exists at that path. */
export function findRoute(req: FakeRequest): { route: Route; params: Record<string, string> } | undefined {
  const action = req.query.get('action') ?? undefined
  for (const { route, names, regex } of compiled) {
    if (route.method !== req.method || route.action !== action) continue
    const m = regex.exec(req.path)
    if (!m) continue
    const params = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]))
    return { route, params }
  }
  return undefined
}
