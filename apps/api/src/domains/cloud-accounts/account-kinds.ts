import {
  type AwsAccount,
  type AwsAccountSpec,
  type AwsAccountUpdateSpec,
  SECRET_MASK,
  type TencentAccount,
  type TencentAccountSpec,
  type TencentAccountUpdateSpec,
  type VcenterAccess,
  type VsphereAccount,
  type VsphereAccountCredentials,
  type VsphereAccountSpec,
  type VsphereAccountUpdateSpec,
} from '@console/contracts'
import type { AwsCredentials, CloudIdentity, TencentCredentials } from '@console/providers'
import type { RequestContext } from '../../lib/context.ts'
import type { Deps } from '../../lib/deps.ts'
import { AppError } from '../../lib/errors.ts'
import { taskError } from '../gateways/provisioning.ts'
import { findGateway } from '../gateways/service.ts'
import { runTask } from '../gateways/task-queue.ts'

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
  cloudType: 'tencent' | 'aws' | 'vsphere'
  /** For messages: "Tencent", "AWS". */
  label: string
  split(spec: Spec): StoredParts
  assemble(parts: StoredParts): Spec
  /** The update's spec with omitted secrets taken from the stored spec; throws when one is needed but missing. */
  merge(update: UpdateSpec, stored: Spec): Spec
  toCredentials(spec: Spec): Credentials
  toReadSpec(publicSpec: Record<string, unknown>): ReadSpec
  /** Asks the cloud (or, for vSphere, the gateway's agent) whether the credentials work. */
  validate(deps: Deps, ctx: RequestContext, credentials: Credentials): Promise<CloudIdentity>
  /** Annotations a read adds to the scope ones (vSphere: the gateway). */
  annotations?(publicSpec: Record<string, unknown>): Record<string, unknown>
  /** Columns of the row the spec decides (vSphere: the gateway). */
  columns?(spec: Spec): { gatewayId?: string }
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
  validate: (deps, _ctx, credentials) => deps.providers.tencent.validateCredentials(credentials),
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
  validate: (deps, _ctx, credentials) => deps.providers.aws.validateCredentials(credentials),
}

/** A vSphere account as stored: the credentials and the gateway (`metadata.annotations.overlordUid`). */
export type VsphereStoredSpec = VsphereAccountSpec & { overlordUid: string }
export type VsphereStoredUpdateSpec = VsphereAccountUpdateSpec & { overlordUid: string }

/**
 * vSphere accounts (decision 012): validated by the gateway's agent against vCenter, so the gateway
 * must be the tenant's and Running. The password is sealed as `{password}`, as the account a gateway
 * creates for itself is, so both decrypt the same way.
 */
export const vsphereKind: AccountKind<
  VsphereStoredSpec,
  VsphereStoredUpdateSpec,
  VsphereAccountCredentials,
  VsphereAccount['spec']
> = {
  cloudType: 'vsphere',
  label: 'vSphere',
  split: ({ password, ...rest }) => ({ publicSpec: rest, secrets: { password } }),
  assemble: ({ publicSpec, secrets }) => ({
    vcenterServer: String(publicSpec.vcenterServer ?? ''),
    username: String(publicSpec.username ?? ''),
    insecure: publicSpec.insecure === true,
    overlordUid: String(publicSpec.overlordUid ?? ''),
    password: secrets.password ?? '',
  }),
  merge(update, stored) {
    const password = givenSecret(update.password)
    if (password) return { ...update, password }
    // The stored password belongs to its user on its vCenter.
    if (update.vcenterServer !== stored.vcenterServer || update.username !== stored.username) {
      throw secretRequired('spec.password', 'Enter the Password of the new vCenter Server or Username')
    }
    return { ...update, password: stored.password }
  },
  toCredentials: (spec) => ({
    gatewayUid: spec.overlordUid,
    vcenter: {
      vcenterServer: spec.vcenterServer,
      username: spec.username,
      password: spec.password,
      insecure: spec.insecure,
    },
  }),
  toReadSpec: (publicSpec) => ({
    vcenterServer: String(publicSpec.vcenterServer ?? ''),
    username: String(publicSpec.username ?? ''),
    password: SECRET_MASK,
    insecure: publicSpec.insecure === true,
  }),
  annotations: (publicSpec) => ({
    overlordUid: String(publicSpec.overlordUid ?? ''),
    gatewayAccount: publicSpec.gatewayAccount === true,
  }),
  columns: (spec) => ({ gatewayId: spec.overlordUid }),
  validate: (deps, ctx, credentials) => validateThroughGateway(deps, ctx, credentials.gatewayUid, credentials.vcenter),
}

/** The vCenter credentials checked by a Running gateway's agent; the identity is the vCenter and user. */
export async function validateThroughGateway(
  deps: Deps,
  ctx: RequestContext,
  gatewayUid: string,
  vcenter: VcenterAccess,
): Promise<CloudIdentity> {
  const gateway = await findGateway(deps, ctx, gatewayUid).catch(() => {
    throw new AppError('ValidationError', 'Choose a Private cloud gateway of this tenant', [
      { path: 'metadata.annotations.overlordUid', message: 'This Private Cloud Gateway does not exist' },
    ])
  })
  if (gateway.state !== 'Running') {
    throw new AppError(
      'InvalidState',
      `Private Cloud Gateway ${gateway.name} is ${gateway.state}; vSphere accounts are validated through a Running gateway`,
      { state: gateway.state },
    )
  }
  const error = taskError(await runTask(deps, gateway.id, { kind: 'vcenter.validate', payload: { vcenter } }))
  if (error) throw error
  return { accountId: vcenter.vcenterServer, principal: vcenter.username }
}

export type AnyAccountKind = typeof tencentKind | typeof awsKind | typeof vsphereKind
