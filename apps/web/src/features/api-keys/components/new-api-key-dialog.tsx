import type { ApiKeyCreateBody } from '@console/contracts'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { useServerErrors } from '../../../forms/use-server-errors.ts'
import { Button } from '../../../ui/button.tsx'
import { Dialog } from '../../../ui/dialog.tsx'
import { TextField } from '../../../ui/text-field.tsx'
import { type ApiKeyFormValues, apiKeyResolver } from '../api-key-form-values.ts'
import { useCreateApiKey } from '../hooks/use-api-keys.ts'
import { CreatedKeyPanel } from './created-key-panel.tsx'

const fieldPaths = ['metadata.name', 'spec.expiry'] as const

/** **+ New API Key**: asks for a name and an optional expiry, then shows the key once. */
export function NewApiKeyDialog({ onClose }: { onClose: () => void }) {
  const createApiKey = useCreateApiKey()
  // Held in this component's state only: it disappears with the dialog.
  const [created, setCreated] = useState<{ name: string; apiKey: string } | null>(null)
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<ApiKeyFormValues, unknown, ApiKeyCreateBody>({
    mode: 'onChange',
    resolver: apiKeyResolver,
    defaultValues: { metadata: { name: '' }, spec: { expiry: '' } },
  })
  const showServerErrors = useServerErrors(setError, fieldPaths)

  const onSubmit = handleSubmit((body) =>
    createApiKey.mutate(body, {
      onSuccess: (answer) => setCreated({ name: body.metadata.name, apiKey: answer.apiKey }),
      onError: showServerErrors,
    }),
  )

  if (created) {
    return (
      <Dialog
        key="created"
        open
        onClose={onClose}
        title="API key created"
        footer={
          <Button variant="primary" onClick={onClose}>
            Done
          </Button>
        }
      >
        <CreatedKeyPanel name={created.name} apiKey={created.apiKey} />
      </Dialog>
    )
  }

  return (
    <Dialog
      key="form"
      open
      onClose={onClose}
      title="New API Key"
      description="Scripts and CI pipelines send the key in the ApiKey header and act with your permissions."
      isDismissable={!createApiKey.isPending}
    >
      <form className="stack" onSubmit={onSubmit} noValidate>
        <TextField
          label="Name"
          required
          autoComplete="off"
          error={errors.metadata?.name?.message}
          {...register('metadata.name')}
        />
        <TextField
          label="Expiry date"
          type="date"
          hint="Optional. The key stops working at the end of this day; leave empty for a key that does not expire."
          error={errors.spec?.expiry?.message}
          {...register('spec.expiry')}
        />
        <div className="dialog__actions">
          <Button onClick={onClose} disabled={createApiKey.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" isLoading={createApiKey.isPending}>
            Create API key
          </Button>
        </div>
      </form>
    </Dialog>
  )
}
