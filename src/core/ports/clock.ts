/** Injected time (docs/determinism.md): the engine never reads Date.now() itself. */

import { TracehoundError } from '../errors.js'

/** Milliseconds since the epoch. */
export type Clock = () => number

/** The wall clock: `Date.now()`. */
export const systemClock: Clock = () => Date.now()

/** A clock the caller moves: for deterministic tests and replays. */
export interface ManualClock {
  readonly now: Clock
  /** Moves the clock forward by `ms`. */
  advance(ms: number): void
  /** Sets the clock to `ms` since the epoch. */
  set(ms: number): void
}

/** A clock that moves only when told to: for tests, vectors and the conformance daemon. */
export function createManualClock(startMs = 0): ManualClock {
  let current = startMs
  const check = (ms: number) => {
    if (!Number.isFinite(ms)) throw new TracehoundError('CONFIG_CLOCK_INVALID', `clock value must be finite, got ${ms}`)
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
