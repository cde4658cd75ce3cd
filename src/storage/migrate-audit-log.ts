/**
 * Schema 2 → 3: the `audit` table (v1 record columns, leaf = the record hash) becomes `audit_log`
 * (one TH-CJSON-1 entry per row, leaf = the whole entry), and every live evidence row and rate-limit
 * block is logged (capture, block), so both are bound from now on. The tree head is rebuilt only if the
 * schema-2 head verified against the schema-2 tree: a truncated or tampered file stays reported.
 */

import type { Database } from 'better-sqlite3'
import { type BlockEntry, canonicalize, type CaptureEntry, fromHex, MerkleTree, nodeCrypto, type Severity, toHex } from '../core/index.js'
import type { EvidenceRow, TreeHeadRow } from './rows.js'
import type { MigrationContext } from './schema.js'

interface V2AuditRow {
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

const HEX64 = /^[0-9a-f]{64}$/

export function migrateToAuditLog(db: Database, { keyring, now }: MigrationContext): string {
  db.exec(`
    -- The audit log: idx is the Merkle leaf index; entry is the leaf input (TH-CJSON-1 of the
    -- whole entry: a v1 record, a capture or a purge); the MAC covers the same bytes.
    CREATE TABLE audit_log (
      idx   INTEGER PRIMARY KEY,
      entry TEXT NOT NULL,
      kid   TEXT,
      mac   TEXT
    );
  `)
  // Acknowledgements are MAC'd from now on (rows from schema 2 count only while no key is configured).
  db.exec('ALTER TABLE acknowledged_problem ADD COLUMN kid TEXT; ALTER TABLE acknowledged_problem ADD COLUMN mac TEXT')
  const insert = db.prepare('INSERT INTO audit_log (idx, entry, kid, mac) VALUES (?, ?, ?, ?)')
  const v2Tree = new MerkleTree(nodeCrypto)
  const tree = new MerkleTree(nodeCrypto)
  let next = 0
  let records = 0
  for (const r of db.prepare('SELECT * FROM audit ORDER BY idx').all() as V2AuditRow[]) {
    const entry = canonicalize({
      id: r.id,
      type: r.type,
      signature: r.signature,
      timestamp: r.timestamp,
      previousHash: r.previous_hash,
      hash: r.hash,
    })
    // Same MAC body as schema 2 ({id, type, signature, timestamp, previousHash, hash}): the MAC carries over.
    insert.run(r.idx, entry, r.kid, r.mac)
    v2Tree.append(HEX64.test(r.hash) ? fromHex(r.hash) : nodeCrypto.sha256(r.hash))
    tree.appendText(entry)
    next = r.idx + 1
    records++
  }
  let captures = 0
  for (const e of db.prepare('SELECT * FROM evidence ORDER BY seq').all() as EvidenceRow[]) {
    const capture: CaptureEntry = {
      type: 'capture',
      signature: e.signature,
      hash: e.hash,
      size: e.size,
      severity: e.severity as Severity,
      captured: e.captured,
      compressed: e.compressed !== 0,
    }
    const mac = keyring.sign(capture)
    const entry = canonicalize(capture)
    insert.run(next++, entry, mac?.kid ?? null, mac?.mac ?? null)
    tree.appendText(entry)
    captures++
  }
  let blocks = 0
  for (const b of db.prepare('SELECT source, blocked_until FROM rate_block ORDER BY source').all() as {
    source: string
    blocked_until: number
  }[]) {
    const block: BlockEntry = { type: 'block', source: b.source, blockedUntil: b.blocked_until }
    const mac = keyring.sign(block)
    const entry = canonicalize(block)
    insert.run(next++, entry, mac?.kid ?? null, mac?.mac ?? null)
    tree.appendText(entry)
    blocks++
  }
  db.exec('DROP TABLE audit')

  const head = db.prepare('SELECT * FROM tree_head').get() as TreeHeadRow | undefined
  const why = v2HeadProblem(head, v2Tree, keyring)
  const moved = `${records} audit records moved to audit_log (leaf = the whole record), ${captures} live evidence rows logged as captures, ${blocks} rate-limit blocks logged`
  if (why) return `${moved}; tree head left as it was (${why}): it will not match and stays reported`
  const body = { treeSize: tree.size, rootHash: toHex(tree.root()), timestamp: head?.timestamp ?? now }
  const mac = keyring.sign(body)
  db.prepare('INSERT OR REPLACE INTO tree_head (one, tree_size, root_hash, timestamp, kid, mac) VALUES (1, ?, ?, ?, ?, ?)').run(
    body.treeSize,
    body.rootHash,
    body.timestamp,
    mac?.kid ?? null,
    mac?.mac ?? null,
  )
  return `${moved}; tree head rebuilt: size ${body.treeSize}, root ${body.rootHash}`
}

/** Why the schema-2 head cannot be vouched for, or undefined. */
function v2HeadProblem(head: TreeHeadRow | undefined, v2Tree: MerkleTree, keyring: MacKeyringLike): string | undefined {
  if (!head) return v2Tree.size === 0 ? undefined : `no stored head for ${v2Tree.size} records`
  if (head.tree_size !== v2Tree.size) return `stored size ${head.tree_size}, records ${v2Tree.size}`
  if (head.root_hash !== toHex(v2Tree.root())) return 'stored root differs from the records'
  if (head.kid !== null && head.mac !== null) {
    if (!keyring.kids.includes(head.kid)) return `its MAC key ${head.kid} is not configured`
    if (
      !keyring.verify({ treeSize: head.tree_size, rootHash: head.root_hash, timestamp: head.timestamp }, { kid: head.kid, mac: head.mac })
    ) {
      return 'its MAC does not verify'
    }
  }
  return undefined
}

type MacKeyringLike = MigrationContext['keyring']
