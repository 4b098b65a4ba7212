import {
  type VsphereAccount,
  type VsphereAccountBody,
  type VsphereAccountUpdateBody,
  vsphereAccountBodySchema,
  vsphereAccountSpecSchema,
  vsphereAccountUpdateBodySchema,
} from '@console/contracts'
import { contractResolver, optionalText } from '../../forms/contract-resolver.ts'

/** What the VMware account wizard's inputs hold; shaped like the body so errors land on the inputs by path. */
export interface VsphereFormValues {
  metadata: { name: string; description: string; annotations: { overlordUid: string } }
  spec: { vcenterServer: string; username: string; password: string; insecure: boolean }
}

export function vsphereFormDefaults(account?: VsphereAccount): VsphereFormValues {
  return {
    metadata: {
      name: account?.metadata.name ?? '',
      description: account?.metadata.description ?? '',
      annotations: { overlordUid: account?.metadata.annotations.overlordUid ?? '' },
    },
    // The stored password is never sent back: it starts empty, and empty keeps it on save.
    spec: {
      vcenterServer: account?.spec.vcenterServer ?? '',
      username: account?.spec.username ?? '',
      password: '',
      insecure: account?.spec.insecure ?? false,
    },
  }
}

export function toVsphereBody(values: VsphereFormValues) {
  return {
    metadata: {
      name: values.metadata.name,
      description: optionalText(values.metadata.description),
      annotations: { overlordUid: values.metadata.annotations.overlordUid },
    },
    spec: {
      vcenterServer: values.spec.vcenterServer.trim(),
      username: values.spec.username.trim(),
      password: values.spec.password,
      insecure: values.spec.insecure,
    },
  }
}

export function toVsphereUpdateBody(values: VsphereFormValues) {
  const body = toVsphereBody(values)
  return { ...body, spec: { ...body.spec, password: body.spec.password || undefined } }
}

export const vsphereCreateResolver = contractResolver<VsphereFormValues, typeof vsphereAccountBodySchema>(
  vsphereAccountBodySchema,
  toVsphereBody,
)
export const vsphereUpdateResolver = contractResolver<VsphereFormValues, typeof vsphereAccountUpdateBodySchema>(
  vsphereAccountUpdateBodySchema,
  toVsphereUpdateBody,
)
export type VsphereBody = VsphereAccountBody | VsphereAccountUpdateBody

/** The body of the validate call (through the chosen gateway): the full spec, Password included. */
export function vsphereValidationSpec(values: VsphereFormValues) {
  return vsphereAccountSpecSchema.safeParse(toVsphereBody(values).spec)
}

/** On edit: the inputs still name the stored credentials (same gateway, server and user, no new Password). */
export function isVsphereCredentialsUnchanged(values: VsphereFormValues, account: VsphereAccount): boolean {
  return (
    values.spec.password === '' &&
    values.spec.vcenterServer.trim() === account.spec.vcenterServer &&
    values.spec.username.trim() === account.spec.username &&
    values.metadata.annotations.overlordUid === account.metadata.annotations.overlordUid
  )
}

export const vsphereFieldPaths = [
  'metadata.name',
  'metadata.description',
  'metadata.annotations.overlordUid',
  'spec.vcenterServer',
  'spec.username',
  'spec.password',
] as const
export const vsphereCredentialPaths = [
  'metadata.annotations.overlordUid',
  'spec.vcenterServer',
  'spec.username',
  'spec.password',
] as const
