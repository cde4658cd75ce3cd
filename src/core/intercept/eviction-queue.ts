/** Min-heap of quarantine entries in eviction order: severity, then captured, then insertion. */

import type { Severity } from '../types.js'

const SEVERITY_RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 }

export interface QueueEntry {
  readonly rank: number
  readonly captured: number
  readonly seq: number
  /** Cleared when the entry leaves the quarantine by another way; the heap drops it lazily. */
  live: boolean
}

export const severityRank = (s: Severity): number => SEVERITY_RANK[s]

const before = (a: QueueEntry, b: QueueEntry) =>
  a.rank !== b.rank ? a.rank < b.rank : a.captured !== b.captured ? a.captured < b.captured : a.seq < b.seq

export class EvictionQueue<E extends QueueEntry> {
  private heap: E[] = []

  push(entry: E): void {
    const h = this.heap
    h.push(entry)
    let i = h.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!before(h[i]!, h[parent]!)) break
      ;[h[i], h[parent]] = [h[parent]!, h[i]!]
      i = parent
    }
  }

  /** The next live entry to evict, removed from the queue. */
  popLive(): E | undefined {
    while (this.heap.length > 0) {
      const top = this.popTop()
      if (top.live) return top
    }
    return undefined
  }

  /** Drops dead entries once they outnumber the live ones, so manual removals cannot grow the heap. */
  compact(liveCount: number): void {
    if (this.heap.length <= 2 * liveCount + 64) return
    const live = this.heap.filter((e) => e.live)
    this.heap = []
    for (const e of live) this.push(e)
  }

  clear(): void {
    this.heap = []
  }

  private popTop(): E {
    const h = this.heap
    const top = h[0]!
    const last = h.pop()!
    if (h.length > 0) {
      h[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < h.length && before(h[l]!, h[m]!)) m = l
        if (r < h.length && before(h[r]!, h[m]!)) m = r
        if (m === i) break
        ;[h[i], h[m]] = [h[m]!, h[i]!]
        i = m
      }
    }
    return top
  }
}
