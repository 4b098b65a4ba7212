/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"):
 * a random wait in [0, min(max, base · 2^attempt)], so workers that failed together do not retry together.
 */
export function fullJitterDelay(options: {
  attempt: number
  baseMs: number
  maxMs: number
  random?: () => number
}): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(options.attempt, 30))
  return Math.round((options.random ?? Math.random)() * ceiling)
}
