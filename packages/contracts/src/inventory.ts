import { z } from 'zod'

/**
 * Cloud inventory (palette-api.md "Cloud inventory"): what the cluster wizard's drop-downs list.
 * Every read names the account with `?cloudAccountUid=`; answers are `{items: [...]}`.
 * The item shapes are those of @console/providers' inventory.ts.
 */

const regionName = z
  .string()
  .trim()
  .min(1, 'Region is required')
  .max(64)
  .regex(/^[a-z0-9-]+$/, 'A region id has lower-case letters, digits and dashes')

export const inventoryAccountQuerySchema = z.object({
  cloudAccountUid: z.string().min(1, 'cloudAccountUid is required'),
})
export const inventoryRegionQuerySchema = inventoryAccountQuerySchema.extend({ region: regionName })
export const inventoryRegionParamsSchema = z.object({ region: regionName })

const minimum = z.coerce.number().min(0).optional()
export const tencentInstanceTypesQuerySchema = inventoryRegionQuerySchema.extend({
  zone: regionName,
  /** Minimum vCPUs. */
  cpuGtEq: minimum,
  /** Minimum memory, GiB. */
  memoryGtEq: minimum,
  /** Minimum GPUs. */
  gpuGtEq: minimum,
})
export type TencentInstanceTypesQuery = z.infer<typeof tencentInstanceTypesQuerySchema>

const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) })

export const cloudRegionSchema = z.object({ name: z.string(), displayName: z.string().optional() })
export const cloudZoneSchema = z.object({
  name: z.string(),
  zoneId: z.string().optional(),
  displayName: z.string().optional(),
})
export const cloudRegionListSchema = itemsOf(cloudRegionSchema)
export const cloudZoneListSchema = itemsOf(cloudZoneSchema)

export const tencentVpcSchema = z.object({
  vpcId: z.string(),
  name: z.string(),
  cidrBlock: z.string(),
  subnets: z.array(z.object({ subnetId: z.string(), name: z.string(), az: z.string(), cidrBlock: z.string() })),
})
export const tencentKeyPairSchema = z.object({ id: z.string(), name: z.string(), publickey: z.string() })
export const tencentInstanceTypeSchema = z.object({
  type: z.string(),
  family: z.string(),
  category: z.string(),
  cpu: z.number(),
  memory: z.number(),
  gpu: z.number(),
  zone: z.string(),
  price: z.number().nullable(),
  spotPrice: z.number().nullable(),
  currency: z.literal('CNY'),
})
export const tencentSecurityGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  isDefault: z.boolean(),
})
export const tencentVpcListSchema = itemsOf(tencentVpcSchema)
export const tencentKeyPairListSchema = itemsOf(tencentKeyPairSchema)
export const tencentInstanceTypeListSchema = itemsOf(tencentInstanceTypeSchema)
export const tencentSecurityGroupListSchema = itemsOf(tencentSecurityGroupSchema)

export const awsVpcSchema = z.object({
  vpcId: z.string(),
  name: z.string(),
  cidrBlock: z.string(),
  isDefault: z.boolean(),
  subnets: z.array(
    z.object({
      subnetId: z.string(),
      name: z.string(),
      az: z.string(),
      cidrBlock: z.string(),
      isPrivate: z.boolean(),
      tags: z.record(z.string(), z.string()),
    }),
  ),
})
export const awsKeyPairSchema = z.object({ id: z.string(), name: z.string(), fingerprint: z.string() })
export const awsInstanceTypeSchema = z.object({
  type: z.string(),
  cpu: z.number(),
  memory: z.number(),
  gpu: z.number(),
  /** USD per hour; null when the price list has no entry or refused the call. */
  price: z.number().nullable(),
  currency: z.literal('USD'),
  availabilityZones: z.array(z.string()),
})
export const awsVpcListSchema = itemsOf(awsVpcSchema)
export const awsKeyPairListSchema = itemsOf(awsKeyPairSchema)
export const awsInstanceTypeListSchema = itemsOf(awsInstanceTypeSchema)

export type CloudRegionItem = z.infer<typeof cloudRegionSchema>
export type CloudZoneItem = z.infer<typeof cloudZoneSchema>
export type TencentVpcItem = z.infer<typeof tencentVpcSchema>
export type TencentInstanceTypeItem = z.infer<typeof tencentInstanceTypeSchema>
export type AwsVpcItem = z.infer<typeof awsVpcSchema>
export type AwsInstanceTypeItem = z.infer<typeof awsInstanceTypeSchema>
