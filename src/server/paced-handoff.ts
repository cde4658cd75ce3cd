/**
 * Hands new connections to their protocol server one per event-loop turn. Taking over an HTTP/2
 * connection parses everything its client has sent so far, and node builds an object for every
 * stream in it (up to the concurrent-stream cap) before any of them can be refused: about 10 ms
 * of work for a connection that arrives with 100 streams. Run back to back, a burst of such
 * connections held the event loop for seconds; one per turn lets timers and the calls of
 * connections already served run in between. First in, first out, so no connection waits for ever.
 */
export function pacedHandoff(): (takeOver: () => void) => void {
  const queue: (() => void)[] = []
  let head = 0
  // While a take-over runs, the next turn is scheduled after it, not by a hand-off it makes.
  let running = false
  const next = () => {
    const takeOver = queue[head]!
    queue[head++] = undefined as never
    running = true
    try {
      takeOver()
    } finally {
      running = false
      if (head === queue.length) queue.length = head = 0
      else setImmediate(next)
    }
  }
  return (takeOver) => {
    queue.push(takeOver)
    if (!running && queue.length - head === 1) setImmediate(next)
  }
}
