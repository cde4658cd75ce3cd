/** Row shapes of the ledger tables and the bodies their MACs cover (docs/storage.md). */

import type { Severity } from '../core/index.js'

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

/** One audit log entry: `entry` is its TH-CJSON-1 text, the Merkle leaf input and the MAC body. */
export interface AuditLogRow {
  idx: number
  entry: string
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

export interface AckRow {
  problem: string
  acknowledged_at: number
  kid: string | null
  mac: string | null
}

export const ackMacBody = (problem: string, acknowledgedAt: number) => ({ problem, acknowledgedAt })

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
