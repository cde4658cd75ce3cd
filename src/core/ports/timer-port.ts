/** Timer port: components that wait take this by injection; the default looks the globals up per call so fake timers apply. */
export interface TimerPort {
  /** Runs `callback` after `ms`; returns a handle for `clear`. */
  set(callback: () => void, ms: number): unknown
  /** Cancels a timer from `set`. */
  clear(handle: unknown): void
}

/** The platform's setTimeout and clearTimeout. */
export const systemTimers: TimerPort = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}
