/** Edits a stored audit log entry as an attacker with the file would: parse, change, write back canonical. */

import type Database from 'better-sqlite3'
import { canonicalize } from '../src/core/index.js'

type Entry = Record<string, unknown>

/** Applies `change` to every entry `match` selects; returns how many it changed. */
export function editEntries(db: Database.Database, match: (e: Entry) => boolean, change: (e: Entry) => void): number {
  const rows = db.prepare('SELECT idx, entry FROM audit_log ORDER BY idx').all() as { idx: number; entry: string }[]
  const update = db.prepare('UPDATE audit_log SET entry = ? WHERE idx = ?')
  let n = 0
  for (const row of rows) {
    const e = JSON.parse(row.entry) as Entry
    if (!match(e)) continue
    change(e)
    update.run(canonicalize(e), row.idx)
    n++
  }
  return n
}

export const entries = (db: Database.Database): Entry[] =>
  (db.prepare('SELECT entry FROM audit_log ORDER BY idx').pluck().all() as string[]).map((t) => JSON.parse(t) as Entry)
