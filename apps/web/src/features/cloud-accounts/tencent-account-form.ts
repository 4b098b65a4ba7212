import {
  type TencentAccount,
  type TencentAccountBody,
  type TencentAccountUpdateBody,
  tencentAccountBodySchema,
  tencentAccountSpecSchema,
  tencentAccountUpdateBodySchema,
} from '@console/contracts'
import { contractResolver, optionalText } from '../../forms/contract-resolver.ts'

/** What the Tencent wizard's inputs hold; shaped like the body so errors land on the inputs by path. */
export interface TencentFormValues {
  metadata: { name: string; description: string }
  spec: { secretId: string; secretKey: string }
}

export function tencentFormDefaults(account?: TencentAccount): TencentFormValues {
  return {
    metadata: { name: account?.metadata.name ?? '', description: account?.metadata.description ?? '' },
    // A stored secret is never sent back: the Secret Key starts empty, and empty keeps it on save.
    spec: { secretId: account?.spec.secretId ?? '', secretKey: '' },
  }
}

/** Inputs → create body: an empty description is absent; an empty Secret Key is refused as missing. */
export function toTencentBody(values: TencentFormValues) {
  return {
    metadata: { name: values.metadata.name, description: optionalText(values.metadata.description) },
    spec: { secretId: values.spec.secretId.trim(), secretKey: values.spec.secretKey },
  }
}

/** Inputs → update body: as for create, but an empty Secret Key is absent (the stored one is kept). */
export function toTencentUpdateBody(values: TencentFormValues) {
  const body = toTencentBody(values)
  return { ...body, spec: { ...body.spec, secretKey: body.spec.secretKey || undefined } }
}

export const tencentCreateResolver = contractResolver<TencentFormValues, typeof tencentAccountBodySchema>(
  tencentAccountBodySchema,
  toTencentBody,
)
export const tencentUpdateResolver = contractResolver<TencentFormValues, typeof tencentAccountUpdateBodySchema>(
  tencentAccountUpdateBodySchema,
  toTencentUpdateBody,
)
export type TencentBody = TencentAccountBody | TencentAccountUpdateBody

/** The body of the validate call: the full spec, Secret Key included. */
export function tencentValidationSpec(values: TencentFormValues) {
  return tencentAccountSpecSchema.safeParse(toTencentBody(values).spec)
}

/** On edit: the inputs still name the stored credentials (same Secret ID, no new Secret Key). */
export function isTencentCredentialsUnchanged(values: TencentFormValues, account: TencentAccount): boolean {
  return values.spec.secretKey === '' && values.spec.secretId.trim() === account.spec.secretId
}

export const tencentFieldPaths = ['metadata.name', 'metadata.description', 'spec.secretId', 'spec.secretKey'] as const
export const tencentCredentialPaths = ['spec.secretId', 'spec.secretKey'] as const
