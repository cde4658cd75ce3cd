/**
 * Versioned schema (PRAGMA user_version). A migration is appended, never edited: version N is
 * MIGRATIONS[N-1], applied in one transaction with the version bump. A migration is SQL, or a
 * step that needs code (hashing, MACs) and returns what it did, for the log.
 */

import type { Database } from 'better-sqlite3'
import type { MacKeyring } from '../core/index.js'
import { LedgerVersionError } from './errors.js'
import { migrateToAuditLog } from './migrate-audit-log.js'
import { migrateToStoredTree } from './merkle-store.js'

export interface MigrationContext {
  /** Signs rows the migration writes; verifies what it rebuilds from. */
  keyring: MacKeyring
  /** Timestamp for a tree head the migration writes where none was stored. */
  now: number
}

type Migration = string | ((db: Database, context: MigrationContext) => string)

const MIGRATIONS: readonly Migration[] = [
  `
  -- Live quarantine membership; seq keeps insertion order (the eviction tie-break).
  CREATE TABLE evidence (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    signature  TEXT NOT NULL UNIQUE,
    hash       TEXT NOT NULL,
    size       INTEGER NOT NULL,
    severity   TEXT NOT NULL,
    captured   INTEGER NOT NULL,
    compressed INTEGER NOT NULL,
    bytes      BLOB NOT NULL,
    kid        TEXT,
    mac        TEXT
  );
  -- The audit chain; idx is the Merkle leaf index.
  CREATE TABLE audit (
    idx           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL,
    type          TEXT NOT NULL,
    signature     TEXT NOT NULL,
    timestamp     INTEGER NOT NULL,
    previous_hash TEXT NOT NULL,
    hash          TEXT NOT NULL,
    kid           TEXT,
    mac           TEXT
  );
  -- The last tree head written with the records (rebuildable; kept to detect truncation).
  CREATE TABLE tree_head (
    one       INTEGER PRIMARY KEY CHECK (one = 1),
    tree_size INTEGER NOT NULL,
    root_hash TEXT NOT NULL,
    timestamp INTEGER NOT NULL,
    kid       TEXT,
    mac       TEXT
  );
  -- Integrity problems an operator acknowledged, one row per problem.
  CREATE TABLE acknowledged_problem (
    problem         TEXT PRIMARY KEY,
    acknowledged_at INTEGER NOT NULL
  );
  `,
  `
  -- Rate-limit blocks, so a restart does not lift a penalty; expired rows are pruned at open.
  CREATE TABLE rate_block (
    source        TEXT PRIMARY KEY,
    blocked_until INTEGER NOT NULL,
    kid           TEXT,
    mac           TEXT
  );
  `,
  // v3: one audit log of whole entries (records, captures, purges); leaf = the entry's TH-CJSON-1 bytes.
  migrateToAuditLog,
  // v4: the Merkle tree's nodes and a MAC'd checkpoint, so memory and start time do not grow with the log.
  migrateToStoredTree,
]

/** The ledger file's schema version: the number of migrations this build knows. */
export const SCHEMA_VERSION = MIGRATIONS.length

/** Brings the file to SCHEMA_VERSION; refuses a file from a newer build. Returns what each code step did. */
export function migrate(db: Database, path: string, context: MigrationContext): string[] {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > SCHEMA_VERSION) {
    throw new LedgerVersionError(`${path} has schema version ${current}; this build knows up to ${SCHEMA_VERSION}`)
  }
  const done: string[] = []
  for (let v = current; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      const step = MIGRATIONS[v]!
      if (typeof step === 'string') db.exec(step)
      else {
        const what = step(db, context)
        if (current > 0) done.push(`schema ${v} → ${v + 1}: ${what}`) // a new file has nothing to report
      }
      db.pragma(`user_version = ${v + 1}`)
    })()
  }
  return done
}
