import { describe, expect, it } from 'vitest'
import { formatCountdown, namesMatch } from './cluster-display.ts'

describe('formatCountdown', () => {
  it('shows hours, minutes and seconds, rounding a started second up', () => {
    expect(formatCountdown(15 * 60_000)).toBe('15m 00s')
    expect(formatCountdown(14 * 60_000 + 5_400)).toBe('14m 06s')
    expect(formatCountdown(3_723_000)).toBe('1h 02m 03s')
    expect(formatCountdown(42_000)).toBe('42s')
    expect(formatCountdown(1)).toBe('1s')
  })

  it('says now once the time has come', () => {
    expect(formatCountdown(0)).toBe('now')
    expect(formatCountdown(-5_000)).toBe('now')
    expect(formatCountdown(Number.NaN)).toBe('now')
  })
})

describe('namesMatch', () => {
  it('accepts only the exact name', () => {
    expect(namesMatch('tke-prod', 'tke-prod')).toBe(true)
    expect(namesMatch('tke-pro', 'tke-prod')).toBe(false)
    expect(namesMatch('TKE-PROD', 'tke-prod')).toBe(false)
    expect(namesMatch(' tke-prod', 'tke-prod')).toBe(false)
    expect(namesMatch('tke-prod ', 'tke-prod')).toBe(false)
    expect(namesMatch('', '')).toBe(false)
  })
})
