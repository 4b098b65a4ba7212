import { type SshKey, sshKeyBodySchema } from '@console/contracts'
import { contractResolver } from '../../forms/contract-resolver.ts'

/** The SSH key dialog's inputs, shaped like the body so errors land on the inputs by path. */
export interface SshKeyFormValues {
  metadata: { name: string }
  spec: { publicKey: string }
}

export function sshKeyFormDefaults(key?: SshKey): SshKeyFormValues {
  return { metadata: { name: key?.metadata.name ?? '' }, spec: { publicKey: key?.spec.publicKey ?? '' } }
}

/** Inputs → API body: the key as pasted, without the line break an editor or `cat` leaves at its end. */
export function toSshKeyBody(values: SshKeyFormValues) {
  return { metadata: { name: values.metadata.name }, spec: { publicKey: values.spec.publicKey.trim() } }
}

/** The contract's schema, whose OpenSSH parser checks the key as the user types. */
export const sshKeyResolver = contractResolver<SshKeyFormValues, typeof sshKeyBodySchema>(
  sshKeyBodySchema,
  toSshKeyBody,
)

export const sshKeyFieldPaths = ['metadata.name', 'spec.publicKey'] as const
