import {
  clusterEventListSchema,
  clusterListQuerySchema,
  clusterListSchema,
  clusterSchema,
  clusterValidationSchema,
  createdSchema,
  forceDeleteResultSchema,
  uidParamsSchema,
} from '@console/contracts'
import type { FastifySchemaCompiler } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Deps } from '../../lib/deps.ts'
import { awsClusterKind } from './aws-validation.ts'
import { type ClusterBody, type ClusterKind, validateClusterBody } from './cluster-validation.ts'
import { eksClusterKind } from './eks-validation.ts'
import { closeAllClusterStreams, streamClusterEvents } from './event-stream.ts'
import { listClusters, searchToListQuery } from './list.ts'
import {
  createCluster,
  deleteCluster,
  findVisibleCluster,
  forceDeleteCluster,
  getCluster,
  listClusterEvents,
} from './service.ts'
import { tkeClusterKind } from './tke-validation.ts'
import { vsphereClusterKind } from './vsphere-validation.ts'

const tags = ['clusters']

/** What each kind's routes say in the API docs. */
const DESCRIPTIONS: Record<string, string> = {
  tke: 'Tencent TKE: a managed control plane in the chosen VPC (`vpcID`), `sshKeyIDs`, endpoint access with a public security group and CIDRs, node pools with subnets per zone.',
  aws: [
    'AWS IaaS: Kubernetes on EC2 instances (control plane and workers) on an AWS account, from an AWS profile.',
    'Placement: with `cloudConfig.vpcId` (Static Placement) every pool names one subnet of that VPC per zone in `subnets[{id, az}]`; without it the console creates a VPC with a public and a private subnet per zone of the pools, an internet gateway, a NAT gateway per zone and the route tables, and deletes them with the cluster. Static subnets should carry the load balancer discovery tags (public: `kubernetes.io/role/elb=1`, `sigs.k8s.io/cluster-api-provider-aws/role=public`, `kubernetes.io/cluster/<name>=shared`, `sigs.k8s.io/cluster-api-provider-aws/cluster/<name>=owned`; private: `kubernetes.io/role/internal-elb=1`, `kubernetes.io/cluster/<name>=shared`): validation warns when they lack them.',
    'Pools: exactly one control plane pool (`poolConfig.isControlPlane`, `size` 1, 3 or 5, On-Demand; `useControlPlaneAsWorker` allows workloads on it) and worker pools (`size` 0 to 500), at least one unless the control plane has worker capability. `capacityType` on-demand or spot (spot needs `spotMarketOptions.maxPrice` in USD per hour), `additionalLabels`, `taints`, `rootDeviceSize` in GiB, `updateStrategy.type` RollingUpdateScaleOut (expand first) or RollingUpdateScaleIn (contract first).',
  ].join('\n\n'),
  eks: [
    'Amazon EKS on an AWS account, from an EKS profile.',
    'Placement: with `cloudConfig.vpcId` (Static Placement) every pool names one subnet of that VPC per zone in `subnets[{id, az}]`; without it the console creates a VPC (10.0.0.0/16) with a public and a private subnet per zone of the pools, an internet gateway, a NAT gateway per zone and the route tables, and deletes them with the cluster.',
    "The control plane runs in the pools' subnets (static) or the private subnets (dynamic): the pools must span at least two zones.",
    '`endpointAccess{public, private, publicCIDRs, privateCIDRs}`: Public, Private, or Private & Public; `privateCIDRs` are let through to the private endpoint besides the VPC.',
    'Pools are EKS managed node groups: `capacityType` on-demand or spot (spot needs `spotMarketOptions.maxPrice` in USD per hour; nodes start once the spot price is at or below it), `additionalLabels`, `taints`, `rootDeviceSize` in GiB.',
    "IAM: the cluster and its nodes use the roles `eks-controlplane.cluster-api-provider-aws.sigs.k8s.io` and `nodes.cluster-api-provider-aws.sigs.k8s.io` (or the k8s layer's `managedMachinePool.roleName`), which the account must hold.",
  ].join('\n\n'),
  vsphere: [
    'VMware vSphere on a vSphere account, from a vSphere profile, through the Private Cloud Gateway of the account (the console never calls vCenter: the gateway agent clones, powers and deletes the VMs). While the gateway is not Running the cluster is accepted and waits for it.',
    '`cloudConfig.placement{datacenter, folder}`, `sshKeys` (at least one), `ntpServers`, `staticIp` (IP Allocation strategy: Static IP or DHCP). Tags are kept on the cluster but not propagated to the VMs.',
    'Pools: exactly one master pool (`poolConfig.isControlPlane`, `size` 1, 3 or 5, one placement domain; `useControlPlaneAsWorker`) and worker pools; `cloudConfig.instanceType{numCPUs, memoryMiB, diskGiB}` and `placements[{cluster, datastore, resourcePool, network{networkName, parentPoolUid}}]`: the VMs are spread over the placement domains round-robin. With Static IP every domain names an IP pool of the gateway (`parentPoolUid`) holding at least its nodes + 3 free addresses; the addresses return to the pool when the cluster is deleted.',
  ].join('\n\n'),
}

/** "an EKS", "an AWS", "a TKE". */
const article = (label: string) => (/^[AEIOU]/.test(label) ? 'an' : 'a')

type App = Parameters<FastifyPluginAsyncZod<{ deps: Deps }>>[0]

/** POST /v1/spectroclusters/{path}/validate and POST /v1/spectroclusters/{path} of one kind. */
function registerCreate<Body extends ClusterBody, Credentials>(
  app: App,
  deps: Deps,
  kind: ClusterKind<Body, Credentials>,
) {
  const description = DESCRIPTIONS[kind.path]
  app.post(
    `/v1/spectroclusters/${kind.path}/validate`,
    {
      config: { permission: 'clusters.write' },
      validatorCompiler: passThrough,
      schema: {
        tags,
        summary: `Check ${article(kind.label)} ${kind.label} cluster without creating it: every problem at once`,
        description,
        body: kind.schema,
        response: { 200: clusterValidationSchema },
      },
    },
    async (request) => (await validateClusterBody(deps, request.ctx, kind, request.body as unknown)).validation,
  )
  app.post(
    `/v1/spectroclusters/${kind.path}`,
    {
      config: { permission: 'clusters.write' },
      validatorCompiler: passThrough,
      schema: {
        tags,
        summary: `Deploy ${article(kind.label)} ${kind.label} cluster (422 with the validation answer when it does not validate)`,
        description,
        body: kind.schema,
        response: { 201: createdSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createCluster(deps, request.ctx, kind, request.body as unknown)),
  )
}

/**
 * The create and validate bodies are documented with each cloud's schema but checked by the domain, which
 * answers every problem at once (validate: 200 `{valid, errors, warnings}`; create: 422 with that answer)
 * instead of the transport's 400 for the first shape problems.
 */
const passThrough: FastifySchemaCompiler<unknown> = () => (data) => ({ value: data })

/**
 * The list routes are the hot path (≥ 2,000 req/s wanted): listClusters answers the JSON itself, as
 * UTF-8 bytes (items cached by row version or written from the query's rows, see list.ts), sent as
 * is — no zod re-validation (≈0.5 ms per page of 50), no serialization. The schema still documents
 * the answer; tests hold the two together.
 */
const JSON_TYPE = 'application/json; charset=utf-8'
/** The JSON of a cluster list (UTF-8 bytes), typed as the answer the route's type provider expects. */
const listAnswer = (json: Buffer) => json as unknown as z.infer<typeof clusterListSchema>

const deleteQuerySchema = z.object({
  forceDelete: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
})
const eventsQuerySchema = z.object({
  afterSeq: z
    .string()
    .regex(/^\d{1,19}$/, 'afterSeq is an event seq')
    .optional(),
})
const searchBodySchema = z.object({ filter: z.unknown().optional(), sort: z.unknown().optional() })
const pageQuerySchema = clusterListQuerySchema.pick({ limit: true, continue: true })

export const clusterRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.addHook('onClose', async () => closeAllClusterStreams())

  // One pair of routes per cloud whose clusters the API creates, one code path for all.
  registerCreate(app, deps, tkeClusterKind)
  registerCreate(app, deps, eksClusterKind)
  registerCreate(app, deps, awsClusterKind)
  registerCreate(app, deps, vsphereClusterKind)
  app.get(
    '/v1/spectroclusters',
    {
      config: { permission: 'clusters.read' },
      schema: {
        tags,
        summary: 'Live clusters of the scope, newest first (keyset pages: `continue`; no total count)',
        querystring: clusterListQuerySchema,
        response: { 200: clusterListSchema },
      },
    },
    async (request, reply) =>
      reply.type(JSON_TYPE).send(listAnswer(await listClusters(deps, request.ctx, request.query))),
  )
  app.post(
    '/v1/dashboard/spectroclusters/search',
    {
      config: { permission: 'clusters.read' },
      schema: {
        tags,
        summary: "Palette clients' cluster search: name, state and cloud filters mapped onto the list",
        querystring: pageQuerySchema,
        body: searchBodySchema,
        response: { 200: clusterListSchema },
      },
    },
    async (request, reply) =>
      reply
        .type(JSON_TYPE)
        .send(listAnswer(await listClusters(deps, request.ctx, searchToListQuery(request.body, request.query)))),
  )
  app.get(
    '/v1/spectroclusters/:uid',
    {
      config: { permission: 'clusters.read' },
      schema: {
        tags,
        summary: 'A cluster (a Deleted one answers with state Deleted)',
        params: uidParamsSchema,
        response: { 200: clusterSchema },
      },
    },
    async (request) => getCluster(deps, request.ctx, request.params.uid),
  )
  app.delete(
    '/v1/spectroclusters/:uid',
    {
      config: { permission: 'clusters.write' },
      schema: {
        tags,
        summary:
          'Delete a cluster (204), or force delete one stuck in Deleting (`?forceDelete=true`: 200 with the leftovers)',
        params: uidParamsSchema,
        querystring: deleteQuerySchema,
        response: { 200: forceDeleteResultSchema, 204: z.null() },
      },
    },
    async (request, reply) => {
      if (request.query.forceDelete)
        return reply.status(200).send(await forceDeleteCluster(deps, request.ctx, request.params.uid))
      await deleteCluster(deps, request.ctx, request.params.uid)
      return reply.status(204).send(null)
    },
  )
  app.get(
    '/v1/events/components/spectrocluster/:uid',
    {
      config: { permission: 'clusters.read' },
      schema: {
        tags,
        summary: 'Provisioning tasks and events of a cluster, oldest first',
        params: uidParamsSchema,
        querystring: eventsQuerySchema,
        response: { 200: clusterEventListSchema },
      },
    },
    async (request) => listClusterEvents(deps, request.ctx, request.params.uid, request.query.afterSeq),
  )
  app.get(
    '/v1/spectroclusters/:uid/events/stream',
    {
      config: { permission: 'clusters.read' },
      schema: {
        tags,
        summary: 'Live events (server-sent events: `cluster-event`, `cluster-state`); resumes after Last-Event-ID',
        params: uidParamsSchema,
        querystring: eventsQuerySchema.extend({ projectUid: z.string().optional() }),
      },
    },
    async (request, reply) => {
      const lastEventId = request.headers['last-event-id']
      // Checks run before hijacking, so a 404 or 400 is an ordinary error answer.
      const cluster = await findVisibleCluster(deps, request.ctx, request.params.uid)
      const start = {
        lastEventId: typeof lastEventId === 'string' && /^\d{1,19}$/.test(lastEventId) ? lastEventId : undefined,
        afterSeq: request.query.afterSeq,
      }
      reply.hijack()
      const raw = reply.raw
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      })
      await streamClusterEvents(deps, cluster, start, {
        write: (chunk) => raw.write(chunk),
        end: () => raw.end(),
        onClose: (listener) => request.raw.on('close', listener),
      }).catch((error) => {
        request.log.warn({ err: error }, 'cluster event stream failed')
        raw.end()
      })
    },
  )
}
