/**
 * The evidence set the audit log implies: a capture makes a signature live, a neutralization,
 * evacuation or purge ends it. Replaying the log and comparing with the evidence table names every
 * deleted, altered, resurrected or unlogged evidence row by its signature, with no key needed.
 */

import { type AuditEntry, type CaptureEntry, isChainRecord } from '../core/index.js'

export interface EvidenceColumns {
  signature: string
  hash: string
  size: number
  severity: string
  captured: number
  compressed: boolean
}

/** How the stored evidence and blocks disagree with what the audit log says they should be. */
export type SetMismatch =
  | 'evidence-missing'
  | 'evidence-unlogged'
  | 'evidence-resurrected'
  | 'evidence-altered'
  | 'evidence-duplicate'
  | 'evidence-order'
  | 'block-missing'
  | 'block-unlogged'
  | 'block-altered'

/** The evidence set at a point of the log: bounded by the quarantine and the running blocks. */
export interface LogState {
  live: CaptureEntry[]
  blocks: [string, number][]
  /** Entries applied so far (the tree size). */
  applied: number
  /** A capture has been logged (see #bound). */
  bound: boolean
}

export class EvidenceLog {
  readonly #live = new Map<string, CaptureEntry>()
  /** Log position of each live capture: rows must come in capture order (the eviction tie-break). */
  readonly #position = new Map<string, number>()
  /** The last logged block per source (blocked until). */
  readonly #blocks = new Map<string, number>()
  #applied = 0
  #lastRowPosition = -1
  /** Ended signatures, only those in `watch` (rows that exist): memory stays bounded by the evidence table. */
  readonly #ended = new Set<string>()
  readonly #watch: ReadonlySet<string> | undefined

  /** watch: the signatures of the stored evidence rows (what "resurrected" can be said of); default all. */
  constructor(watch?: ReadonlySet<string>) {
    this.#watch = watch
  }

  /** The log's state at a checkpoint: live captures in capture order, and the blocks still running. */
  static restore(s: LogState, watch?: ReadonlySet<string>): EvidenceLog {
    const { live, blocks, applied } = s
    const log = new EvidenceLog(watch)
    live.forEach((c, i) => {
      log.#live.set(c.signature, c)
      log.#position.set(c.signature, i)
    })
    for (const [source, until] of blocks) log.#blocks.set(source, until)
    log.#applied = Math.max(applied, live.length)
    log.#bound = s.bound
    return log
  }

  /** What a checkpoint keeps of this log (blocks that end by `now` are left out). */
  state(now: number): LogState {
    return { live: [...this.#live.values()], blocks: this.runningBlocks(now), applied: this.#applied, bound: this.#bound }
  }

  /** Forgets blocks that ended by `now`: a long-running ledger's log stays bounded by the running ones. */
  pruneBlocks(now: number): void {
    for (const [source, until] of this.#blocks) if (until <= now) this.#blocks.delete(source)
  }

  /** Logged blocks running after `now`, by source. */
  runningBlocks(now: number): [string, number][] {
    return [...this.#blocks].filter(([, until]) => until > now).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  }
  /**
   * False until the first capture: records a schema-2 ledger wrote before captures were logged
   * (a migrated file puts every one of them before its first capture) end evidence the log never saw.
   */
  #bound = false
  /** Signatures of refused entries (already reported): what follows for them is not judged again. */
  readonly #tainted = new Set<string>()

  /** A refused entry named this signature: its state is unknown from here on. */
  taint(value: unknown): void {
    const sig = (value as { signature?: unknown } | null)?.signature
    if (typeof sig !== 'string') return
    this.#tainted.add(sig)
    this.#live.delete(sig)
    this.#ended.delete(sig)
  }

  /** Applies one entry; returns why it makes no sense in sequence, or undefined. */
  apply(entry: AuditEntry): string | undefined {
    const position = this.#applied++
    if (entry.type === 'block') {
      this.#blocks.set(entry.source, entry.blockedUntil)
      return undefined
    }
    if (entry.type === 'capture') {
      if (this.#live.has(entry.signature)) return 'captured again while still quarantined'
      this.#position.delete(entry.signature) // re-inserted last: Map order is capture order
      this.#live.delete(entry.signature)
      this.#position.set(entry.signature, position)
      this.#live.set(entry.signature, entry)
      this.#bound = true
      this.#ended.delete(entry.signature)
      return undefined
    }
    if (!this.#live.delete(entry.signature) && this.#bound && !this.#tainted.has(entry.signature)) {
      return `${isChainRecord(entry) ? entry.type : 'purge'} of evidence that is not quarantined`
    }
    this.#position.delete(entry.signature)
    if (!this.#watch || this.#watch.has(entry.signature)) this.#ended.add(entry.signature)
    return undefined
  }

  /** Checks one stored row against the log; call once per row, then `missing()`. */
  check(row: EvidenceColumns, seen: Set<string>): { kind: SetMismatch; detail: string } | undefined {
    if (seen.has(row.signature)) return { kind: 'evidence-duplicate', detail: 'a second row for this signature' }
    seen.add(row.signature)
    const logged = this.#live.get(row.signature)
    if (!logged) {
      if (this.#tainted.has(row.signature)) return undefined
      return this.#ended.has(row.signature)
        ? { kind: 'evidence-resurrected', detail: 'the audit log ended this evidence, yet the row is back' }
        : { kind: 'evidence-unlogged', detail: 'no capture in the audit log for this row' }
    }
    const changed = (['hash', 'size', 'severity', 'captured', 'compressed'] as const).filter((k) => logged[k] !== row[k])
    if (changed.length > 0) return { kind: 'evidence-altered', detail: `${changed.join(', ')} differ from the logged capture` }
    const position = this.#position.get(row.signature)!
    const inOrder = position > this.#lastRowPosition
    this.#lastRowPosition = Math.max(this.#lastRowPosition, position)
    return inOrder ? undefined : { kind: 'evidence-order', detail: 'rows are not in capture order (the eviction order would change)' }
  }

  /** A stored rate-limit block against the log; call once per row, then `missingBlocks()`. */
  checkBlock(source: string, blockedUntil: number, seen: Set<string>): { kind: SetMismatch; detail: string } | undefined {
    seen.add(source)
    const logged = this.#blocks.get(source)
    if (logged === undefined) return { kind: 'block-unlogged', detail: 'no block for this source in the audit log' }
    if (logged !== blockedUntil) return { kind: 'block-altered', detail: `blocked until ${blockedUntil}, the log says ${logged}` }
    return undefined
  }

  /** Logged blocks still running at `now` without a row: a lifted penalty. */
  missingBlocks(seen: Set<string>, now: number): string[] {
    return [...this.#blocks].filter(([s, until]) => until > now && !seen.has(s)).map(([s]) => s)
  }

  /** Live signatures without a row: deleted evidence. */
  missing(seen: Set<string>): string[] {
    return [...this.#live.keys()].filter((s) => !seen.has(s))
  }
}

/** The `hash` of something shaped like a chained record (even one refused), so the next link is judged on its own. */
export function chainHashOf(value: unknown): string | undefined {
  const o = value as Record<string, unknown> | null
  return typeof o === 'object' && o !== null && typeof o.hash === 'string' && typeof o.previousHash === 'string' ? o.hash : undefined
}
