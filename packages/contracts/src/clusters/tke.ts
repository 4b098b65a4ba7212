import { z } from 'zod'
import { cidrSchema, clusterMetadataSchema, clusterProfilesSchema, taintSchema } from './common.ts'

/** TKE root disk limits in GB. */
export const TKE_DISK_MIN_GB = 50
export const TKE_DISK_MAX_GB = 1024

export const tkeEndpointAccessSchema = z
  .object({
    /** Always true: the seed offers Public, or Private & Public. */
    public: z.literal(true, { error: 'TKE clusters need public endpoint access' }),
    private: z.boolean().default(false),
    securityGroup: z.string().regex(/^sg-[a-z0-9]+$/, 'Choose a Public Security Group'),
    publicCIDRs: z.array(cidrSchema).min(1, 'Add at least one Public Access CIDR'),
  })
  .strict()

export const tkeCloudConfigSchema = z.object({
  region: z.string().min(1, 'Choose a Region'),
  vpcID: z.string().regex(/^vpc-[a-z0-9]+$/, 'Choose a VPCID'),
  sshKeyIDs: z.array(z.string().regex(/^skey-[a-z0-9]+$/, 'Invalid key pair id')).min(1, 'Choose an SSH Key Pair Name'),
  endpointAccess: tkeEndpointAccessSchema,
})
export type TkeCloudConfig = z.infer<typeof tkeCloudConfigSchema>

const poolNameSchema = z
  .string()
  .min(1, 'Name is required')
  .max(40, 'Name must be at most 40 characters')
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'Use lower-case letters, digits and dashes')

export const tkeMachinePoolSchema = z
  .object({
    cloudConfig: z.object({
      instanceType: z.string().min(1, 'Choose an Instance Type'),
      rootDeviceSize: z
        .number({ error: 'Disk Size is required' })
        .int('Disk Size is whole GB')
        .min(TKE_DISK_MIN_GB, `Disk Size must be at least ${TKE_DISK_MIN_GB} GB`)
        .max(TKE_DISK_MAX_GB, `Disk Size must be at most ${TKE_DISK_MAX_GB} GB`),
      azs: z.array(z.string().min(1)).min(1, 'Choose at least one Availability Zone'),
      subnetIds: z.record(z.string(), z.string().regex(/^subnet-[a-z0-9]+$/, 'Choose a subnet')),
    }),
    poolConfig: z.object({
      name: poolNameSchema,
      size: z.number().int().min(0, 'Desired size cannot be negative').max(500),
      minSize: z.number().int().min(0, 'Minimum size cannot be negative').max(500),
      maxSize: z.number().int().min(1, 'Maximum size must be at least 1').max(500),
      isControlPlane: z.literal(false).default(false),
      labels: z.array(z.string()).default(['worker']),
      additionalLabels: z.record(z.string(), z.string()).default({}),
      taints: z.array(taintSchema).default([]),
    }),
  })
  .superRefine((pool, ctx) => {
    const { size, minSize, maxSize } = pool.poolConfig
    if (minSize > maxSize)
      ctx.addIssue({
        code: 'custom',
        path: ['poolConfig', 'minSize'],
        message: 'Minimum size must not exceed the maximum size',
      })
    if (size < minSize || size > maxSize) {
      ctx.addIssue({
        code: 'custom',
        path: ['poolConfig', 'size'],
        message: 'Desired size must be between the minimum and the maximum size',
      })
    }
    for (const az of pool.cloudConfig.azs) {
      if (!pool.cloudConfig.subnetIds[az]) {
        ctx.addIssue({ code: 'custom', path: ['cloudConfig', 'subnetIds', az], message: `Choose a subnet for ${az}` })
      }
    }
  })
export type TkeMachinePool = z.infer<typeof tkeMachinePoolSchema>

/** POST /v1/spectroclusters/tke (and …/tke/validate): Palette's field names. */
export const tkeClusterCreateSchema = z.object({
  metadata: clusterMetadataSchema,
  spec: z.object({
    cloudAccountUid: z.string().min(1, 'Choose a Cloud Account'),
    profiles: clusterProfilesSchema,
    cloudConfig: tkeCloudConfigSchema,
    clusterConfig: z
      .object({ updateWorkerPoolsInParallel: z.boolean().default(false) })
      .default({ updateWorkerPoolsInParallel: false }),
    machinepoolconfig: z
      .array(tkeMachinePoolSchema)
      .min(1, 'Add at least one worker pool')
      .superRefine((pools, ctx) => {
        const seen = new Set<string>()
        pools.forEach((p, i) => {
          if (seen.has(p.poolConfig.name)) {
            ctx.addIssue({
              code: 'custom',
              path: [i, 'poolConfig', 'name'],
              message: 'Worker pool names must be unique',
            })
          }
          seen.add(p.poolConfig.name)
        })
      }),
  }),
})
export type TkeClusterCreate = z.infer<typeof tkeClusterCreateSchema>
export type TkeClusterCreateInput = z.input<typeof tkeClusterCreateSchema>
