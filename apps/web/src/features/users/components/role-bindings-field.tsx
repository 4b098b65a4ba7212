import { type Control, type FieldErrors, type UseFormRegister, useFieldArray, useWatch } from 'react-hook-form'
import { Button } from '../../../ui/button.tsx'
import { Select, type SelectOption } from '../../../ui/select.tsx'
import { emptyRoleBinding, isProjectRole, roleOptions, type UserFormValues } from '../user-form-values.ts'

export interface RoleBindingsFieldProps {
  control: Control<UserFormValues, unknown, any>
  register: UseFormRegister<UserFormValues>
  errors: FieldErrors<UserFormValues>
  projects: SelectOption[]
  isLoadingProjects: boolean
}

/** The user's role bindings: a role, and a project when the role is a project role; several may be added. */
export function RoleBindingsField({ control, register, errors, projects, isLoadingProjects }: RoleBindingsFieldProps) {
  const { fields, append, remove } = useFieldArray({ control, name: 'spec.roles' })
  const roles = useWatch({ control, name: 'spec.roles' })
  const rolesError = errors.spec?.roles?.message ?? errors.spec?.roles?.root?.message

  return (
    <fieldset className="fieldset" aria-describedby={rolesError ? 'role-bindings-error' : undefined}>
      <legend className="fieldset__legend">Roles</legend>
      <ul className="role-bindings">
        {fields.map((field, index) => {
          const role = roles?.[index]?.role ?? field.role
          const bindingErrors = errors.spec?.roles?.[index]
          return (
            <li key={field.id} className="role-binding">
              <Select
                label="Role"
                options={roleOptions}
                error={bindingErrors?.role?.message}
                {...register(`spec.roles.${index}.role`)}
              />
              {isProjectRole(role) && isLoadingProjects ? (
                <p className="role-binding__note">Loading projects…</p>
              ) : isProjectRole(role) ? (
                <Select
                  label="Project"
                  placeholder="Select a project"
                  options={projects}
                  error={bindingErrors?.projectUid?.message}
                  {...register(`spec.roles.${index}.projectUid`)}
                />
              ) : (
                <p className="role-binding__note">Applies to every project</p>
              )}
              <Button
                size="sm"
                variant="ghost"
                className="role-binding__remove"
                onClick={() => remove(index)}
                disabled={fields.length === 1}
                aria-label={`Remove binding ${index + 1}`}
              >
                Remove
              </Button>
            </li>
          )
        })}
      </ul>
      {rolesError ? (
        <p id="role-bindings-error" className="field__error">
          {rolesError}
        </p>
      ) : null}
      <Button size="sm" onClick={() => append(emptyRoleBinding())}>
        + Add Role
      </Button>
    </fieldset>
  )
}
