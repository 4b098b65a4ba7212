/**
 * Whether a problem at `path` is shown before the user pressed **Next** on its step: only once a
 * field it concerns was touched. A worker pool's sizes are checked together (desired within
 * min..max), so touching any size of a pool reveals the problems of that pool's sizes.
 */
export function isRevealed(path: string, touched: Iterable<string>): boolean {
  const poolSizes = /^(spec\.machinepoolconfig\.\d+\.poolConfig)\.(size|minSize|maxSize)$/
  const group = (p: string) => poolSizes.exec(p)?.[1] ?? p
  for (const t of touched) {
    if (path === t || path.startsWith(`${t}.`) || t.startsWith(`${path}.`)) return true
    if (poolSizes.test(path) && poolSizes.test(t) && group(path) === group(t)) return true
  }
  return false
}
