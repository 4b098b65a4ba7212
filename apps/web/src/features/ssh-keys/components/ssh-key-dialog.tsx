import { parseSshPublicKey, type SshKey, type SshKeyBody } from '@console/contracts'
import { useForm } from 'react-hook-form'
import { useServerErrors } from '../../../forms/use-server-errors.ts'
import { Button } from '../../../ui/button.tsx'
import { Dialog } from '../../../ui/dialog.tsx'
import { TextField } from '../../../ui/text-field.tsx'
import { useToast } from '../../../ui/toasts.tsx'
import { useSaveSshKey } from '../hooks/use-ssh-keys.ts'
import { type SshKeyFormValues, sshKeyFieldPaths, sshKeyFormDefaults, sshKeyResolver } from '../ssh-key-form.ts'
import { PublicKeyField } from './public-key-field.tsx'

/** What a valid pasted key is, so the user sees the console read it as they meant. */
function describeKey(text: string): string | undefined {
  const parsed = parseSshPublicKey(text)
  if (!parsed.ok) return undefined
  const { type, bits, comment } = parsed.key
  return `Recognised: ${type}, ${bits} bits${comment ? `, comment “${comment}”` : ''}.`
}

/** **+ New SSH Key** and edit: a name and an OpenSSH public key, checked by the contract's parser as typed. */
export function SshKeyDialog({ sshKey, onClose }: { sshKey?: SshKey; onClose: () => void }) {
  const isEdit = sshKey !== undefined
  const save = useSaveSshKey(sshKey?.metadata.uid)
  const toast = useToast()
  const {
    register,
    handleSubmit,
    setError,
    watch,
    formState: { errors },
  } = useForm<SshKeyFormValues, unknown, SshKeyBody>({
    mode: 'onChange',
    resolver: sshKeyResolver,
    defaultValues: sshKeyFormDefaults(sshKey),
  })
  const showServerErrors = useServerErrors(setError, sshKeyFieldPaths)
  const publicKey = watch('spec.publicKey')

  const onSubmit = handleSubmit((body) => {
    save.mutate(body, {
      onSuccess: () => {
        toast.success(isEdit ? `SSH key ${body.metadata.name} updated` : `SSH key ${body.metadata.name} added`)
        onClose()
      },
      onError: showServerErrors,
    })
  })

  return (
    <Dialog
      open
      onClose={onClose}
      title={isEdit ? `Edit SSH Key ${sshKey.metadata.name}` : 'New SSH Key'}
      description="Paste an OpenSSH public key (the .pub file): ssh-ed25519, ssh-rsa of at least 2048 bits, or ecdsa-sha2-nistp256/384/521."
      size="lg"
      isDismissable={!save.isPending}
    >
      <form className="stack" onSubmit={onSubmit} noValidate>
        <TextField
          label="Name"
          required
          autoComplete="off"
          error={errors.metadata?.name?.message}
          {...register('metadata.name')}
        />
        <PublicKeyField
          placeholder="ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA… user@host"
          error={errors.spec?.publicKey?.message}
          hint={errors.spec?.publicKey ? undefined : describeKey(publicKey)}
          {...register('spec.publicKey')}
        />
        <div className="dialog__actions">
          <Button onClick={onClose} disabled={save.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" isLoading={save.isPending}>
            {isEdit ? 'Save changes' : 'Add SSH key'}
          </Button>
        </div>
      </form>
    </Dialog>
  )
}
