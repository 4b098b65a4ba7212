import { z } from 'zod'
import {
  clusterNameSchema,
  clusterProfileRefSchema,
  labelsSchema,
  nodeLabelKeySchema,
  nodeLabelValueSchema,
  taintSchema,
} from './common.ts'
import { checkEksEndpointAccess, checkEksPool, checkEksPools, EKS_MAX_POOL_SIZE, type EksProblem } from './eks-rules.ts'

/** EKS node root volume limits in GiB (the EKS-optimized images need 20; gp3 volumes stop at 16 TiB). */
export const EKS_DISK_MIN_GB = 20
export const EKS_DISK_MAX_GB = 16_384

function report(ctx: z.RefinementCtx, problems: EksProblem[]) {
  for (const p of problems) ctx.addIssue({ code: 'custom', path: p.path, message: p.message })
}

/**
 * The rules run even when a field inside failed (zod skips refinements of an object with issues by
 * default), so a body answers every problem at once. They then see the value as it was sent: read it
 * defensively (a wrong type reads as absent).
 */
const always = { when: () => true }
const record = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {}
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
const text = (v: unknown): string => (typeof v === 'string' ? v : '')
const count = (v: unknown): number => (typeof v === 'number' ? v : Number.NaN)

function readAccess(raw: unknown) {
  const a = record(raw)
  return {
    public: a.public !== false,
    private: a.private === true,
    publicCIDRs: list(a.publicCIDRs).map(text),
    privateCIDRs: list(a.privateCIDRs).map(text),
  }
}

function readPool(raw: unknown) {
  const cloudConfig = record(record(raw).cloudConfig)
  const poolConfig = record(record(raw).poolConfig)
  return {
    cloudConfig: {
      instanceType: text(cloudConfig.instanceType),
      capacityType: cloudConfig.capacityType === 'spot' ? ('spot' as const) : ('on-demand' as const),
      spotMarketOptions: { maxPrice: text(record(cloudConfig.spotMarketOptions).maxPrice) || undefined },
      azs: list(cloudConfig.azs).map(text),
      subnets: list(cloudConfig.subnets).map((s) => ({ id: text(record(s).id), az: text(record(s).az) })),
    },
    poolConfig: {
      name: text(poolConfig.name),
      size: count(poolConfig.size),
      minSize: count(poolConfig.minSize),
      maxSize: count(poolConfig.maxSize),
      taints: list(poolConfig.taints).map((t) => ({ key: text(record(t).key), effect: text(record(t).effect) })),
    },
  }
}

/**
 * Cluster Endpoint Access: Public (`public`), Private (`private`), or Private & Public (both).
 * `publicCIDRs` limit who reaches the public endpoint; `privateCIDRs` are networks besides the VPC
 * (peered, on premises) let through to the private endpoint.
 */
export const eksEndpointAccessSchema = z
  .object({
    public: z.boolean().default(true),
    private: z.boolean().default(false),
    publicCIDRs: z.array(z.string()).default([]),
    privateCIDRs: z.array(z.string()).default([]),
  })
  .strict()
  .superRefine((access, ctx) => report(ctx, checkEksEndpointAccess(readAccess(access))), always)
export type EksEndpointAccess = z.infer<typeof eksEndpointAccessSchema>

/**
 * Placement. With **Static Placement** `vpcId` names an existing VPC and every pool picks its subnets;
 * without it (dynamic placement) the console creates a VPC with a public and a private subnet per
 * zone of the pools, an internet gateway, a NAT gateway per zone and the route tables, and deletes
 * them with the cluster.
 */
export const eksCloudConfigSchema = z.object({
  region: z.string().min(1, 'Choose a Region'),
  /** SSH Key Pair Name: an EC2 key pair of the region, put on the nodes. Optional. */
  sshKeyName: z.string().min(1, 'Choose an SSH Key Pair Name').max(255).optional(),
  vpcId: z
    .string()
    .regex(/^vpc-[0-9a-f]+$/, 'Choose a Virtual Network')
    .optional(),
  endpointAccess: eksEndpointAccessSchema.default({
    public: true,
    private: false,
    publicCIDRs: ['0.0.0.0/0'],
    privateCIDRs: [],
  }),
})
export type EksCloudConfig = z.infer<typeof eksCloudConfigSchema>

const poolNameSchema = z
  .string()
  .min(1, 'Name is required')
  .max(63, 'Name must be at most 63 characters')
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'Use lower-case letters, digits and dashes')

const sizeSchema = (what: string, min: number) =>
  z
    .number({ error: `${what} is required` })
    .int(`${what} is a whole number`)
    .min(min, `${what} must be at least ${min}`)
    .max(EKS_MAX_POOL_SIZE, `${what} must be at most ${EKS_MAX_POOL_SIZE}`)

export const eksMachinePoolSchema = z
  .object({
    cloudConfig: z.object({
      instanceType: z.string().min(1, 'Choose an Instance Type'),
      rootDeviceSize: z
        .number({ error: 'Disk Size is required' })
        .int('Disk Size is whole GiB')
        .min(EKS_DISK_MIN_GB, `Disk Size must be at least ${EKS_DISK_MIN_GB} GiB`)
        .max(EKS_DISK_MAX_GB, `Disk Size must be at most ${EKS_DISK_MAX_GB} GiB`),
      /** On-Demand or On-Spot. */
      capacityType: z.enum(['on-demand', 'spot']).default('on-demand'),
      /** On-Spot: the max bid in USD per hour (the wizard asks a percentage of the on-demand price, see spotMaxPriceFor). */
      spotMarketOptions: z
        .object({
          maxPrice: z
            .string()
            .regex(/^\d{1,4}(\.\d{1,6})?$/, { message: 'Enter the max bid in USD per hour, such as 0.05', abort: true })
            .refine((v) => Number(v) > 0, 'The max bid must be above 0'),
        })
        .optional(),
      azs: z.array(z.string().min(1)).min(1, 'Choose at least one Availability Zone'),
      /** Static Placement only: one subnet of the VPC per chosen zone. */
      subnets: z
        .array(
          z.object({
            id: z.string().regex(/^subnet-[0-9a-f]+$/, 'Choose a subnet'),
            az: z.string().min(1),
          }),
        )
        .default([]),
    }),
    poolConfig: z.object({
      name: poolNameSchema,
      size: sizeSchema('Desired size', 0),
      minSize: sizeSchema('Minimum size', 0),
      maxSize: sizeSchema('Maximum size', 1),
      isControlPlane: z
        .literal(false, { error: 'EKS manages the control plane: node pools are workers' })
        .default(false),
      /** Palette's node roles; EKS sets node roles itself, so they are kept but not applied. */
      labels: z.array(z.string()).default(['worker']),
      /** Labels: `key: value` Kubernetes labels on every node of the pool. */
      additionalLabels: z.record(nodeLabelKeySchema, nodeLabelValueSchema).default({}),
      taints: z.array(taintSchema).default([]),
    }),
  })
  .superRefine((pool, ctx) => report(ctx, checkEksPool(readPool(pool))), always)
export type EksMachinePool = z.infer<typeof eksMachinePoolSchema>

/** POST /v1/spectroclusters/eks (and …/eks/validate): Palette's field names. */
export const eksClusterCreateSchema = z.object({
  metadata: z.object({
    name: clusterNameSchema,
    description: z.string().max(512, 'Description must be at most 512 characters').optional(),
    labels: labelsSchema,
  }),
  spec: z
    .object({
      cloudAccountUid: z.string().min(1, 'Choose a Cloud Account'),
      profiles: z
        .array(clusterProfileRefSchema)
        .min(1, 'Add a cluster profile')
        .max(1, 'One cluster profile per cluster'),
      cloudConfig: eksCloudConfigSchema,
      clusterConfig: z
        .object({ updateWorkerPoolsInParallel: z.boolean().default(true) })
        .default({ updateWorkerPoolsInParallel: true }),
      machinepoolconfig: z.array(eksMachinePoolSchema).min(1, 'Add at least one node pool'),
    })
    .superRefine(
      (spec, ctx) =>
        report(
          ctx,
          checkEksPools(list(spec.machinepoolconfig).map(readPool), { vpcId: text(record(spec.cloudConfig).vpcId) }),
        ),
      always,
    ),
})
export type EksClusterCreate = z.infer<typeof eksClusterCreateSchema>
export type EksClusterCreateInput = z.input<typeof eksClusterCreateSchema>
