import { describe, expect, it } from 'vitest'
import { confirmGate } from './confirm-gate.ts'

describe('confirmGate', () => {
  it('waits for a validation before Confirm is enabled', () => {
    expect(confirmGate({ currentKey: 'a', result: null, isStoredCredentials: false })).toEqual({
      canConfirm: false,
      state: 'unvalidated',
    })
  })

  it('enables Confirm only while the inputs hold exactly the validated values', () => {
    const result = { key: 'a', isValid: true as const }
    expect(confirmGate({ currentKey: 'a', result, isStoredCredentials: false }).canConfirm).toBe(true)
    expect(confirmGate({ currentKey: 'a2', result, isStoredCredentials: false })).toEqual({
      canConfirm: false,
      state: 'stale',
    })
  })

  it("keeps Confirm disabled after a refusal and carries the server's message", () => {
    const result = { key: 'a', isValid: false as const, message: 'The SecretKey does not match', reference: 'r-1' }
    expect(confirmGate({ currentKey: 'a', result, isStoredCredentials: false })).toEqual({
      canConfirm: false,
      state: 'failed',
      message: 'The SecretKey does not match',
      reference: 'r-1',
    })
  })

  it('lets an edit that keeps the stored credentials save without validating', () => {
    expect(confirmGate({ currentKey: 'a', result: null, isStoredCredentials: true })).toEqual({
      canConfirm: true,
      state: 'stored',
    })
    // A failed validation of exactly these inputs still wins over the stored credentials.
    const failed = { key: 'a', isValid: false as const, message: 'no' }
    expect(confirmGate({ currentKey: 'a', result: failed, isStoredCredentials: true }).canConfirm).toBe(false)
  })
})
