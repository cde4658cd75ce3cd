/**
 * A commit as plain rows: prepared on the engine's thread (MACs, leaf indexes, tree head), then
 * written in one transaction by whichever connection commits (the main one, or the commit worker).
 * Plain arrays, so a batch crosses to a worker thread by structured clone.
 */

import type { Database } from 'better-sqlite3'

export const WRITE_SQL = {
  insert:
    'INSERT OR REPLACE INTO evidence (signature, hash, size, severity, captured, compressed, bytes, kid, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  delete: 'DELETE FROM evidence WHERE signature = ?',
  audit: 'INSERT INTO audit_log (idx, entry, kid, mac) VALUES (?, ?, ?, ?)',
  head: 'INSERT OR REPLACE INTO tree_head (one, tree_size, root_hash, timestamp, kid, mac) VALUES (1, ?, ?, ?, ?, ?)',
  block: 'INSERT OR REPLACE INTO rate_block (source, blocked_until, kid, mac) VALUES (?, ?, ?, ?)',
  node: 'INSERT OR REPLACE INTO merkle_node (pos, hash) VALUES (?, ?)',
  checkpoint: 'INSERT OR REPLACE INTO checkpoint (one, tree_size, body, kid, mac) VALUES (1, ?, ?, ?, ?)',
} as const

type Param = string | number | Uint8Array | null
/** [statement, ...positional parameters], in report order. */
export type WriteRow = [keyof typeof WRITE_SQL, ...Param[]]

/** The transaction that writes a batch on `db`; throws (and rolls back) on any error. */
export function batchWriter(db: Database): (rows: WriteRow[]) => void {
  const statements = Object.fromEntries(Object.entries(WRITE_SQL).map(([k, sql]) => [k, db.prepare(sql)]))
  return db.transaction((rows: WriteRow[]) => {
    for (const [kind, ...params] of rows) statements[kind]!.run(...params)
  })
}
