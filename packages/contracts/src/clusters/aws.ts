import { z } from 'zod'
import { AWS_MAX_POOL_SIZE, checkAwsPool, checkAwsPools } from './aws-rules.ts'
import {
  clusterMetadataSchema,
  clusterProfilesSchema,
  nodeLabelKeySchema,
  nodeLabelValueSchema,
  taintSchema,
} from './common.ts'
import {
  alwaysRefine,
  ec2ClusterConfigSchema,
  ec2PoolCloudConfigSchema,
  poolNameSchema,
  poolSizeSchema,
  readCount,
  readList,
  readPoolCloudConfig,
  readRecord,
  readTaints,
  readText,
  reportProblems,
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

function readPool(raw: unknown) {
  const poolConfig = readRecord(readRecord(raw).poolConfig)
  return {
    cloudConfig: readPoolCloudConfig(readRecord(raw).cloudConfig),
    poolConfig: {
      name: readText(poolConfig.name),
      size: readCount(poolConfig.size),
      isControlPlane: poolConfig.isControlPlane === true,
      useControlPlaneAsWorker: poolConfig.useControlPlaneAsWorker === true,
      taints: readTaints(poolConfig.taints),
    },
  }
}

export const awsMachinePoolSchema = z
  .object({
    cloudConfig: ec2PoolCloudConfigSchema,
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
  .superRefine((pool, ctx) => reportProblems(ctx, checkAwsPool(readPool(pool))), alwaysRefine)
export type AwsMachinePool = z.infer<typeof awsMachinePoolSchema>

/** POST /v1/spectroclusters/aws (and …/aws/validate): Palette's field names. */
export const awsClusterCreateSchema = z.object({
  metadata: clusterMetadataSchema,
  spec: z
    .object({
      cloudAccountUid: z.string().min(1, 'Choose a Cloud Account'),
      profiles: clusterProfilesSchema,
      cloudConfig: awsCloudConfigSchema,
      clusterConfig: ec2ClusterConfigSchema,
      machinepoolconfig: z.array(awsMachinePoolSchema).min(1, 'Add a control plane pool and a worker pool'),
    })
    .superRefine(
      (spec, ctx) =>
        reportProblems(
          ctx,
          checkAwsPools(readList(spec.machinepoolconfig).map(readPool), {
            vpcId: readText(readRecord(spec.cloudConfig).vpcId),
          }),
        ),
      alwaysRefine,
    ),
})
export type AwsClusterCreate = z.infer<typeof awsClusterCreateSchema>
export type AwsClusterCreateInput = z.input<typeof awsClusterCreateSchema>
