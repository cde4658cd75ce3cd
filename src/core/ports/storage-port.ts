/**
 * The engine's persistence port (docs/storage.md): the engine stays pure and reports, synchronously,
 * each change that must survive a restart; an adapter (src/storage) turns the reports into
 * durable writes. Without a port nothing is called, so memory-only hosts pay nothing.
 */

import type { AuditChainOptions, AuditFrontier } from '../audit/audit-chain.js'
import type { AuditEntry, BlockEntry, CaptureEntry, PurgeEntry } from '../audit/audit-entry.js'
import type { Bytes } from './crypto-port.js'
import type { AuditRecord, EvidenceHandle, Severity } from '../types.js'

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
  /** Where the audit log left off (a durable ledger); `entries` then follow it. */
  audit?: AuditFrontier
  /** Audit log entries (v1 records, captures, purges, blocks) in leaf order, after `audit` if given. */
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
  /**
   * A committed Merkle node (level 0: leaf hashes), for proofs about leaves memory no longer
   * holds; with it (and recordAtLeaf) the engine keeps only recent audit state in memory.
   */
  treeNode?(level: number, index: number): Bytes | undefined
  /** The committed v1 record at a leaf, or undefined. */
  recordAtLeaf?(leaf: number): AuditRecord | undefined
}

/**
 * How many newest leaves an engine keeps in memory when its storage serves older ones (about
 * 2 MB of records and nodes). Proofs about older leaves read committed nodes, so a commit batch
 * larger than this could briefly leave a proof unanswerable (RetentionError) until it commits.
 */
export const DURABLE_AUDIT_RETENTION = 4096

/** The audit chain options for an engine over `storage`: bounded memory when storage serves old state. */
export function auditStoreOf(storage: StoragePort | undefined): Pick<AuditChainOptions, 'retain' | 'storage'> | undefined {
  if (!storage?.treeNode || !storage.recordAtLeaf) return undefined
  return { retain: DURABLE_AUDIT_RETENTION, storage: { treeNode: (l, i) => storage.treeNode!(l, i), recordAtLeaf: (leaf) => storage.recordAtLeaf!(leaf) } }
}
