import type { User } from '@console/contracts'
import { type Resolver, useForm } from 'react-hook-form'
import { useServerErrors } from '../../../forms/use-server-errors.ts'
import { Button } from '../../../ui/button.tsx'
import { Dialog } from '../../../ui/dialog.tsx'
import { TextField } from '../../../ui/text-field.tsx'
import { useToast } from '../../../ui/toasts.tsx'
import { useCreateUser, useProjectChoices, useUpdateUser } from '../hooks/use-users.ts'
import {
  createUserResolver,
  type UserBody,
  type UserFormValues,
  updateUserResolver,
  userFormDefaults,
} from '../user-form-values.ts'
import { RoleBindingsField } from './role-bindings-field.tsx'

const fieldPaths = [
  'metadata.name',
  'spec.emailId',
  'spec.firstName',
  'spec.lastName',
  'spec.password',
  'spec.roles.*.role',
  'spec.roles.*.projectUid',
  'spec.roles',
] as const

export interface UserFormDialogProps {
  /** The user to edit; absent to create one. */
  user?: User
  onClose: () => void
}

/** **+ New User** and edit: one form, the create contract requires a password, the update contract does not. */
export function UserFormDialog({ user, onClose }: UserFormDialogProps) {
  const isEdit = user !== undefined
  const createUser = useCreateUser()
  const updateUser = useUpdateUser()
  const projects = useProjectChoices()
  const toast = useToast()
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<UserFormValues, unknown, UserBody>({
    mode: 'onChange',
    resolver: (isEdit ? updateUserResolver : createUserResolver) as Resolver<UserFormValues, unknown, UserBody>,
    defaultValues: userFormDefaults(user),
  })
  const showServerErrors = useServerErrors(setError, fieldPaths)
  const isPending = createUser.isPending || updateUser.isPending

  const onSubmit = handleSubmit((body) => {
    const done = {
      onSuccess: () => {
        toast.success(isEdit ? `User ${body.metadata.name} updated` : `User ${body.metadata.name} created`)
        onClose()
      },
      onError: showServerErrors,
    }
    if (isEdit) updateUser.mutate({ uid: user.metadata.uid, body }, done)
    else createUser.mutate({ ...body, spec: { ...body.spec, password: body.spec.password ?? '' } }, done)
  })

  return (
    <Dialog
      open
      onClose={onClose}
      title={isEdit ? `Edit User ${user.metadata.name}` : 'New User'}
      size="lg"
      isDismissable={!isPending}
    >
      <form className="stack" onSubmit={onSubmit} noValidate>
        <div className="form-grid">
          <TextField
            label="Name"
            required
            autoComplete="off"
            error={errors.metadata?.name?.message}
            {...register('metadata.name')}
          />
          <TextField
            label="Email"
            type="email"
            required
            autoComplete="off"
            error={errors.spec?.emailId?.message}
            {...register('spec.emailId')}
          />
          <TextField
            label="First Name"
            autoComplete="off"
            error={errors.spec?.firstName?.message}
            {...register('spec.firstName')}
          />
          <TextField
            label="Last Name"
            autoComplete="off"
            error={errors.spec?.lastName?.message}
            {...register('spec.lastName')}
          />
          <TextField
            label="Password"
            type="password"
            required={!isEdit}
            autoComplete="new-password"
            hint={isEdit ? 'Leave empty to keep the current password.' : 'At least 12 characters.'}
            error={errors.spec?.password?.message}
            {...register('spec.password')}
          />
        </div>
        <RoleBindingsField
          control={control}
          register={register}
          errors={errors}
          projects={projectOptions(projects.data, user)}
          isLoadingProjects={projects.isLoading}
        />
        <div className="dialog__actions">
          <Button onClick={onClose} disabled={isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" isLoading={isPending}>
            {isEdit ? 'Save changes' : 'Create user'}
          </Button>
        </div>
      </form>
    </Dialog>
  )
}

/** The tenant's projects, plus any the edited user is bound to that the list did not include. */
function projectOptions(projects: { value: string; label: string }[] | undefined, user: User | undefined) {
  const options = [...(projects ?? [])]
  for (const r of user?.spec.roles ?? []) {
    if (r.projectUid && !options.some((o) => o.value === r.projectUid)) {
      options.push({ value: r.projectUid, label: r.projectName ?? r.projectUid })
    }
  }
  return options
}
