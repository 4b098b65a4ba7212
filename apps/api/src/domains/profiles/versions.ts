/** Semantic-version ordering for profile versions (`MAJOR.MINOR.PATCH[-pre][+build]`, already validated). */

interface ParsedVersion {
  core: [number, number, number]
  pre: string[]
}

function parseVersion(version: string): ParsedVersion {
  const [withoutBuild = ''] = version.split('+', 1)
  const dash = withoutBuild.indexOf('-')
  const core = (dash === -1 ? withoutBuild : withoutBuild.slice(0, dash)).split('.').map(Number)
  const pre = dash === -1 ? [] : withoutBuild.slice(dash + 1).split('.')
  return { core: [core[0] ?? 0, core[1] ?? 0, core[2] ?? 0], pre }
}

function comparePre(a: string[], b: string[]): number {
  // A version without a pre-release ranks above the same version with one (1.0.0-rc.1 < 1.0.0).
  if (a.length === 0 || b.length === 0) return b.length - a.length
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i]
    const y = b[i]
    if (x === undefined) return -1
    if (y === undefined) return 1
    const xNum = /^\d+$/.test(x)
    const yNum = /^\d+$/.test(y)
    if (xNum && yNum && Number(x) !== Number(y)) return Number(x) - Number(y)
    if (xNum !== yNum) return xNum ? -1 : 1
    if (x !== y) return x < y ? -1 : 1
  }
  return 0
}

/** Negative when `a` < `b`, positive when `a` > `b`, 0 when they rank the same (build metadata is ignored). */
export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a)
  const y = parseVersion(b)
  for (let i = 0; i < 3; i++) {
    const diff = x.core[i]! - y.core[i]!
    if (diff !== 0) return Math.sign(diff)
  }
  return Math.sign(comparePre(x.pre, y.pre))
}

/** The highest of `versions`, or undefined for none. */
export function highestVersion(versions: readonly string[]): string | undefined {
  return versions.reduce<string | undefined>(
    (best, version) => (best === undefined || compareVersions(version, best) > 0 ? version : best),
    undefined,
  )
}

/** The next patch release: 1.0.0 → 1.0.1; a pre-release or build part is dropped and the patch still bumped. */
export function bumpPatch(version: string): string {
  const [major, minor, patch] = parseVersion(version).core
  return `${major}.${minor}.${patch + 1}`
}
