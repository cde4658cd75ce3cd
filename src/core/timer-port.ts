/** Timer port: components that wait take this by injection; the default looks the globals up per call so fake timers apply. */
export interface TimerPort {
  set(callback: () => void, ms: number): unknown
  clear(handle: unknown): void
}

export const systemTimers: TimerPort = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}
