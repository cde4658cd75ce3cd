/**
 * `tracehound audit export`: the audit log as JSON lines, each record with its RFC 9162 inclusion
 * proof against the stored (MAC'd) tree head, so a verifier needs nothing but the file and,
 * for MACs, the key. Reads a consistent snapshot without the lock: a running daemon may keep writing.
 */

import { existsSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { toHex } from '../core/crypto-port.js'
import { MerkleTree } from '../core/merkle-tree.js'
import { nodeCrypto } from '../core/node-crypto.js'
import { LEDGER_FILE } from './data-dir.js'
import { LedgerError } from './errors.js'
import { type AuditRow, auditRecordFromRow, type TreeHeadRow } from './rows.js'

export const EXPORT_FORMAT = 'tracehound-audit-export/1'

export interface ExportHeader {
  format: typeof EXPORT_FORMAT
  treeHead: { treeSize: number; rootHash: string; timestamp: number; kid?: string; mac?: string }
}

export interface ExportLine {
  leafIndex: number
  record: { id: string; type: string; signature: string; timestamp: number; previousHash: string; hash: string }
  kid?: string
  mac?: string
  leafHash: string
  /** Inclusion proof in the tree of the header's treeSize. */
  path: string[]
}

const macOf = (row: { kid: string | null; mac: string | null }) => (row.kid !== null && row.mac !== null ? { kid: row.kid, mac: row.mac } : {})

/** Writes the header and one line per record through `write`; returns the record count. */
export function exportAudit(dataDir: string, write: (line: string) => void): number {
  const path = join(dataDir, LEDGER_FILE)
  if (!existsSync(path)) throw new LedgerError(`no ledger at ${path}`)
  const db = new Database(path, { readonly: true, fileMustExist: true })
  try {
    const { rows, head } = db.transaction(() => ({
      rows: db.prepare('SELECT * FROM audit ORDER BY idx').all() as AuditRow[],
      head: db.prepare('SELECT * FROM tree_head').get() as TreeHeadRow | undefined,
    }))()
    const tree = new MerkleTree(nodeCrypto)
    for (const r of rows) tree.append(Buffer.from(r.hash, 'hex'))
    // The stored head is what the daemon signed; with none (an empty log) the rebuilt empty root stands in.
    const treeHead = head
      ? { treeSize: head.tree_size, rootHash: head.root_hash, timestamp: head.timestamp, ...macOf(head) }
      : { treeSize: 0, rootHash: toHex(tree.root()), timestamp: 0 }
    write(JSON.stringify({ format: EXPORT_FORMAT, treeHead } satisfies ExportHeader))
    const size = Math.min(treeHead.treeSize, tree.size)
    rows.forEach((row, i) => {
      const line: ExportLine = {
        leafIndex: i,
        record: auditRecordFromRow(row),
        ...macOf(row),
        leafHash: toHex(tree.leafHash(i)),
        path: i < size ? tree.inclusionProof(i, size).map(toHex) : [],
      }
      write(JSON.stringify(line))
    })
    return rows.length
  } finally {
    db.close()
  }
}
