/** Time and randomness ports (§5): components take these by injection so tests and vectors are reproducible. */

/** Milliseconds since the epoch. */
export type Clock = () => number

/** A number in [0, 1), like Math.random. */
export type RandomUnit = () => number

// Looked up at call time, not captured, so fake timers installed later still apply.
export const systemClock: Clock = () => Date.now()
export const systemRandomUnit: RandomUnit = () => Math.random()
