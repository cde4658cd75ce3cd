/** What fn throws (v1 throws plain objects, which toThrow cannot match); fails if it returns. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}
