import { type ProjectBody, projectBodySchema } from '@console/contracts'
import { useForm } from 'react-hook-form'
import { contractResolver, optionalText } from '../../../forms/contract-resolver.ts'
import { useServerErrors } from '../../../forms/use-server-errors.ts'
import { Button } from '../../../ui/button.tsx'
import { Dialog } from '../../../ui/dialog.tsx'
import { TextField } from '../../../ui/text-field.tsx'
import { useToast } from '../../../ui/toasts.tsx'
import { useCreateProject } from '../hooks/use-projects.ts'

interface ProjectFormValues {
  metadata: { name: string; description: string }
}

const fieldPaths = ['metadata.name', 'metadata.description'] as const

export const projectResolver = contractResolver<ProjectFormValues, typeof projectBodySchema>(
  projectBodySchema,
  (v) => ({
    metadata: { name: v.metadata.name, description: optionalText(v.metadata.description) },
    spec: {},
  }),
)

export function NewProjectDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const createProject = useCreateProject()
  const toast = useToast()
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors },
  } = useForm<ProjectFormValues, unknown, ProjectBody>({
    mode: 'onChange',
    resolver: projectResolver,
    defaultValues: { metadata: { name: '', description: '' } },
  })
  const showServerErrors = useServerErrors(setError, fieldPaths)

  function close() {
    reset()
    createProject.reset()
    onClose()
  }

  const onSubmit = handleSubmit((body) =>
    createProject.mutate(body, {
      onSuccess: () => {
        toast.success(`Project ${body.metadata.name} created`)
        close()
      },
      onError: showServerErrors,
    }),
  )

  return (
    <Dialog
      open={open}
      onClose={close}
      title="New Project"
      description="A project groups clusters, cloud accounts and the people who work on them."
      isDismissable={!createProject.isPending}
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
          label="Description"
          autoComplete="off"
          error={errors.metadata?.description?.message}
          {...register('metadata.description')}
        />
        <div className="dialog__actions">
          <Button onClick={close} disabled={createProject.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" isLoading={createProject.isPending}>
            Create project
          </Button>
        </div>
      </form>
    </Dialog>
  )
}
