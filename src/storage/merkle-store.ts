/**
 * The Merkle tree on disk (schema 4): every complete node, leaves included, one row each in
 * `merkle_node`, keyed by its in-order position (nodePosition). A proof reads O(log n) of them by
 * primary key, so proofs about any leaf are served without the log in memory; the tree in memory
 * is its frontier plus recent nodes (MerkleTree's retain bound).
 */

import type { Database } from 'better-sqlite3'
import { type Bytes, MerkleTree, type MerkleTreeOptions, nodeCrypto, nodePosition } from '../core/index.js'

/** Leaves whose nodes the ledger's own tree keeps in memory (the rest are read from disk). */
export const LEDGER_TREE_RETENTION = 1024

export const NODE_INSERT_SQL = 'INSERT OR REPLACE INTO merkle_node (pos, hash) VALUES (?, ?)'

/**
 * Reads stored nodes; keeps the last `cache` of them (a proof's upper nodes repeat from call to
 * call, an export's from leaf to leaf). Cleared when full: bounded, and no bookkeeping per hit.
 */
export function storedNodes(db: Database, cache = 4096): (level: number, index: number) => Bytes | undefined {
  const get = db.prepare('SELECT hash FROM merkle_node WHERE pos = ?').pluck()
  const seen = new Map<number, Bytes>()
  return (level, index) => {
    const pos = nodePosition(level, index)
    const hit = seen.get(pos)
    if (hit) return hit
    const hash = get.get(pos) as Uint8Array | undefined
    if (!hash || hash.length !== 32) return undefined
    if (seen.size >= cache) seen.clear()
    seen.set(pos, hash)
    return hash
  }
}

/** The frontier of the stored tree of `size` leaves, or undefined when a node is missing. */
export function storedFrontier(read: (level: number, index: number) => Bytes | undefined, size: number): Bytes[] | undefined {
  const out: Bytes[] = []
  for (let j = 0, width = 1; width <= size; j++, width *= 2) {
    const count = Math.floor(size / width)
    if (count % 2 === 0) continue
    const node = read(j, count - 1)
    if (!node) return undefined
    out.unshift(node)
  }
  return out
}

/** The stored tree of `size` leaves, read from disk as proofs need it (an export, a proof for a CLI). */
export function storedTree(db: Database, size: number, options: MerkleTreeOptions = {}): MerkleTree | undefined {
  const read = storedNodes(db)
  const frontier = storedFrontier(read, size)
  return frontier && MerkleTree.fromFrontier(nodeCrypto, size, frontier, { retain: 1, olderNode: read, ...options })
}

/** Schema 3 → 4: the node and checkpoint tables; the nodes of the existing log are computed once. */
export function migrateToStoredTree(db: Database): string {
  db.exec(`
    -- Every complete Merkle node (level 0: leaf hashes) by in-order position: proofs read O(log n) rows.
    CREATE TABLE merkle_node (
      pos  INTEGER PRIMARY KEY,
      hash BLOB NOT NULL
    );
    -- The last verified state (MAC'd): a start verifies the log from here on (docs/storage.md).
    CREATE TABLE checkpoint (
      one       INTEGER PRIMARY KEY CHECK (one = 1),
      tree_size INTEGER NOT NULL,
      body      TEXT NOT NULL,
      kid       TEXT,
      mac       TEXT
    );
  `)
  const insert = db.prepare(NODE_INSERT_SQL)
  const tree = new MerkleTree(nodeCrypto, { retain: 1, onNode: (l, i, h) => insert.run(nodePosition(l, i), h) })
  // In pages: the connection cannot write while a query iterates.
  const page = db.prepare('SELECT entry FROM audit_log WHERE idx >= ? ORDER BY idx LIMIT 10000').pluck()
  for (let texts = page.all(0) as string[]; texts.length > 0; texts = page.all(tree.size) as string[]) texts.forEach((t) => tree.appendText(t))
  return `Merkle nodes stored for ${tree.size} leaves (proofs are read from disk from now on)`
}
