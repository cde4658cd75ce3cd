/**
 * Verification of a whole ledger file: at open from the last checkpoint forward (start time does
 * not grow with the ledger's age), or in full (`tracehound audit verify --full`, the daemon's
 * periodic check), which also recomputes every stored Merkle node. Memory stays bounded either way:
 * entries are checked as they stream past, and the evidence set is the quarantine's size.
 */

import { existsSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import {
  type MacKey,
  MacKeyring,
  MerkleTree,
  type MerkleTreeOptions,
  nodeCrypto,
  nodePosition,
  type StoredState,
  toHex,
} from '../core/index.js'
import { readCheckpoint } from './checkpoint.js'
import { LEDGER_CACHE_KIB, LEDGER_FILE } from './data-dir.js'
import { LedgerError } from './errors.js'
import { SCHEMA_VERSION } from './schema.js'
import { EvidenceLog } from './evidence-log.js'
import {
  emptyScan,
  type IntegrityProblem,
  type VerifiedLog,
  verifyAudit,
  verifyBlocks,
  verifyEvidence,
  verifyTreeHead,
} from './integrity.js'
import { StoredNodeStore, storedNodeReader } from './merkle-store.js'
import type { AuditLogRow, BlockRow, EvidenceRow, TreeHeadRow } from './rows.js'
import { checkTrustedHead, readHeadFile } from './trusted-head.js'

export interface VerifyLedgerOptions {
  keyring: MacKeyring
  now: number
  /** Ignore the checkpoint and compare every stored Merkle node with the recomputed one. */
  full?: boolean
  trustedHead?: string
  witness?: string
  /** Called every PROGRESS_EVERY entries and at the end: entries verified, entries to verify. */
  onProgress?: (done: number, total: number) => void
  /** Options for the resulting tree (the ledger adds its node sink); nodes beyond memory come from the file. */
  tree?: MerkleTreeOptions
}

export interface LedgerVerification {
  problems: IntegrityProblem[]
  scan: VerifiedLog
  evidence: StoredState['evidence']
  blocks: StoredState['blocks']
  /** The tree size verification started from (0: in full). */
  from: number
}

export const PROGRESS_EVERY = 65_536

/** Leaves whose nodes a verifying tree keeps in memory (appending needs only the frontier). */
const VERIFY_RECENT_LEAVES = 1024

/** Verifies the file behind `db` (read-only use; pruning expired blocks is the caller's). */
export function verifyLedger(db: Database.Database, o: VerifyLedgerOptions): LedgerVerification {
  const problems: IntegrityProblem[] = []
  // Each tree its own store: recent nodes in memory, older ones (a trusted head's proof) from the file.
  const treeOptions = (): MerkleTreeOptions => ({ store: new StoredNodeStore(db, { recentLeaves: VERIFY_RECENT_LEAVES }), ...o.tree })
  const watch = new Set(db.prepare('SELECT signature FROM evidence').pluck().all() as string[])
  const checkpoint = o.full ? undefined : readCheckpoint(db, o.keyring, problems, treeOptions())
  let start = emptyScan(new MerkleTree(nodeCrypto, treeOptions()))
  start.log = new EvidenceLog(watch)
  if (checkpoint) {
    const b = checkpoint.body
    start = {
      tree: checkpoint.tree,
      log: EvidenceLog.restore({ ...b, applied: b.treeSize }, watch),
      signed: true,
      records: b.records,
      lastHash: b.lastHash,
    }
    // A log cut below the checkpoint would otherwise pass unseen until the next full check.
    if (b.treeSize > 0 && db.prepare('SELECT 1 FROM audit_log WHERE idx = ?').get(b.treeSize - 1) === undefined) {
      problems.push({
        kind: 'audit-gap',
        id: `leaf ${b.treeSize - 1}`,
        detail: `the checkpoint covers ${b.treeSize} entries, but leaf ${b.treeSize - 1} is gone`,
      })
    }
  }
  const from = start.tree.size
  const head = db.prepare('SELECT * FROM tree_head').get() as TreeHeadRow | undefined
  const total = Math.max(head?.tree_size ?? 0, from)
  const rows = progress(
    db.prepare('SELECT * FROM audit_log WHERE idx >= ? ORDER BY idx').iterate(from) as Iterable<AuditLogRow>,
    from,
    total,
    o.onProgress,
  )
  const scan = o.full ? verifyNodes(rows, o.keyring, problems, start, db) : verifyAudit(rows, o.keyring, problems, start)
  verifyTreeHead(head, scan.tree, o.keyring, problems, scan.signed)
  if (o.trustedHead !== undefined) checkTrustedHead(readHeadFile(o.trustedHead)!, o.trustedHead, scan.tree, o.keyring, problems)
  const witnessed = o.witness !== undefined ? readHeadFile(o.witness, { missingOk: true }) : undefined
  if (witnessed) checkTrustedHead(witnessed, `witness ${o.witness}`, scan.tree, o.keyring, problems)
  const evidence = verifyEvidence(
    db.prepare('SELECT * FROM evidence ORDER BY seq').iterate() as Iterable<EvidenceRow>,
    scan.log,
    o.keyring,
    problems,
    scan.signed,
  )
  const blockRows = db.prepare('SELECT * FROM rate_block WHERE blocked_until > ?').iterate(o.now) as Iterable<BlockRow>
  const blocks = verifyBlocks(blockRows, scan.log, o.now, o.keyring, problems, scan.signed)
  return { problems, scan, evidence, blocks, from }
}

function* progress<T>(rows: Iterable<T>, from: number, total: number, report: VerifyLedgerOptions['onProgress']): Iterable<T> {
  let done = from
  for (const row of rows) {
    yield row
    if (++done % PROGRESS_EVERY === 0) report?.(done, total)
  }
  report?.(done, total)
}

/** verifyAudit, also comparing every node the rebuilt tree makes with the stored one. */
function verifyNodes(
  rows: Iterable<AuditLogRow>,
  keyring: MacKeyring,
  problems: IntegrityProblem[],
  start: VerifiedLog,
  db: Database.Database,
): VerifiedLog {
  let differ = 0
  let first = ''
  const read = storedNodeReader(db)
  const tree = MerkleTree.fromFrontier(nodeCrypto, start.tree.size, start.tree.frontier(), {
    store: new StoredNodeStore(db, { recentLeaves: VERIFY_RECENT_LEAVES }),
    onNode: (level, index, hash) => {
      const stored = read(level, index)
      if (stored !== undefined && toHex(stored) === toHex(hash)) return
      if (differ++ === 0)
        first = `level ${level} index ${index} (position ${nodePosition(level, index)}) ${stored ? 'differs' : 'is missing'}`
    },
  })
  const scan = verifyAudit(rows, keyring, problems, { ...start, tree })
  if (differ > 0)
    problems.push({
      kind: 'tree-node',
      id: 'merkle_node',
      detail: `${differ} stored Merkle node(s) differ from the tree rebuilt from the log; first: ${first}`,
    })
  return scan
}

/** What a full verification found. */
export interface FullVerification {
  /** Every integrity problem (acknowledged ones too: a full check does not read acknowledgements). */
  problems: IntegrityProblem[]
  /** Audit log entries verified (the rebuilt tree's size). */
  entries: number
  /** Evidence rows that verified. */
  evidenceRows: number
}

/**
 * `tracehound audit verify --full` and the daemon's periodic check: the whole file, read-only (a
 * running daemon may keep writing; this reads one snapshot), every entry and every stored node.
 */
export function verifyLedgerFile(
  dataDir: string,
  o: { macKeys?: readonly MacKey[]; now?: number; onProgress?: VerifyLedgerOptions['onProgress'] } = {},
): FullVerification {
  const path = join(dataDir, LEDGER_FILE)
  if (!existsSync(path)) throw new LedgerError(`no ledger at ${path}`)
  const db = new Database(path, { readonly: true, fileMustExist: true })
  db.pragma(`cache_size = -${LEDGER_CACHE_KIB}`)
  try {
    const version = db.pragma('user_version', { simple: true }) as number
    if (version !== SCHEMA_VERSION)
      throw new LedgerError(
        `${path} has schema version ${version}, this build ${SCHEMA_VERSION}: open it once with this build (tracehoundd) first`,
      )
    const keyring = new MacKeyring(o.macKeys ?? [], nodeCrypto)
    const v = db.transaction(() =>
      verifyLedger(db, { keyring, now: o.now ?? Date.now(), full: true, ...(o.onProgress && { onProgress: o.onProgress }) }),
    )()
    return { problems: v.problems, entries: v.scan.tree.size, evidenceRows: v.evidence.length }
  } finally {
    db.close()
  }
}
