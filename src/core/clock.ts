/** Injected time (DESIGN §5): the engine never reads Date.now() itself. */

/** Milliseconds since the epoch. */
export type Clock = () => number

export const systemClock: Clock = () => Date.now()

export interface ManualClock {
  readonly now: Clock
  advance(ms: number): void
  set(ms: number): void
}

/** A clock that moves only when told to: for tests, vectors and the conformance daemon. */
export function createManualClock(startMs = 0): ManualClock {
  let current = startMs
  const check = (ms: number) => {
    if (!Number.isFinite(ms)) throw new RangeError(`clock value must be finite, got ${ms}`)
  }
  return {
    now: () => current,
    advance(ms) {
      check(ms)
      current += ms
    },
    set(ms) {
      check(ms)
      current = ms
    },
  }
}
