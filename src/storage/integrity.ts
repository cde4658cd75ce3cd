/**
 * Verification on open: every audit entry against its schema, every v1 record's hash and link,
 * the Merkle tree rebuilt from the entries against the stored tree head, the evidence rows against
 * the evidence set the log implies and against their own bytes, and every MAC. Each problem names
 * the record (audit id, evidence signature, leaf, or the tree head) it was found in.
 */

import {
  type AuditEntry,
  auditRecordHashInput,
  canonicalize,
  checkAuditEntry,
  GENESIS_HASH,
  isChainRecord,
  type Mac,
  type MacKeyring,
  MerkleTree,
  nodeCrypto,
  SEVERITIES,
  type StoredEvidence,
  type StoredState,
  THREAT_CATEGORIES,
  toHex,
} from '../core/index.js'
import { chainHashOf, EvidenceLog, type SetMismatch } from './evidence-log.js'
import { type AuditLogRow, type BlockRow, blockMacBody, type EvidenceRow, evidenceMacBody, type TreeHeadRow } from './rows.js'

/** What verification found wrong with a ledger row. */
export type ProblemKind =
  | 'audit-entry'
  | 'audit-hash'
  | 'audit-link'
  | 'audit-gap'
  | 'audit-mac'
  | 'audit-sequence'
  | SetMismatch
  | 'evidence-hash'
  | 'evidence-invalid'
  | 'evidence-mac'
  | 'tree-head'
  | 'tree-head-mac'
  | 'rollback'
  | 'fork'
  | 'block-mac'
  | 'unknown-kid'
  | 'checkpoint'
  | 'tree-node'

/** One finding of the ledger's verification: its kind, the row id and a human-readable detail. */
export interface IntegrityProblem {
  kind: ProblemKind
  /** Audit record id, evidence signature, "leaf N", "tree-head", or the blocked source. */
  id: string
  detail: string
}

type MacResult = 'ok' | 'unknown-kid' | 'bad' | 'half' | 'unsigned'

/**
 * Checks a row's MAC. No MAC is allowed for rows written without a key, unless `required` (the
 * log was signed before: an unsigned row after that is one an attacker wrote); a kid without a
 * MAC (or the reverse), an unknown kid or a mismatch is never allowed.
 */
function checkMac(keyring: MacKeyring, body: object, row: { kid: string | null; mac: string | null }, required = false): MacResult {
  return checkMacBy(keyring, (mac) => keyring.verify(body, mac), row, required)
}

/** checkMac with the MAC check given (an audit entry's is over its stored text). */
function checkMacBy(
  keyring: MacKeyring,
  verify: (mac: Mac) => boolean,
  row: { kid: string | null; mac: string | null },
  required: boolean,
): MacResult {
  if (row.kid === null && row.mac === null) return required ? 'unsigned' : 'ok'
  if (row.kid === null || row.mac === null) return 'half'
  if (!keyring.kids.includes(row.kid)) return 'unknown-kid'
  return verify({ kid: row.kid, mac: row.mac }) ? 'ok' : 'bad'
}

function macProblem(kind: ProblemKind, id: string, row: { kid: string | null }, result: MacResult): IntegrityProblem | undefined {
  if (result === 'bad') return { kind, id, detail: `MAC (kid ${row.kid}) does not verify` }
  if (result === 'half') return { kind, id, detail: 'a key id without a MAC, or a MAC without a key id' }
  if (result === 'unsigned') return { kind, id, detail: 'no MAC, although the audit log is signed: written without the key' }
  if (result === 'unknown-kid') return { kind: 'unknown-kid', id, detail: `MAC key ${row.kid} is not configured` }
  return undefined
}

/** What a problem names an entry by: a record's id, a block's source, otherwise the evidence signature. */
export const entryId = (e: AuditEntry): string => (isChainRecord(e) ? e.id : e.type === 'block' ? e.source : e.signature)

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** The entry of a row, or why it is not one (not JSON, outside the schema, not canonical). */
function parseEntry(row: AuditLogRow): AuditEntry | string {
  const value = tryParse(row.entry)
  if (value === undefined) return 'not JSON'
  try {
    const entry = checkAuditEntry(value)
    return canonicalize(entry) === row.entry ? entry : 'not in TH-CJSON-1 form'
  } catch (e) {
    return (e as Error).message
  }
}

export interface VerifiedLog {
  tree: MerkleTree
  log: EvidenceLog
  /** Keys are configured and the log holds signed entries: every later row must be signed. */
  signed: boolean
  /** The v1 chain after the scan: record count and last hash. */
  records: number
  lastHash: string
}

/** Where a scan starts: the empty log, or a verified checkpoint. */
export type ScanStart = VerifiedLog

export const emptyScan = (tree: MerkleTree = new MerkleTree(nodeCrypto)): ScanStart => ({
  tree,
  log: new EvidenceLog(),
  signed: false,
  records: 0,
  lastHash: GENESIS_HASH,
})

/**
 * Verifies audit_log rows in idx order, appending them to `start.tree` (which starts at the first
 * row's idx). Entries are checked and dropped as they pass: memory does not grow with the log.
 */
export function verifyAudit(
  rows: Iterable<AuditLogRow>,
  keyring: MacKeyring,
  problems: IntegrityProblem[],
  start: ScanStart = emptyScan(),
): VerifiedLog {
  const { tree, log } = start
  let expectedPrevious = start.lastHash
  let previousIdx = tree.size - 1
  let signed = start.signed
  let records = start.records
  for (const row of rows) {
    const idxJump = row.idx !== previousIdx + 1 ? `leaf index ${row.idx} follows ${previousIdx}` : undefined
    previousIdx = row.idx
    const parsed = parseEntry(row)
    // The tree takes the stored bytes as they are: a tampered entry is reported below, the tree stays whole.
    const index = tree.appendText(row.entry)
    if (typeof parsed === 'string') {
      problems.push({ kind: 'audit-entry', id: `leaf ${row.idx}`, detail: parsed })
      // One bad entry is one problem: not also the next link or its evidence's sequence.
      const value = tryParse(row.entry)
      expectedPrevious = chainHashOf(value) ?? expectedPrevious
      log.taint(value)
      continue
    }
    const id = entryId(parsed)
    if (idxJump) problems.push({ kind: 'audit-gap', id, detail: `${idxJump} (leaf ${index})` })
    if (isChainRecord(parsed)) {
      if (parsed.previousHash !== expectedPrevious) {
        problems.push({ kind: 'audit-link', id, detail: 'previousHash does not match the hash of the record before it' })
      }
      const recomputed = nodeCrypto.sha256Hex(auditRecordHashInput(parsed))
      if (recomputed !== parsed.hash)
        problems.push({ kind: 'audit-hash', id, detail: `stored hash ${parsed.hash}, recomputed ${recomputed}` })
      expectedPrevious = parsed.hash
      records++
    }
    const out = log.apply(parsed)
    if (out) problems.push({ kind: 'audit-sequence', id, detail: `leaf ${index}: ${out}` })
    // parseEntry found the stored text to be the entry's TH-CJSON-1 form: the MAC body as it is.
    const mac = macProblem(
      'audit-mac',
      id,
      row,
      checkMacBy(keyring, (m) => keyring.verifyCanonical(row.entry, m), row, signed),
    )
    if (mac) problems.push(mac)
    signed ||= keyring.enabled && row.mac !== null
  }
  return { tree, log, signed, records, lastHash: expectedPrevious }
}

export function verifyTreeHead(
  head: TreeHeadRow | undefined,
  tree: MerkleTree,
  keyring: MacKeyring,
  problems: IntegrityProblem[],
  signed = false,
): void {
  if (!head) {
    if (tree.size > 0) problems.push({ kind: 'tree-head', id: 'tree-head', detail: `no stored tree head for ${tree.size} entries` })
    return
  }
  if (head.tree_size !== tree.size) {
    problems.push({
      kind: 'tree-head',
      id: 'tree-head',
      detail: `stored tree size ${head.tree_size}, entries ${tree.size} (truncated or extended)`,
    })
  } else if (head.root_hash !== toHex(tree.root())) {
    problems.push({
      kind: 'tree-head',
      id: 'tree-head',
      detail: `stored root ${head.root_hash} differs from the root rebuilt from the entries`,
    })
  }
  const body = { treeSize: head.tree_size, rootHash: head.root_hash, timestamp: head.timestamp }
  const mac = macProblem('tree-head-mac', 'tree-head', head, checkMac(keyring, body, head, signed))
  if (mac) problems.push(mac)
}

/**
 * Blocks against the log and their MAC; a row with a problem is reported and not restored (a
 * forged row must not block anyone). Rows that expired by `now` were pruned before this.
 */
export function verifyBlocks(
  rows: Iterable<BlockRow>,
  log: EvidenceLog,
  now: number,
  keyring: MacKeyring,
  problems: IntegrityProblem[],
  signed = false,
): StoredState['blocks'] {
  const out: StoredState['blocks'] = []
  const seen = new Set<string>()
  for (const row of rows) {
    const before = problems.length
    const mismatch = log.checkBlock(row.source, row.blocked_until, seen)
    if (mismatch) problems.push({ ...mismatch, id: row.source })
    const mac = macProblem('block-mac', row.source, row, checkMac(keyring, blockMacBody(row.source, row.blocked_until), row, signed))
    if (mac) problems.push(mac)
    if (problems.length === before) out.push({ source: row.source, blockedUntil: row.blocked_until })
  }
  for (const source of log.missingBlocks(seen, now)) {
    problems.push({ kind: 'block-missing', id: source, detail: 'the audit log holds a running block for this source, but its row is gone' })
  }
  return out
}

/** Evidence rows against themselves, their MAC and the log's evidence set; only clean rows are restored. */
export function verifyEvidence(
  rows: Iterable<EvidenceRow>,
  log: EvidenceLog,
  keyring: MacKeyring,
  problems: IntegrityProblem[],
  signed = false,
): StoredEvidence[] {
  const out: StoredEvidence[] = []
  const seen = new Set<string>()
  for (const row of rows) {
    const before = problems.length
    const [category, hashPart] = row.signature.split(':')
    const valid =
      THREAT_CATEGORIES.includes(category as never) &&
      hashPart === row.hash &&
      SEVERITIES.includes(row.severity as never) &&
      row.bytes.length === row.size &&
      row.size > 0 &&
      (row.compressed === 0 || row.compressed === 1)
    if (!valid)
      problems.push({ kind: 'evidence-invalid', id: row.signature, detail: 'signature, severity, size or compressed flag is malformed' })
    else if (row.compressed === 0 && nodeCrypto.sha256Hex(row.bytes) !== row.hash) {
      problems.push({ kind: 'evidence-hash', id: row.signature, detail: 'bytes do not hash to the stored hash' })
    }
    const mismatch = log.check({ ...row, compressed: row.compressed !== 0 }, seen)
    if (mismatch) problems.push({ ...mismatch, id: row.signature })
    const mac = macProblem('evidence-mac', row.signature, row, checkMac(keyring, evidenceMacBody(row), row, signed))
    if (mac) problems.push(mac)
    if (problems.length !== before) continue
    // Own ArrayBuffer: the engine's Evidence wants exactly its bytes.
    const bytes = row.bytes.buffer.slice(row.bytes.byteOffset, row.bytes.byteOffset + row.bytes.byteLength) as ArrayBuffer
    out.push({
      bytes,
      signature: row.signature,
      hash: row.hash,
      severity: row.severity as StoredEvidence['severity'],
      captured: row.captured,
      compressed: row.compressed !== 0,
    })
  }
  for (const signature of log.missing(seen)) {
    problems.push({ kind: 'evidence-missing', id: signature, detail: 'the audit log holds it as quarantined, but its row is gone' })
  }
  return out
}
