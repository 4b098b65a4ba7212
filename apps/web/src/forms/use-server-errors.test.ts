import { describe, expect, it } from 'vitest'
import { formFieldFor } from './use-server-errors.ts'

describe('formFieldFor', () => {
  const fields = ['metadata.name', 'spec.roles.*.projectUid', 'spec.roles']
  it('matches exact paths, array indexes and the nearest listed parent', () => {
    expect(formFieldFor('metadata.name', fields)).toBe('metadata.name')
    expect(formFieldFor('spec.roles.2.projectUid', fields)).toBe('spec.roles.2.projectUid')
    expect(formFieldFor('spec.roles.2.role', fields)).toBe('spec.roles')
    expect(formFieldFor('spec.password', fields)).toBeUndefined()
  })
})
