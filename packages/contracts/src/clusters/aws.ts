import { z } from 'zod'
import { AWS_MAX_POOL_SIZE } from './aws-rules.ts'
import {
  clusterNameSchema,
  clusterProfileRefSchema,
  labelsSchema,
  nodeLabelKeySchema,
  nodeLabelValueSchema,
  taintSchema,
} from './common.ts'
import {
  placementSubnetsSchema,
  poolNameSchema,
  poolSizeSchema,
  rootDeviceSizeSchema,
  spotMarketOptionsSchema,
  sshKeyNameSchema,
  vpcIdSchema,
} from './ec2-pool.ts'

/**
 * Placement of an AWS IaaS cluster. With **Static Placement** `vpcId` names an existing VPC and every
 * pool picks one subnet per zone (the **Control plane Subnet** and the **Worker Network**); without it
 * (dynamic placement) the console creates a VPC with a public and a private subnet per zone of the
 * pools, an internet gateway, a NAT gateway per zone and the route tables, and deletes them with the
 * cluster.
 */
export const awsCloudConfigSchema = z.object({
  region: z.string().min(1, 'Choose a Region'),
  sshKeyName: sshKeyNameSchema,
  vpcId: vpcIdSchema,
})
export type AwsCloudConfig = z.infer<typeof awsCloudConfigSchema>

export const awsMachinePoolSchema = z.object({
  cloudConfig: z.object({
    instanceType: z.string().min(1, 'Choose an Instance Type'),
    rootDeviceSize: rootDeviceSizeSchema,
    /** On-Demand or On-Spot. */
    capacityType: z.enum(['on-demand', 'spot']).default('on-demand'),
    spotMarketOptions: spotMarketOptionsSchema.optional(),
    azs: z.array(z.string().min(1)).min(1, 'Choose at least one Availability Zone'),
    /** Static Placement only: one subnet of the VPC per chosen zone. */
    subnets: placementSubnetsSchema,
  }),
  poolConfig: z
    .object({
      name: poolNameSchema,
      /** Control plane: 1, 3 or 5 (see checkAwsPools); workers: 0 up to AWS_MAX_POOL_SIZE. */
      size: poolSizeSchema('Size', 0, AWS_MAX_POOL_SIZE),
      isControlPlane: z.boolean().default(false),
      /** **Allow worker capability** (control plane pool only): workloads may run on the control plane nodes. */
      useControlPlaneAsWorker: z.boolean().default(false),
      /** Palette's node roles; `['master']` for the control plane pool and `['worker']` otherwise when absent. */
      labels: z.array(z.string()).optional(),
      /** Labels: `key: value` Kubernetes labels on every node of the pool. */
      additionalLabels: z.record(nodeLabelKeySchema, nodeLabelValueSchema).default({}),
      taints: z.array(taintSchema).default([]),
      /** **Rolling Update**: Expand First (`RollingUpdateScaleOut`) or Contract First (`RollingUpdateScaleIn`). */
      updateStrategy: z
        .object({ type: z.enum(['RollingUpdateScaleOut', 'RollingUpdateScaleIn']).default('RollingUpdateScaleOut') })
        .default({ type: 'RollingUpdateScaleOut' }),
    })
    .transform(({ labels, ...pool }) => ({
      ...pool,
      labels: labels ?? (pool.isControlPlane ? ['master'] : ['worker']),
    })),
})
export type AwsMachinePool = z.infer<typeof awsMachinePoolSchema>

/** POST /v1/spectroclusters/aws (and …/aws/validate): Palette's field names. */
export const awsClusterCreateSchema = z.object({
  metadata: z.object({
    name: clusterNameSchema,
    description: z.string().max(512, 'Description must be at most 512 characters').optional(),
    labels: labelsSchema,
  }),
  spec: z.object({
    cloudAccountUid: z.string().min(1, 'Choose a Cloud Account'),
    profiles: z
      .array(clusterProfileRefSchema)
      .min(1, 'Add a cluster profile')
      .max(1, 'One cluster profile per cluster'),
    cloudConfig: awsCloudConfigSchema,
    clusterConfig: z
      .object({ updateWorkerPoolsInParallel: z.boolean().default(true) })
      .default({ updateWorkerPoolsInParallel: true }),
    machinepoolconfig: z.array(awsMachinePoolSchema).min(1, 'Add a control plane pool and a worker pool'),
  }),
})
export type AwsClusterCreate = z.infer<typeof awsClusterCreateSchema>
export type AwsClusterCreateInput = z.input<typeof awsClusterCreateSchema>
