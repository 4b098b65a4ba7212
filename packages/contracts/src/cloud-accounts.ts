import { z } from 'zod'
import { displayNameSchema, listOf, listQuerySchema, metadataSchema } from './common.ts'

/**
 * Cloud accounts (palette-api.md "Cloud accounts"). One schema per form: the web's account wizards
 * validate with these as the user types, and the API validates the same bodies again.
 * Secrets are write-only: reads carry {@link SECRET_MASK} in their place.
 */

/** What a read shows instead of a stored secret. A PUT that sends it back keeps the stored secret. */
export const SECRET_MASK = '********'

export const cloudAccountMetadataBodySchema = z.object({
  name: displayNameSchema,
  description: z.string().trim().max(512, 'Description must be at most 512 characters').optional(),
})

const secretSchema = (label: string) =>
  z.string().min(1, `${label} is required`).max(512, `${label} must be at most 512 characters`)

/**
 * On update a secret may be left out (or sent empty, or as the mask): the stored one is kept.
 * The server treats '' and {@link SECRET_MASK} as "not given".
 */
const optionalSecretSchema = (label: string) =>
  z.string().max(512, `${label} must be at most 512 characters`).optional()

// ---- Tencent -----------------------------------------------------------------

const secretIdSchema = z
  .string()
  .trim()
  .min(1, 'Secret ID is required')
  .max(128, 'Secret ID must be at most 128 characters')
  .regex(/^[A-Za-z0-9]+$/, 'A Secret ID has letters and digits only')

/** Tencent Cloud API key (CAM): spec `{secretId*, secretKey*}`. Also the body of POST /v1/clouds/tencent/account/validate. */
export const tencentAccountSpecSchema = z.object({
  secretId: secretIdSchema,
  secretKey: secretSchema('Secret Key'),
})
export type TencentAccountSpec = z.infer<typeof tencentAccountSpecSchema>

export const tencentAccountUpdateSpecSchema = z.object({
  secretId: secretIdSchema,
  secretKey: optionalSecretSchema('Secret Key'),
})
export type TencentAccountUpdateSpec = z.infer<typeof tencentAccountUpdateSpecSchema>

export const tencentAccountBodySchema = z.object({
  metadata: cloudAccountMetadataBodySchema,
  spec: tencentAccountSpecSchema,
})
export type TencentAccountBody = z.infer<typeof tencentAccountBodySchema>

export const tencentAccountUpdateBodySchema = z.object({
  metadata: cloudAccountMetadataBodySchema,
  spec: tencentAccountUpdateSpecSchema,
})
export type TencentAccountUpdateBody = z.infer<typeof tencentAccountUpdateBodySchema>

// ---- AWS ---------------------------------------------------------------------

export const awsPartitions = ['aws', 'aws-us-gov', 'aws-cn'] as const
export const awsPartitionSchema = z.enum(awsPartitions)
export type AwsAccountPartition = z.infer<typeof awsPartitionSchema>

const accessKeySchema = z
  .string()
  .trim()
  .min(1, 'Access Key is required')
  .regex(/^\w{16,128}$/, 'An access key id has 16 to 128 letters and digits')

/** An IAM role ARN: `arn:<partition>:iam::<12-digit account>:role/<path/>name`. */
export const IAM_ROLE_ARN = /^arn:(aws|aws-us-gov|aws-cn):iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/

const stsSchema = z.object({
  arn: z
    .string()
    .trim()
    .min(1, 'ARN is required')
    .regex(IAM_ROLE_ARN, 'Enter an IAM role ARN: arn:aws:iam::123456789012:role/name'),
  externalId: z
    .string()
    .trim()
    .min(2, 'External ID must be at least 2 characters')
    .max(1224, 'External ID must be at most 1224 characters')
    .regex(/^[\w+=,.@:/-]+$/, 'External ID may contain letters, digits and +=,.@:/-_'),
})

/** The role's partition is part of its ARN; it must be the account's partition. */
function partitionMatchesArn(spec: { credentialType: string; partition: string; sts?: { arn: string } }) {
  if (spec.credentialType !== 'sts' || !spec.sts) return true
  return spec.sts.arn.split(':')[1] === spec.partition
}
const partitionIssue = { message: "The ARN's partition differs from the selected partition", path: ['sts', 'arn'] }

const awsSecretSpec = z.object({
  credentialType: z.literal('secret'),
  accessKey: accessKeySchema,
  secretKey: secretSchema('Secret Key'),
  partition: awsPartitionSchema.default('aws'),
})
const awsSecretUpdateSpec = awsSecretSpec.extend({ secretKey: optionalSecretSchema('Secret Key') })
const awsStsSpec = z.object({
  credentialType: z.literal('sts'),
  sts: stsSchema,
  partition: awsPartitionSchema.default('aws'),
})

/**
 * AWS credentials: `secret` (Access Credentials: accessKey + secretKey) or `sts` (a role the console
 * assumes: arn + externalId), in a partition. Also the body of POST /v1/clouds/aws/account/validate.
 */
export const awsAccountSpecSchema = z
  .discriminatedUnion('credentialType', [awsSecretSpec, awsStsSpec])
  .refine(partitionMatchesArn, partitionIssue)
export type AwsAccountSpec = z.infer<typeof awsAccountSpecSchema>

/** As {@link awsAccountSpecSchema}, but the secret key may be omitted to keep the stored one. */
export const awsAccountUpdateSpecSchema = z
  .discriminatedUnion('credentialType', [awsSecretUpdateSpec, awsStsSpec])
  .refine(partitionMatchesArn, partitionIssue)
export type AwsAccountUpdateSpec = z.infer<typeof awsAccountUpdateSpecSchema>

export const awsAccountBodySchema = z.object({ metadata: cloudAccountMetadataBodySchema, spec: awsAccountSpecSchema })
export type AwsAccountBody = z.infer<typeof awsAccountBodySchema>

export const awsAccountUpdateBodySchema = z.object({
  metadata: cloudAccountMetadataBodySchema,
  spec: awsAccountUpdateSpecSchema,
})
export type AwsAccountUpdateBody = z.infer<typeof awsAccountUpdateBodySchema>

// ---- vSphere -----------------------------------------------------------------

/**
 * vCenter Server: a host name or address, optionally with a scheme and port; no trailing slash (the
 * agent builds URLs from it).
 */
const vcenterServerSchema = z
  .string()
  .trim()
  .min(1, 'vCenter Server is required')
  .max(255, 'vCenter Server must be at most 255 characters')
  .regex(/^(https?:\/\/)?[A-Za-z0-9.-]+(:\d{1,5})?$/, 'Enter the vCenter host name or address, without a path')

const vsphereUsernameSchema = z
  .string()
  .trim()
  .min(1, 'Username is required')
  .max(255, 'Username must be at most 255 characters')

/**
 * A vSphere account (issue 8): the vCenter the gateway's agent logs in to. Palette names the gateway in
 * `metadata.annotations.overlordUid` (**Private cloud gateway**); the credentials are validated through
 * that gateway, which must be Running.
 */
export const vsphereAccountSpecSchema = z.object({
  vcenterServer: vcenterServerSchema,
  username: vsphereUsernameSchema,
  password: secretSchema('Password'),
  /** Accept a self-signed certificate. */
  insecure: z.boolean().default(false),
})
export type VsphereAccountSpec = z.infer<typeof vsphereAccountSpecSchema>

export const vsphereAccountUpdateSpecSchema = vsphereAccountSpecSchema.extend({
  password: optionalSecretSchema('Password'),
})
export type VsphereAccountUpdateSpec = z.infer<typeof vsphereAccountUpdateSpecSchema>

const vsphereAccountMetadataBodySchema = cloudAccountMetadataBodySchema.extend({
  annotations: z.object({ overlordUid: z.string().min(1, 'Choose a Private cloud gateway') }),
})

export const vsphereAccountBodySchema = z.object({
  metadata: vsphereAccountMetadataBodySchema,
  spec: vsphereAccountSpecSchema,
})
export type VsphereAccountBody = z.infer<typeof vsphereAccountBodySchema>

export const vsphereAccountUpdateBodySchema = z.object({
  metadata: vsphereAccountMetadataBodySchema,
  spec: vsphereAccountUpdateSpecSchema,
})
export type VsphereAccountUpdateBody = z.infer<typeof vsphereAccountUpdateBodySchema>

/** POST /v1/overlords/vsphere/{pcgUid}/account/validate: the credentials, checked by the gateway's agent. */
export const vsphereAccountValidateBodySchema = z.object({ account: vsphereAccountSpecSchema })

// ---- reads -------------------------------------------------------------------

export const cloudAccountScopes = ['tenant', 'project'] as const

export const cloudAccountMetadataSchema = metadataSchema.extend({
  /** `scope: tenant` accounts are visible in every project; `project` ones only in `projectUid`. */
  annotations: z.object({ scope: z.enum(cloudAccountScopes), projectUid: z.string().optional() }),
})

export const cloudAccountStatusSchema = z.object({
  /** When the cloud last accepted the credentials (on create or update). */
  validatedAt: z.iso.datetime().optional(),
  /** Whom the cloud says the credentials belong to: Tencent owner UIN / AWS account id, and the principal. */
  identity: z.object({ accountId: z.string(), principal: z.string() }).optional(),
})

const maskedSecret = z.literal(SECRET_MASK)

export const tencentAccountSchema = z.object({
  metadata: cloudAccountMetadataSchema,
  spec: z.object({ secretId: z.string(), secretKey: maskedSecret }),
  status: cloudAccountStatusSchema,
})
export type TencentAccount = z.infer<typeof tencentAccountSchema>
export const tencentAccountListSchema = listOf(tencentAccountSchema)

export const awsAccountSchema = z.object({
  metadata: cloudAccountMetadataSchema,
  spec: z.object({
    credentialType: z.enum(['secret', 'sts']),
    accessKey: z.string().optional(),
    /** Present (masked) for `secret` accounts. */
    secretKey: maskedSecret.optional(),
    sts: z.object({ arn: z.string(), externalId: z.string() }).optional(),
    partition: awsPartitionSchema,
  }),
  status: cloudAccountStatusSchema,
})
export type AwsAccount = z.infer<typeof awsAccountSchema>
export const awsAccountListSchema = listOf(awsAccountSchema)

export const vsphereAccountSchema = z.object({
  metadata: cloudAccountMetadataSchema.extend({
    annotations: cloudAccountMetadataSchema.shape.annotations.extend({
      /** The Private Cloud Gateway whose agent reaches this vCenter. */
      overlordUid: z.string(),
      /** True for the account created with the gateway (deleted with it, not on its own). */
      gatewayAccount: z.boolean(),
    }),
  }),
  spec: z.object({ vcenterServer: z.string(), username: z.string(), password: maskedSecret, insecure: z.boolean() }),
  status: cloudAccountStatusSchema,
})
export type VsphereAccount = z.infer<typeof vsphereAccountSchema>
export const vsphereAccountListSchema = listOf(vsphereAccountSchema)

/** The placement drop-downs of a vSphere account, answered by its gateway's agent from vCenter. */
export const vspherePropertyKinds = [
  'datacenters',
  'computeclusters',
  'datastores',
  'networks',
  'resourcepools',
  'folders',
] as const
export type VspherePropertyKind = (typeof vspherePropertyKinds)[number]
export const vspherePropertyListSchema = z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) })

/** `?scope=all` (Tenant Admin, tenant scope): every account of the tenant, project ones included. */
export const cloudAccountListQuerySchema = listQuerySchema.extend({ scope: z.enum(['all']).optional() })
export type CloudAccountListQuery = z.infer<typeof cloudAccountListQuerySchema>
