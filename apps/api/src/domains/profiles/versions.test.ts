import { describe, expect, it } from 'vitest'
import { bumpPatch, compareVersions, highestVersion } from './versions.ts'

describe('profile versions', () => {
  it('orders by major, minor and patch numerically, not as text', () => {
    expect(compareVersions('1.0.10', '1.0.9')).toBe(1)
    expect(compareVersions('1.10.0', '1.9.9')).toBe(1)
    expect(compareVersions('2.0.0', '10.0.0')).toBe(-1)
    expect(compareVersions('1.2.3', '1.2.3')).toBe(0)
  })

  it('ranks a pre-release below its release, and ignores build metadata', () => {
    expect(compareVersions('1.0.0-rc.1', '1.0.0')).toBe(-1)
    expect(compareVersions('1.0.0-rc.2', '1.0.0-rc.10')).toBe(-1)
    expect(compareVersions('1.0.0-alpha', '1.0.0-1')).toBe(1)
    expect(compareVersions('1.0.0+a', '1.0.0+b')).toBe(0)
  })

  it('finds the highest version and bumps its patch', () => {
    expect(highestVersion(['1.0.0', '1.0.10', '1.0.9', '1.0.11-rc.1'])).toBe('1.0.11-rc.1')
    expect(highestVersion([])).toBeUndefined()
    expect(bumpPatch('1.0.0')).toBe('1.0.1')
    expect(bumpPatch('1.4.9+build.7')).toBe('1.4.10')
    expect(bumpPatch('2.0.0-rc.1')).toBe('2.0.1')
  })
})
