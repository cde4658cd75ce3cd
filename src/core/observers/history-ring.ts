/**
 * The security history (SecurityState): a fixed-capacity ring kept in columns, one per field, so
 * recording an event allocates nothing. An entry and its data object per event lived through
 * 10 000 more events by default: every one was copied by two scavenges and promoted, to die in
 * old space (two per capture on the intercept path, one per eviction). Entries are built when
 * the history is read.
 */

/** Every kind of event, with the names of its data fields in the order they are reported. */
export const HISTORY_FIELDS = {
  threat: ['category', 'severity'],
  evidence: ['signature', 'size', 'severity'],
  eviction: ['signature', 'reason'],
  rate_limit: ['source', 'blocked'],
  panic: ['level', 'reason'],
} as const

export type HistoryType = keyof typeof HISTORY_FIELDS

/** One event as read back: its time, kind and data. */
export interface HistoryEntry {
  timestamp: number
  type: HistoryType
  data: Record<string, unknown>
}

export class HistoryRing {
  private readonly timestamps: number[] = []
  private readonly types: HistoryType[] = []
  private readonly a: unknown[] = []
  private readonly b: unknown[] = []
  private readonly c: unknown[] = []
  /** Slot of the oldest entry once the ring is full. */
  private head = 0

  constructor(private readonly capacity: number) {}

  /** Records an event; `a`, `b`, `c` are its data fields in HISTORY_FIELDS order (unused ones undefined). */
  push(timestamp: number, type: HistoryType, a: unknown, b: unknown, c?: unknown): void {
    if (this.capacity <= 0) return
    let slot = this.timestamps.length
    if (slot >= this.capacity) {
      slot = this.head
      this.head = (this.head + 1) % this.capacity
    }
    this.timestamps[slot] = timestamp
    this.types[slot] = type
    this.a[slot] = a
    this.b[slot] = b
    this.c[slot] = c
  }

  get size(): number {
    return this.timestamps.length
  }

  get oldestTimestamp(): number | undefined {
    return this.timestamps[this.head]
  }

  get newestTimestamp(): number | undefined {
    const n = this.timestamps.length
    return n === 0 ? undefined : this.timestamps[(this.head + n - 1) % n]
  }

  /** Oldest first; fresh entries. */
  toArray(): HistoryEntry[] {
    const n = this.timestamps.length
    const out: HistoryEntry[] = []
    for (let k = 0; k < n; k++) {
      const i = (this.head + k) % n
      const type = this.types[i]!
      const fields = HISTORY_FIELDS[type]
      const data: Record<string, unknown> = {}
      const values = [this.a[i], this.b[i], this.c[i]]
      fields.forEach((f, j) => {
        data[f] = values[j]
      })
      out.push({ timestamp: this.timestamps[i]!, type, data })
    }
    return out
  }
}
