import {
  type AwsAccount,
  type AwsAccountSpec,
  type AwsAccountUpdateSpec,
  SECRET_MASK,
  type TencentAccount,
  type TencentAccountSpec,
  type TencentAccountUpdateSpec,
} from '@console/contracts'
import type { AwsCredentials, CloudIdentity, Providers, TencentCredentials } from '@console/providers'
import { AppError } from '../../lib/errors.ts'

/** What one cloud's accounts store: non-secret fields in `spec`, secret fields sealed in `secretCiphertext`. */
export interface StoredParts {
  publicSpec: Record<string, unknown>
  secrets: Record<string, string>
}

/**
 * Everything that differs between clouds' accounts, so the service is written once:
 * how a spec splits into stored parts and back, how an update without secrets keeps the stored
 * ones, what the provider needs, and what a read shows.
 */
export interface AccountKind<Spec, UpdateSpec, Credentials, ReadSpec> {
  cloudType: 'tencent' | 'aws'
  /** For messages: "Tencent", "AWS". */
  label: string
  split(spec: Spec): StoredParts
  assemble(parts: StoredParts): Spec
  /** The update's spec with omitted secrets taken from the stored spec; throws when one is needed but missing. */
  merge(update: UpdateSpec, stored: Spec): Spec
  toCredentials(spec: Spec): Credentials
  toReadSpec(publicSpec: Record<string, unknown>): ReadSpec
  validate(providers: Providers, credentials: Credentials): Promise<CloudIdentity>
}

/** A secret the client actually sent: '' and the read mask mean "keep the stored one". */
export function givenSecret(value: string | undefined): string | undefined {
  return value === undefined || value === '' || value === SECRET_MASK ? undefined : value
}

function secretRequired(path: string, message: string): AppError {
  return new AppError('ValidationError', message, [{ path, message }])
}

export const tencentKind: AccountKind<
  TencentAccountSpec,
  TencentAccountUpdateSpec,
  TencentCredentials,
  TencentAccount['spec']
> = {
  cloudType: 'tencent',
  label: 'Tencent',
  split: (spec) => ({ publicSpec: { secretId: spec.secretId }, secrets: { secretKey: spec.secretKey } }),
  assemble: ({ publicSpec, secrets }) => ({
    secretId: String(publicSpec.secretId),
    secretKey: secrets.secretKey ?? '',
  }),
  merge(update, stored) {
    const secretKey = givenSecret(update.secretKey)
    if (secretKey) return { secretId: update.secretId, secretKey }
    // A stored secret belongs to its key id: a new Secret ID needs its own Secret Key.
    if (update.secretId !== stored.secretId) {
      throw secretRequired('spec.secretKey', 'Enter the Secret Key of the new Secret ID')
    }
    return { secretId: update.secretId, secretKey: stored.secretKey }
  },
  toCredentials: (spec) => ({ secretId: spec.secretId, secretKey: spec.secretKey }),
  toReadSpec: (publicSpec) => ({ secretId: String(publicSpec.secretId), secretKey: SECRET_MASK }),
  validate: (providers, credentials) => providers.tencent.validateCredentials(credentials),
}

export const awsKind: AccountKind<AwsAccountSpec, AwsAccountUpdateSpec, AwsCredentials, AwsAccount['spec']> = {
  cloudType: 'aws',
  label: 'AWS',
  split(spec): StoredParts {
    if (spec.credentialType === 'sts') {
      return { publicSpec: { credentialType: 'sts', sts: spec.sts, partition: spec.partition }, secrets: {} }
    }
    return {
      publicSpec: { credentialType: 'secret', accessKey: spec.accessKey, partition: spec.partition },
      secrets: { secretKey: spec.secretKey },
    }
  },
  assemble({ publicSpec, secrets }) {
    const partition = publicSpec.partition as AwsAccountSpec['partition']
    if (publicSpec.credentialType === 'sts') {
      const sts = publicSpec.sts as { arn: string; externalId: string }
      return { credentialType: 'sts', sts: { arn: sts.arn, externalId: sts.externalId }, partition }
    }
    const accessKey = String(publicSpec.accessKey)
    return { credentialType: 'secret', accessKey, secretKey: secrets.secretKey ?? '', partition }
  },
  merge(update, stored) {
    if (update.credentialType === 'sts') return update
    const secretKey = givenSecret(update.secretKey)
    if (secretKey) return { ...update, secretKey }
    if (stored.credentialType !== 'secret') {
      throw secretRequired('spec.secretKey', 'Enter the Secret Key: the account used STS until now')
    }
    if (stored.accessKey !== update.accessKey) {
      throw secretRequired('spec.secretKey', 'Enter the Secret Key of the new Access Key')
    }
    return { ...update, secretKey: stored.secretKey }
  },
  toCredentials(spec) {
    return spec.credentialType === 'sts'
      ? { credentialType: 'sts', arn: spec.sts.arn, externalId: spec.sts.externalId, partition: spec.partition }
      : { credentialType: 'secret', accessKey: spec.accessKey, secretKey: spec.secretKey, partition: spec.partition }
  },
  toReadSpec(publicSpec) {
    const partition = publicSpec.partition as AwsAccountSpec['partition']
    if (publicSpec.credentialType === 'sts') {
      const sts = publicSpec.sts as { arn: string; externalId: string }
      return { credentialType: 'sts', sts: { arn: sts.arn, externalId: sts.externalId }, partition }
    }
    return { credentialType: 'secret', accessKey: String(publicSpec.accessKey), secretKey: SECRET_MASK, partition }
  },
  validate: (providers, credentials) => providers.aws.validateCredentials(credentials),
}

export type AnyAccountKind = typeof tencentKind | typeof awsKind
