/**
 * `tracehound audit export`: the audit log as JSON lines, each entry with its RFC 9162 inclusion
 * proof against the stored (MAC'd) tree head, so a verifier needs nothing but the file and,
 * for MACs, the key. Reads a consistent snapshot without the lock: a running daemon may keep writing.
 */

import { existsSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { TreeHead } from '../core/index.js'
import { toHex } from '../core/crypto-port.js'
import { MerkleTree } from '../core/merkle-tree.js'
import { nodeCrypto } from '../core/node-crypto.js'
import { LEDGER_FILE } from './data-dir.js'
import { LedgerError } from './errors.js'
import type { AuditLogRow, TreeHeadRow } from './rows.js'

/** Format 2: entries (records, captures, purges) whose leaf is the whole entry. */
export const EXPORT_FORMAT = 'tracehound-audit-export/2'

export interface ExportHeader {
  format: typeof EXPORT_FORMAT
  treeHead: TreeHead
}

export interface ExportLine {
  leafIndex: number
  /** The stored entry as parsed (a string when the stored text is not JSON: the verifier refuses it). */
  entry: unknown
  kid?: string
  mac?: string
  leafHash: string
  /** Inclusion proof in the tree of the header's treeSize. */
  path: string[]
}

const macOf = (row: { kid: string | null; mac: string | null }) => (row.kid !== null && row.mac !== null ? { kid: row.kid, mac: row.mac } : {})

const parsed = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** The ledger's stored tree head and audit log rows, read in one snapshot. */
export function readAuditLog(dataDir: string): { rows: AuditLogRow[]; head: TreeHead | undefined; tree: MerkleTree } {
  const path = join(dataDir, LEDGER_FILE)
  if (!existsSync(path)) throw new LedgerError(`no ledger at ${path}`)
  const db = new Database(path, { readonly: true, fileMustExist: true })
  try {
    const { rows, head } = db.transaction(() => ({
      rows: db.prepare('SELECT * FROM audit_log ORDER BY idx').all() as AuditLogRow[],
      head: db.prepare('SELECT * FROM tree_head').get() as TreeHeadRow | undefined,
    }))()
    const tree = new MerkleTree(nodeCrypto)
    for (const r of rows) tree.appendText(r.entry)
    return { rows, tree, head: head && { treeSize: head.tree_size, rootHash: head.root_hash, timestamp: head.timestamp, ...macOf(head) } }
  } catch (e) {
    if (e instanceof Error && /no such table/.test(e.message)) throw new LedgerError(`${path} has an older schema: open it once with this build (tracehoundd) to migrate it`)
    throw e
  } finally {
    db.close()
  }
}

/** Writes the header and one line per entry through `write`; returns the entry count. */
export function exportAudit(dataDir: string, write: (line: string) => void): number {
  const { rows, head, tree } = readAuditLog(dataDir)
  // The stored head is what the daemon signed; with none (an empty log) the rebuilt empty root stands in.
  const treeHead = head ?? { treeSize: 0, rootHash: toHex(tree.root()), timestamp: 0 }
  write(JSON.stringify({ format: EXPORT_FORMAT, treeHead } satisfies ExportHeader))
  const size = Math.min(treeHead.treeSize, tree.size)
  rows.forEach((row, i) => {
    const line: ExportLine = {
      leafIndex: i,
      entry: parsed(row.entry),
      ...macOf(row),
      leafHash: toHex(tree.leafHash(i)),
      path: i < size ? tree.inclusionProof(i, size).map(toHex) : [],
    }
    write(JSON.stringify(line))
  })
  return rows.length
}
