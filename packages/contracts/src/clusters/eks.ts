import { z } from 'zod'
import {
  clusterMetadataSchema,
  clusterProfilesSchema,
  nodeLabelKeySchema,
  nodeLabelValueSchema,
  taintSchema,
} from './common.ts'
import {
  alwaysRefine as always,
  readCount as count,
  EC2_DISK_MAX_GB,
  EC2_DISK_MIN_GB,
  ec2ClusterConfigSchema,
  ec2PoolCloudConfigSchema,
  readList as list,
  poolNameSchema,
  poolSizeSchema,
  readPoolCloudConfig,
  readTaints,
  readRecord as record,
  reportProblems as report,
  sshKeyNameSchema,
  readText as text,
  vpcIdSchema,
} from './ec2-pool.ts'
import { checkEksEndpointAccess, checkEksPool, checkEksPools, EKS_MAX_POOL_SIZE } from './eks-rules.ts'

/** EKS node root volume limits in GiB (the EKS-optimized images need 20; gp3 volumes stop at 16 TiB). */
export const EKS_DISK_MIN_GB = EC2_DISK_MIN_GB
export const EKS_DISK_MAX_GB = EC2_DISK_MAX_GB

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
  const poolConfig = record(record(raw).poolConfig)
  return {
    cloudConfig: readPoolCloudConfig(record(raw).cloudConfig),
    poolConfig: {
      name: text(poolConfig.name),
      size: count(poolConfig.size),
      minSize: count(poolConfig.minSize),
      maxSize: count(poolConfig.maxSize),
      taints: readTaints(poolConfig.taints),
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
  sshKeyName: sshKeyNameSchema,
  vpcId: vpcIdSchema,
  endpointAccess: eksEndpointAccessSchema.default({
    public: true,
    private: false,
    publicCIDRs: ['0.0.0.0/0'],
    privateCIDRs: [],
  }),
})
export type EksCloudConfig = z.infer<typeof eksCloudConfigSchema>

const sizeSchema = (what: string, min: number) => poolSizeSchema(what, min, EKS_MAX_POOL_SIZE)

export const eksMachinePoolSchema = z
  .object({
    cloudConfig: ec2PoolCloudConfigSchema,
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
  metadata: clusterMetadataSchema,
  spec: z
    .object({
      cloudAccountUid: z.string().min(1, 'Choose a Cloud Account'),
      profiles: clusterProfilesSchema,
      cloudConfig: eksCloudConfigSchema,
      clusterConfig: ec2ClusterConfigSchema,
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
