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

/**
 * A binary heap whose order keys sit in parallel arrays beside the entries: a pop sifts through
 * about log2(n) levels comparing two children each, and reading the keys from three contiguous
 * arrays instead of from each entry object (scattered in old space) saves a cache miss per
 * comparison; at capacity every capture pops once (bench/README.md, embedded).
 */
export class EvictionQueue<E extends QueueEntry> {
  private entries: E[] = []
  private ranks: number[] = []
  private captured: number[] = []
  private seqs: number[] = []

  push(entry: E): void {
    let i = this.entries.length
    this.entries.push(entry)
    this.ranks.push(entry.rank)
    this.captured.push(entry.captured)
    this.seqs.push(entry.seq)
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.before(i, parent)) break
      this.swap(i, parent)
      i = parent
    }
  }

  /** The next live entry to evict, removed from the queue. */
  popLive(): E | undefined {
    while (this.entries.length > 0) {
      const top = this.popTop()
      if (top.live) return top
    }
    return undefined
  }

  /** Drops dead entries once they outnumber the live ones, so manual removals cannot grow the heap. */
  compact(liveCount: number): void {
    if (this.entries.length <= 2 * liveCount + 64) return
    const live = this.entries.filter((e) => e.live)
    this.clear()
    for (const e of live) this.push(e)
  }

  clear(): void {
    this.entries = []
    this.ranks = []
    this.captured = []
    this.seqs = []
  }

  /** Severity, then captured, then insertion: the order `before` had on entries. */
  private before(a: number, b: number): boolean {
    const { ranks, captured, seqs } = this
    return ranks[a] !== ranks[b] ? ranks[a]! < ranks[b]! : captured[a] !== captured[b] ? captured[a]! < captured[b]! : seqs[a]! < seqs[b]!
  }

  // Spelled out per array: a shared swap helper over arrays of four element kinds counted about
  // 2–5k more instructions per eviction in one bench:instructions run (at capacity).
  private swap(a: number, b: number): void {
    const { entries, ranks, captured, seqs } = this
    const e = entries[a]!
    entries[a] = entries[b]!
    entries[b] = e
    const r = ranks[a]!
    ranks[a] = ranks[b]!
    ranks[b] = r
    const c = captured[a]!
    captured[a] = captured[b]!
    captured[b] = c
    const q = seqs[a]!
    seqs[a] = seqs[b]!
    seqs[b] = q
  }

  private popTop(): E {
    const top = this.entries[0]!
    const last = this.entries.length - 1
    if (last > 0) this.swap(0, last)
    this.entries.pop()
    this.ranks.pop()
    this.captured.pop()
    this.seqs.pop()
    const n = last
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let m = i
      if (l < n && this.before(l, m)) m = l
      if (r < n && this.before(r, m)) m = r
      if (m === i) break
      this.swap(i, m)
      i = m
    }
    return top
  }
}
