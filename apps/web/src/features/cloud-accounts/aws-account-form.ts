import {
  type AwsAccount,
  type AwsAccountBody,
  type AwsAccountPartition,
  type AwsAccountUpdateBody,
  awsAccountBodySchema,
  awsAccountSpecSchema,
  awsAccountUpdateBodySchema,
  awsPartitions,
} from '@console/contracts'
import { contractResolver, optionalText } from '../../forms/contract-resolver.ts'

export type AwsCredentialType = 'secret' | 'sts'

/**
 * What the AWS wizard's inputs hold. Both credential methods keep their inputs while the user
 * switches between them; only the chosen one goes into the body.
 */
export interface AwsFormValues {
  metadata: { name: string; description: string }
  spec: {
    credentialType: AwsCredentialType
    accessKey: string
    secretKey: string
    sts: { arn: string; externalId: string }
    partition: AwsAccountPartition
  }
}

export const partitionOptions = awsPartitions.map((p) => ({ value: p, label: p }))

export function awsFormDefaults(account?: AwsAccount): AwsFormValues {
  return {
    metadata: { name: account?.metadata.name ?? '', description: account?.metadata.description ?? '' },
    spec: {
      credentialType: account?.spec.credentialType ?? 'secret',
      accessKey: account?.spec.accessKey ?? '',
      secretKey: '',
      sts: { arn: account?.spec.sts?.arn ?? '', externalId: account?.spec.sts?.externalId ?? '' },
      partition: account?.spec.partition ?? 'aws',
    },
  }
}

/** Inputs → create body: the chosen method's fields only; an empty description is absent. */
export function toAwsBody(values: AwsFormValues) {
  const { spec } = values
  const metadata = { name: values.metadata.name, description: optionalText(values.metadata.description) }
  if (spec.credentialType === 'sts') {
    return {
      metadata,
      spec: {
        credentialType: 'sts' as const,
        sts: { arn: spec.sts.arn.trim(), externalId: spec.sts.externalId.trim() },
        partition: spec.partition,
      },
    }
  }
  return {
    metadata,
    spec: {
      credentialType: 'secret' as const,
      accessKey: spec.accessKey.trim(),
      secretKey: spec.secretKey,
      partition: spec.partition,
    },
  }
}

/** Inputs → update body: as for create, but an empty Secret Key is absent (the stored one is kept). */
export function toAwsUpdateBody(values: AwsFormValues) {
  const body = toAwsBody(values)
  if (body.spec.credentialType === 'sts') return body
  return { ...body, spec: { ...body.spec, secretKey: body.spec.secretKey || undefined } }
}

export const awsCreateResolver = contractResolver<AwsFormValues, typeof awsAccountBodySchema>(
  awsAccountBodySchema,
  toAwsBody,
)
export const awsUpdateResolver = contractResolver<AwsFormValues, typeof awsAccountUpdateBodySchema>(
  awsAccountUpdateBodySchema,
  toAwsUpdateBody,
)
export type AwsBody = AwsAccountBody | AwsAccountUpdateBody

/** The body of the validate call: the full spec of the chosen method, Secret Key included. */
export function awsValidationSpec(values: AwsFormValues) {
  return awsAccountSpecSchema.safeParse(toAwsBody(values).spec)
}

/** On edit: the inputs still name the stored credentials (same method, partition and ids; no new secret). */
export function isAwsCredentialsUnchanged(values: AwsFormValues, account: AwsAccount): boolean {
  const { spec } = values
  const stored = account.spec
  if (spec.credentialType !== stored.credentialType || spec.partition !== stored.partition) return false
  if (spec.credentialType === 'sts') {
    return spec.sts.arn.trim() === stored.sts?.arn && spec.sts.externalId.trim() === stored.sts?.externalId
  }
  return spec.secretKey === '' && spec.accessKey.trim() === stored.accessKey
}

export const awsFieldPaths = [
  'metadata.name',
  'metadata.description',
  'spec.accessKey',
  'spec.secretKey',
  'spec.sts.arn',
  'spec.sts.externalId',
  'spec.partition',
] as const

/** The inputs the validate call checks, per method. */
export function awsCredentialPaths(type: AwsCredentialType) {
  return type === 'sts'
    ? (['spec.sts.arn', 'spec.sts.externalId', 'spec.partition'] as const)
    : (['spec.accessKey', 'spec.secretKey', 'spec.partition'] as const)
}
