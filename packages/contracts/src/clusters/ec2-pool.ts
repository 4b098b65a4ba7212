import { z } from 'zod'

/**
 * Pieces shared by the AWS IaaS and the EKS create bodies: both place EC2 nodes in pools, pick zones
 * and (with Static Placement) subnets, may bid for spot capacity, and are read defensively by their
 * rules.
 */

/** EC2 node root volume limits in GiB (the images need 20; gp3 volumes stop at 16 TiB). */
export const EC2_DISK_MIN_GB = 20
export const EC2_DISK_MAX_GB = 16_384

/** One problem: where (a path like zod's) and what to do about it. */
export interface ClusterProblem {
  path: Array<string | number>
  message: string
}

export function reportProblems(ctx: z.RefinementCtx, problems: readonly ClusterProblem[]) {
  for (const p of problems) ctx.addIssue({ code: 'custom', path: p.path, message: p.message })
}

/**
 * The rules run even when a field inside failed (zod skips refinements of an object with issues by
 * default), so a body answers every problem at once. They then see the value as it was sent: read it
 * defensively (a wrong type reads as absent).
 */
export const alwaysRefine = { when: () => true }
export const readRecord = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {}
export const readList = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
export const readText = (v: unknown): string => (typeof v === 'string' ? v : '')
export const readCount = (v: unknown): number => (typeof v === 'number' ? v : Number.NaN)

/** A node pool's name: a DNS-1123 label. */
export const poolNameSchema = z
  .string()
  .min(1, 'Name is required')
  .max(63, 'Name must be at most 63 characters')
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'Use lower-case letters, digits and dashes')

export const poolSizeSchema = (what: string, min: number, max: number) =>
  z
    .number({ error: `${what} is required` })
    .int(`${what} is a whole number`)
    .min(min, `${what} must be at least ${min}`)
    .max(max, `${what} must be at most ${max}`)

export const rootDeviceSizeSchema = z
  .number({ error: 'Disk Size is required' })
  .int('Disk Size is whole GiB')
  .min(EC2_DISK_MIN_GB, `Disk Size must be at least ${EC2_DISK_MIN_GB} GiB`)
  .max(EC2_DISK_MAX_GB, `Disk Size must be at most ${EC2_DISK_MAX_GB} GiB`)

/** On-Spot: the max bid in USD per hour (the wizard asks a percentage of the on-demand price, see spotMaxPriceFor). */
export const spotMarketOptionsSchema = z.object({
  maxPrice: z
    .string()
    .regex(/^\d{1,4}(\.\d{1,6})?$/, { message: 'Enter the max bid in USD per hour, such as 0.05', abort: true })
    .refine((v) => Number(v) > 0, 'The max bid must be above 0'),
})

/** Static Placement only: one subnet of the VPC per chosen zone. */
export const placementSubnetsSchema = z
  .array(
    z.object({
      id: z.string().regex(/^subnet-[0-9a-f]+$/, 'Choose a subnet'),
      az: z.string().min(1),
    }),
  )
  .default([])

export const vpcIdSchema = z
  .string()
  .regex(/^vpc-[0-9a-f]+$/, 'Choose a Virtual Network')
  .optional()

/** SSH Key Pair Name: an EC2 key pair of the region, put on the nodes. Optional. */
export const sshKeyNameSchema = z.string().min(1, 'Choose an SSH Key Pair Name').max(255).optional()

/** A pool's `cloudConfig` as the rules read it (defensively, from the body as sent). */
export function readPoolCloudConfig(raw: unknown) {
  const cloudConfig = readRecord(raw)
  return {
    instanceType: readText(cloudConfig.instanceType),
    capacityType: cloudConfig.capacityType === 'spot' ? ('spot' as const) : ('on-demand' as const),
    spotMarketOptions: { maxPrice: readText(readRecord(cloudConfig.spotMarketOptions).maxPrice) || undefined },
    azs: readList(cloudConfig.azs).map(readText),
    subnets: readList(cloudConfig.subnets).map((s) => ({
      id: readText(readRecord(s).id),
      az: readText(readRecord(s).az),
    })),
  }
}

/** A pool's taints as the rules read them. */
export const readTaints = (raw: unknown) =>
  readList(raw).map((t) => ({ key: readText(readRecord(t).key), effect: readText(readRecord(t).effect) }))

/** **Update Worker Pools in parallel** (on unless turned off). */
export const ec2ClusterConfigSchema = z
  .object({ updateWorkerPoolsInParallel: z.boolean().default(true) })
  .default({ updateWorkerPoolsInParallel: true })

/** A pool's `cloudConfig`: where and on what its EC2 instances run. */
export const ec2PoolCloudConfigSchema = z.object({
  instanceType: z.string().min(1, 'Choose an Instance Type'),
  rootDeviceSize: rootDeviceSizeSchema,
  /** On-Demand or On-Spot. */
  capacityType: z.enum(['on-demand', 'spot']).default('on-demand'),
  spotMarketOptions: spotMarketOptionsSchema.optional(),
  azs: z.array(z.string().min(1)).min(1, 'Choose at least one Availability Zone'),
  /** Static Placement only: one subnet of the VPC per chosen zone. */
  subnets: placementSubnetsSchema,
})
