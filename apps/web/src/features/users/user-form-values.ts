import {
  type RoleName,
  roleNames,
  type User,
  type UserCreateBody,
  type UserUpdateBody,
  userCreateBodySchema,
  userUpdateBodySchema,
} from '@console/contracts'
import { contractResolver, optionalText } from '../../forms/contract-resolver.ts'

/** What the user form's inputs hold; `projectUid` is '' until a project is picked. */
export interface UserFormValues {
  metadata: { name: string }
  spec: {
    emailId: string
    firstName: string
    lastName: string
    password: string
    roles: { role: RoleName; projectUid: string }[]
  }
}

export const roleOptions = roleNames.map((r) => ({ value: r, label: r }))

export function isProjectRole(role: RoleName): boolean {
  return role !== 'Tenant Admin'
}

export const emptyRoleBinding = (): UserFormValues['spec']['roles'][number] => ({
  role: 'Project Viewer',
  projectUid: '',
})

export function userFormDefaults(user?: User): UserFormValues {
  return {
    metadata: { name: user?.metadata.name ?? '' },
    spec: {
      emailId: user?.spec.emailId ?? '',
      firstName: user?.spec.firstName ?? '',
      lastName: user?.spec.lastName ?? '',
      password: '',
      roles: user
        ? user.spec.roles.map((r) => ({ role: r.role, projectUid: r.projectUid ?? '' }))
        : [emptyRoleBinding()],
    },
  }
}

/** Inputs → API body: empty optional text is absent, and a tenant-wide role carries no project. */
export function toUserBody(values: UserFormValues) {
  return {
    metadata: { name: values.metadata.name },
    spec: {
      emailId: values.spec.emailId.trim(),
      firstName: optionalText(values.spec.firstName),
      lastName: optionalText(values.spec.lastName),
      password: values.spec.password === '' ? undefined : values.spec.password,
      roles: values.spec.roles.map((b) => ({
        role: b.role,
        projectUid: isProjectRole(b.role) ? optionalText(b.projectUid) : undefined,
      })),
    },
  }
}

export const createUserResolver = contractResolver<UserFormValues, typeof userCreateBodySchema>(
  userCreateBodySchema,
  toUserBody,
)
export const updateUserResolver = contractResolver<UserFormValues, typeof userUpdateBodySchema>(
  userUpdateBodySchema,
  toUserBody,
)

export type UserBody = UserCreateBody | UserUpdateBody
