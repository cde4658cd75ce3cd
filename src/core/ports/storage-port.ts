/**
 * The engine's persistence port (docs/storage.md): the engine stays pure and reports, synchronously,
 * each change that must survive a restart; an adapter (src/storage) turns the reports into
 * durable writes. Without a port nothing is called, so memory-only hosts pay nothing.
 */

import type { AuditChainOptions, AuditFrontier } from '../audit/audit-chain.js'
import type { BlockEntry, CaptureEntry, PurgeEntry } from '../audit/audit-entry.js'
import type { MacKeyring } from '../audit/mac.js'
import type { MerkleTree } from '../audit/merkle-tree.js'
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
  /** Where the audit log left off, over the adapter's `auditTree` (a durable ledger). */
  audit?: AuditFrontier
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
   * The durable audit tree (the ledger's node store behind it), at the size the adapter verified:
   * the engine's chain appends to this tree, so the adapter writes exactly the nodes, leaf indexes
   * and heads the engine computed. Without it the engine keeps its own tree in memory.
   */
  readonly auditTree?: MerkleTree
  /** The committed v1 record at a leaf, or undefined (with auditTree: records memory dropped). */
  recordAtLeaf?(leaf: number): AuditRecord | undefined
  /**
   * The one MAC keyring: the adapter's (the keys it verified with) until the engine sets its own,
   * at start and after every reload; rows and heads are signed with whatever it holds at commit.
   */
  keyring?: MacKeyring
}

/**
 * How many newest leaves' v1 records an engine keeps in memory when its storage serves older ones
 * (the tree's own recent nodes are the storage's bound).
 */
export const DURABLE_AUDIT_RETENTION = 4096

/** The audit chain options for an engine over `storage`: its durable tree, and records from storage. */
export function auditStoreOf(storage: StoragePort | undefined): Pick<AuditChainOptions, 'retain' | 'storage'> | undefined {
  if (!storage?.auditTree || !storage.recordAtLeaf) return undefined
  return { retain: DURABLE_AUDIT_RETENTION, storage: { tree: storage.auditTree, recordAtLeaf: (leaf) => storage.recordAtLeaf!(leaf) } }
}
