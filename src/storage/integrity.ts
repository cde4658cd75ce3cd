/**
 * Verification on open: every audit record's hash and link, the Merkle tree rebuilt from the
 * records against the stored tree head, every evidence row's bytes, and every MAC. Each problem
 * names the record (audit id, evidence signature, or the tree head) it was found in.
 */

import type { AuditRecord, MacKeyring, StoredEvidence, StoredState } from '../core/index.js'
import { GENESIS_HASH, SEVERITIES, THREAT_CATEGORIES } from '../core/index.js'
import { auditRecordHashInput } from '../core/audit-record.js'
import { fromHex, toHex } from '../core/crypto-port.js'
import { MerkleTree } from '../core/merkle-tree.js'
import { nodeCrypto } from '../core/node-crypto.js'
import {
  type AuditRow,
  auditMacBody,
  auditRecordFromRow,
  type BlockRow,
  blockMacBody,
  type EvidenceRow,
  evidenceMacBody,
  type TreeHeadRow,
} from './rows.js'

export type ProblemKind =
  | 'audit-hash'
  | 'audit-link'
  | 'audit-gap'
  | 'audit-mac'
  | 'evidence-hash'
  | 'evidence-invalid'
  | 'evidence-mac'
  | 'tree-head'
  | 'tree-head-mac'
  | 'block-mac'
  | 'unknown-kid'

export interface IntegrityProblem {
  kind: ProblemKind
  /** Audit record id, evidence signature, "tree-head", or the blocked source. */
  id: string
  detail: string
}

export interface VerifiedState {
  problems: IntegrityProblem[]
  records: AuditRecord[]
  /** Only evidence that verified; a tampered row is reported and left out. */
  evidence: StoredEvidence[]
  tree: MerkleTree
}

const HEX64 = /^[0-9a-f]{64}$/

/** Checks a row's MAC: absent is allowed (written without a key), unknown kid or mismatch is not. */
function checkMac(keyring: MacKeyring, body: object, row: { kid: string | null; mac: string | null }): 'ok' | 'unknown-kid' | 'bad' {
  if (row.kid === null || row.mac === null) return 'ok'
  if (!keyring.kids.includes(row.kid)) return 'unknown-kid'
  return keyring.verify(body, { kid: row.kid, mac: row.mac }) ? 'ok' : 'bad'
}

export function verifyAudit(rows: Iterable<AuditRow>, keyring: MacKeyring, problems: IntegrityProblem[]): { records: AuditRecord[]; tree: MerkleTree } {
  const records: AuditRecord[] = []
  const tree = new MerkleTree(nodeCrypto)
  let expectedPrevious = GENESIS_HASH
  for (const row of rows) {
    const r = auditRecordFromRow(row)
    if (row.idx !== records.length) problems.push({ kind: 'audit-gap', id: r.id, detail: `leaf index ${row.idx}, expected ${records.length}` })
    if (r.previousHash !== expectedPrevious) {
      problems.push({ kind: 'audit-link', id: r.id, detail: `previousHash does not match the hash of the record before it` })
    }
    const recomputed = nodeCrypto.sha256Hex(auditRecordHashInput(r))
    if (recomputed !== r.hash) problems.push({ kind: 'audit-hash', id: r.id, detail: `stored hash ${r.hash}, recomputed ${recomputed}` })
    const mac = checkMac(keyring, auditMacBody(r), row)
    if (mac === 'bad') problems.push({ kind: 'audit-mac', id: r.id, detail: `MAC (kid ${row.kid}) does not verify` })
    if (mac === 'unknown-kid') problems.push({ kind: 'unknown-kid', id: r.id, detail: `MAC key ${row.kid} is not configured` })
    // The tree takes the stored hash as it is: a tampered hash is reported above, the tree stays whole.
    tree.append(HEX64.test(r.hash) ? fromHex(r.hash) : nodeCrypto.sha256(r.hash))
    records.push(r)
    expectedPrevious = r.hash
  }
  return { records, tree }
}

export function verifyTreeHead(head: TreeHeadRow | undefined, tree: MerkleTree, keyring: MacKeyring, problems: IntegrityProblem[]): void {
  if (!head) {
    if (tree.size > 0) problems.push({ kind: 'tree-head', id: 'tree-head', detail: `no stored tree head for ${tree.size} records` })
    return
  }
  if (head.tree_size !== tree.size) {
    problems.push({ kind: 'tree-head', id: 'tree-head', detail: `stored tree size ${head.tree_size}, records ${tree.size} (truncated or extended)` })
  } else if (head.root_hash !== toHex(tree.root())) {
    problems.push({ kind: 'tree-head', id: 'tree-head', detail: `stored root ${head.root_hash} differs from the root rebuilt from the records` })
  }
  const body = { treeSize: head.tree_size, rootHash: head.root_hash, timestamp: head.timestamp }
  const mac = checkMac(keyring, body, head)
  if (mac === 'bad') problems.push({ kind: 'tree-head-mac', id: 'tree-head', detail: `MAC (kid ${head.kid}) does not verify` })
  if (mac === 'unknown-kid') problems.push({ kind: 'unknown-kid', id: 'tree-head', detail: `MAC key ${head.kid} is not configured` })
}

/** Blocks with a bad MAC are reported and not restored (a forged row must not block anyone). */
export function verifyBlocks(rows: Iterable<BlockRow>, keyring: MacKeyring, problems: IntegrityProblem[]): StoredState['blocks'] {
  const out: StoredState['blocks'] = []
  for (const row of rows) {
    const mac = checkMac(keyring, blockMacBody(row.source, row.blocked_until), row)
    if (mac === 'bad') problems.push({ kind: 'block-mac', id: row.source, detail: `MAC (kid ${row.kid}) does not verify` })
    if (mac === 'unknown-kid') problems.push({ kind: 'unknown-kid', id: row.source, detail: `MAC key ${row.kid} is not configured` })
    if (mac === 'ok') out.push({ source: row.source, blockedUntil: row.blocked_until })
  }
  return out
}

export function verifyEvidence(rows: Iterable<EvidenceRow>, keyring: MacKeyring, problems: IntegrityProblem[]): StoredEvidence[] {
  const out: StoredEvidence[] = []
  for (const row of rows) {
    const before = problems.length
    const [category, hashPart] = row.signature.split(':')
    const valid =
      THREAT_CATEGORIES.includes(category as never) &&
      hashPart === row.hash &&
      SEVERITIES.includes(row.severity as never) &&
      row.bytes.length === row.size &&
      row.size > 0
    if (!valid) problems.push({ kind: 'evidence-invalid', id: row.signature, detail: 'signature, severity or size is malformed' })
    else if (row.compressed === 0 && nodeCrypto.sha256Hex(row.bytes) !== row.hash) {
      problems.push({ kind: 'evidence-hash', id: row.signature, detail: 'bytes do not hash to the stored hash' })
    }
    const mac = checkMac(keyring, evidenceMacBody(row), row)
    if (mac === 'bad') problems.push({ kind: 'evidence-mac', id: row.signature, detail: `MAC (kid ${row.kid}) does not verify` })
    if (mac === 'unknown-kid') problems.push({ kind: 'unknown-kid', id: row.signature, detail: `MAC key ${row.kid} is not configured` })
    if (problems.length !== before) continue
    // Own ArrayBuffer: the engine's Evidence wants exactly its bytes.
    const bytes = row.bytes.buffer.slice(row.bytes.byteOffset, row.bytes.byteOffset + row.bytes.byteLength) as ArrayBuffer
    out.push({ bytes, signature: row.signature, hash: row.hash, severity: row.severity as StoredEvidence['severity'], captured: row.captured, compressed: row.compressed !== 0 })
  }
  return out
}
