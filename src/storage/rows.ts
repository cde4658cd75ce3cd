/** Row shapes of the ledger tables and the bodies their MACs cover (docs/storage.md). */

import type { AuditRecord, Severity } from '../core/index.js'

export interface EvidenceRow {
  seq: number
  signature: string
  hash: string
  size: number
  severity: string
  captured: number
  compressed: number
  bytes: Buffer
  kid: string | null
  mac: string | null
}

export interface AuditRow {
  idx: number
  id: string
  type: string
  signature: string
  timestamp: number
  previous_hash: string
  hash: string
  kid: string | null
  mac: string | null
}

export interface BlockRow {
  source: string
  blocked_until: number
  kid: string | null
  mac: string | null
}

export const blockMacBody = (source: string, blockedUntil: number) => ({ source, blockedUntil })

export interface TreeHeadRow {
  tree_size: number
  root_hash: string
  timestamp: number
  kid: string | null
  mac: string | null
}

/** The same body as the engine's EvidenceRecord MAC (docs/core.md). */
export const evidenceMacBody = (e: { signature: string; hash: string; size: number; severity: string; captured: number }) => ({
  signature: e.signature,
  hash: e.hash,
  size: e.size,
  severity: e.severity as Severity,
  captured: e.captured,
})

export const auditRecordFromRow = (r: AuditRow): AuditRecord => ({
  id: r.id,
  type: r.type as AuditRecord['type'],
  signature: r.signature,
  timestamp: r.timestamp,
  hash: r.hash,
  previousHash: r.previous_hash,
})

/** The record as the MAC covers it: the audit record fields in a fixed shape. */
export const auditMacBody = (r: AuditRecord) => ({
  id: r.id,
  type: r.type,
  signature: r.signature,
  timestamp: r.timestamp,
  previousHash: r.previousHash,
  hash: r.hash,
})
