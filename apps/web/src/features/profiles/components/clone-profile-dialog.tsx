import { type ClusterProfile, clusterProfileCloneBodySchema } from '@console/contracts'
import { useEffect, useState } from 'react'
import { useServerErrors } from '../../../forms/use-server-errors.ts'
import { Button } from '../../../ui/button.tsx'
import { Dialog } from '../../../ui/dialog.tsx'
import { TextField } from '../../../ui/text-field.tsx'
import { useToast } from '../../../ui/toasts.tsx'
import { useCloneProfile } from '../hooks/use-profiles.ts'

type Field = 'metadata.name' | 'spec.version'
const fieldPaths: readonly Field[] = ['metadata.name', 'spec.version']

/** Clones a profile into the current scope as a new draft with the name and version given here. */
export function CloneProfileDialog({ source, onClose }: { source: ClusterProfile | null; onClose: () => void }) {
  const cloneProfile = useCloneProfile()
  const toast = useToast()
  const [name, setName] = useState('')
  const [version, setVersion] = useState('')
  const [serverErrors, setServerErrors] = useState<Partial<Record<Field, string>>>({})
  const showServerErrors = useServerErrors<Record<Field, string>>(
    (field, error) => setServerErrors((current) => ({ ...current, [field]: error.message })),
    fieldPaths,
  )

  useEffect(() => {
    if (!source) return
    setName(`${source.metadata.name}-copy`.slice(0, 63))
    setVersion(source.spec.version)
    setServerErrors({})
  }, [source])

  const body = { metadata: { name }, spec: { version } }
  const parsed = clusterProfileCloneBodySchema.safeParse(body)
  const errors: Partial<Record<Field, string>> = { ...serverErrors }
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.join('.') as Field
      errors[field] ??= issue.message
    }
  }

  function close() {
    cloneProfile.reset()
    onClose()
  }

  return (
    <Dialog
      open={source !== null}
      onClose={close}
      title="Clone Profile"
      description={
        source ? `A new draft with the layers of ${source.metadata.name} ${source.spec.version}.` : undefined
      }
      isDismissable={!cloneProfile.isPending}
    >
      <form
        className="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          if (!source || !parsed.success) return
          cloneProfile.mutate(
            { uid: source.metadata.uid, body: parsed.data },
            {
              onSuccess: () => {
                toast.success(`Profile ${parsed.data.metadata.name} ${parsed.data.spec.version} created as a clone`)
                close()
              },
              onError: showServerErrors,
            },
          )
        }}
      >
        <TextField
          label="Name"
          required
          autoComplete="off"
          value={name}
          error={errors['metadata.name']}
          onChange={(event) => {
            setName(event.target.value)
            setServerErrors({})
          }}
        />
        <TextField
          label="Version"
          required
          autoComplete="off"
          value={version}
          error={errors['spec.version']}
          onChange={(event) => {
            setVersion(event.target.value)
            setServerErrors({})
          }}
        />
        <div className="dialog__actions">
          <Button onClick={close} disabled={cloneProfile.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" isLoading={cloneProfile.isPending} disabled={!parsed.success}>
            Clone
          </Button>
        </div>
      </form>
    </Dialog>
  )
}
