/**
 * The engine's persistence port (DESIGN §10): the engine stays pure and reports, synchronously,
 * each change that must survive a restart; an adapter (src/storage) turns the reports into
 * durable writes. Without a port nothing is called, so memory-only hosts pay nothing.
 */

import type { AuditEntry, BlockEntry, CaptureEntry, PurgeEntry } from './audit-entry.js'
import type { AuditRecord, EvidenceHandle, Severity } from './types.js'

/** Evidence as an earlier run stored it, in quarantine insertion order. */
export interface StoredEvidence {
  bytes: ArrayBuffer
  signature: string
  hash: string
  severity: Severity
  captured: number
  compressed: boolean
}

/** What an adapter hands back at start: already verified by the adapter. */
export interface StoredState {
  evidence: StoredEvidence[]
  /** Every audit log entry (v1 records, captures, purges) in leaf order. */
  entries: AuditEntry[]
  /** Rate-limit blocks still running. */
  blocks: { source: string; blockedUntil: number }[]
}

/**
 * What the engine needs from durable storage: it reports every change and restores from
 * verified state (the SQLite ledger implements it).
 */
export interface StoragePort {
  /** The state to restore; called once, before any report. */
  load(): StoredState
  /** Evidence entered quarantine (its bytes are readable now: the handle is live), logged as `capture`. */
  evidenceInserted(evidence: EvidenceHandle, capture: CaptureEntry): void
  /** Evidence left quarantine: with the v1 audit record it produced, or the purge entry (v1: no record). */
  evidenceRemoved(signature: string, entry: AuditRecord | PurgeEntry): void
  /** A source was blocked: a restart must not lift the penalty. */
  sourceBlocked(source: string, blockedUntil: number, entry: BlockEntry): void
  /** Makes every report so far durable; throws when it cannot. */
  commit(): void
}
