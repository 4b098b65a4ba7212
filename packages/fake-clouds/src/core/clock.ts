import type { Clock } from './types.ts'

/** A Clock whose factor changes can be observed (the store rescales pending transitions). */
export interface ScalableClock extends Clock {
  /** Called with (oldFactor, newFactor) after every effective setFactor. */
  onFactorChange(listener: (oldFactor: number, newFactor: number) => void): void
}

/**
 * Creates the time-scale clock. A factor of 10 makes every simulated duration ten times
 * shorter in real time; the factor must be a finite number > 0.
 */
export function createClock(initialFactor = 1): ScalableClock {
  assertFactor(initialFactor)
  let current = initialFactor
  const listeners: Array<(oldFactor: number, newFactor: number) => void> = []
  return {
    factor: () => current,
    setFactor(factor) {
      assertFactor(factor)
      const old = current
      current = factor
      if (old !== factor) for (const listener of listeners) listener(old, factor)
    },
    scaled: (simulatedMs) => (simulatedMs === Number.POSITIVE_INFINITY ? simulatedMs : simulatedMs / current),
    onFactorChange(listener) {
      listeners.push(listener)
    },
  }
}

function assertFactor(factor: number): void {
  if (typeof factor !== 'number' || !Number.isFinite(factor) || factor <= 0) {
    throw new RangeError(`time-scale factor must be a finite number > 0, got ${String(factor)}`)
  }
}
