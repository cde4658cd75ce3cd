/**
 * `tracehound audit export`: the audit log as JSON lines, each entry with its RFC 9162 inclusion
 * proof against the stored (MAC'd) tree head, so a verifier needs nothing but the file and,
 * for MACs, the key. Reads a consistent snapshot without the lock: a running daemon may keep writing.
 */

import { existsSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { MerkleTree, nodeCrypto, toHex, type TreeHead } from '../core/index.js'
import { LEDGER_FILE } from './data-dir.js'
import { LedgerError } from './errors.js'
import { storedTree } from './merkle-store.js'
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

const macOf = (row: { kid: string | null; mac: string | null }) =>
  row.kid !== null && row.mac !== null ? { kid: row.kid, mac: row.mac } : {}

const parsed = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** Opens the ledger read-only (a running daemon may keep writing: readers see a snapshot). */
function openReadOnly(dataDir: string): Database.Database {
  const path = join(dataDir, LEDGER_FILE)
  if (!existsSync(path)) throw new LedgerError(`no ledger at ${path}`)
  return new Database(path, { readonly: true, fileMustExist: true })
}

function olderSchema(e: unknown, dataDir: string): unknown {
  if (e instanceof Error && /no such table/.test(e.message)) {
    return new LedgerError(`${join(dataDir, LEDGER_FILE)} has an older schema: open it once with this build (tracehoundd) to migrate it`)
  }
  return e
}

const headOf = (head: TreeHeadRow | undefined): TreeHead | undefined =>
  head && { treeSize: head.tree_size, rootHash: head.root_hash, timestamp: head.timestamp, ...macOf(head) }

/**
 * The stored tree head and the tree rebuilt from the stored entries (streamed: memory holds the
 * frontier, not the log), read in one snapshot.
 */
export function readAuditLog(dataDir: string): { head: TreeHead | undefined; tree: MerkleTree } {
  const db = openReadOnly(dataDir)
  try {
    return db.transaction(() => {
      const tree = new MerkleTree(nodeCrypto, { retain: 1 })
      for (const text of db.prepare('SELECT entry FROM audit_log ORDER BY idx').pluck().iterate() as Iterable<string>) tree.appendText(text)
      return { tree, head: headOf(db.prepare('SELECT * FROM tree_head').get() as TreeHeadRow | undefined) }
    })()
  } catch (e) {
    throw olderSchema(e, dataDir)
  } finally {
    db.close()
  }
}

/**
 * Writes the header and one line per entry through `write`; returns the entry count. Streams:
 * each leaf hash is computed from the stored entry, each proof read from the stored tree.
 */
export function exportAudit(dataDir: string, write: (line: string) => void): number {
  const db = openReadOnly(dataDir)
  try {
    return db.transaction(() => {
      const head = headOf(db.prepare('SELECT * FROM tree_head').get() as TreeHeadRow | undefined)
      // The stored head is what the daemon signed; with none (an empty log) the empty root stands in.
      const treeHead = head ?? { treeSize: 0, rootHash: toHex(nodeCrypto.sha256()), timestamp: 0 }
      write(JSON.stringify({ format: EXPORT_FORMAT, treeHead } satisfies ExportHeader))
      const tree = treeHead.treeSize > 0 ? storedTree(db, treeHead.treeSize) : undefined
      let count = 0
      for (const row of db.prepare('SELECT * FROM audit_log ORDER BY idx').iterate() as Iterable<AuditLogRow>) {
        const i = count++
        const line: ExportLine = {
          leafIndex: i,
          entry: parsed(row.entry),
          ...macOf(row),
          leafHash: toHex(nodeCrypto.sha256(`\u0000${row.entry}`)),
          path: tree && i < tree.size ? tree.inclusionProof(i).map(toHex) : [],
        }
        write(JSON.stringify(line))
      }
      return count
    })()
  } catch (e) {
    throw olderSchema(e, dataDir)
  } finally {
    db.close()
  }
}
