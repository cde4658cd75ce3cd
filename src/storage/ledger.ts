/**
 * The evidence ledger on SQLite (DESIGN §10): WAL, synchronous FULL, one file per data directory.
 * It is the engine's StoragePort: reports are queued in memory (cheap, synchronous) and written
 * in one fsynced transaction by commit() (blocking: the embedded library) or commitAsync() (on a
 * commit thread: the daemon's group commit, see group-commit.ts).
 */

import { chmodSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { AuditRecord, Clock, EvidenceHandle, MacKey, StoragePort, StoredState, TreeHead } from '../core/index.js'
import { MacKeyring, systemClock } from '../core/index.js'
import { toHex } from '../core/crypto-port.js'
import type { MerkleTree } from '../core/merkle-tree.js'
import { nodeCrypto } from '../core/node-crypto.js'
import { LEDGER_FILE } from './data-dir.js'
import { LedgerRefusedError } from './errors.js'
import { type IntegrityProblem, verifyAudit, verifyBlocks, verifyEvidence, verifyTreeHead } from './integrity.js'
import { CommitThread } from './commit-thread.js'
import { acquireLock } from './lock-file.js'
import { auditMacBody, type AuditRow, blockMacBody, type BlockRow, type EvidenceRow, evidenceMacBody, type TreeHeadRow } from './rows.js'
import { migrate } from './schema.js'
import { batchWriter, type WriteRow } from './write-rows.js'

export interface LedgerOptions {
  /** Directory holding ledger.sqlite (created 0700 if missing). */
  dataDir: string
  /** Signs new rows and verifies stored ones; rows written without a key carry no MAC. */
  macKeys?: readonly MacKey[]
  activeKid?: string
  /** Read at each commit: a new object (e.g. a reloaded daemon config) re-keys new rows. */
  liveKeys?: () => LedgerKeys
  clock?: Clock
}

export interface LedgerKeys {
  macKeys: readonly MacKey[]
  activeKid?: string
}

type Op =
  | { kind: 'insert'; signature: string; hash: string; size: number; severity: string; captured: number; compressed: boolean; bytes: Uint8Array }
  | { kind: 'remove'; signature: string; record: AuditRecord | null }
  | { kind: 'block'; source: string; blockedUntil: number }

const problemKey = (p: IntegrityProblem) => `${p.kind} ${p.id}: ${p.detail}`

export class Ledger implements StoragePort {
  readonly path: string
  /** Everything verification found at open, acknowledged or not. */
  readonly problems: readonly IntegrityProblem[]
  #unacknowledged: IntegrityProblem[]
  #failure: Error | undefined
  #keyring: MacKeyring
  #keysFrom: LedgerKeys | undefined
  readonly #liveKeys: (() => LedgerKeys) | undefined
  readonly #clock: Clock
  readonly #db: Database.Database
  readonly #release: () => void
  readonly #tree: MerkleTree
  #state: StoredState | undefined
  #ops: Op[] = []
  readonly #write: (rows: WriteRow[]) => void
  #thread: CommitThread | undefined
  /** Called when the first report of a new batch arrives (group commit schedules itself here). */
  onPending: (() => void) | undefined

  constructor(options: LedgerOptions) {
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 })
    this.path = join(options.dataDir, LEDGER_FILE)
    this.#release = acquireLock(join(options.dataDir, 'ledger.lock'))
    this.#clock = options.clock ?? systemClock
    this.#liveKeys = options.liveKeys
    let db: Database.Database | undefined
    try {
      this.#keyring = new MacKeyring(options.macKeys ?? [], nodeCrypto, options.activeKid)
      db = this.#db = new Database(this.path)
      // Quarantined payloads are sensitive; SQLite gives -wal and -shm the same mode.
      chmodSync(this.path, 0o600)
      db.pragma('journal_mode = WAL')
      // FULL: a WAL commit is fsynced before commit() returns, so an acknowledged verdict survives power loss.
      db.pragma('synchronous = FULL')
      db.pragma('busy_timeout = 5000') // the commit thread's connection shares the file
      migrate(db, this.path)
      ;({ problems: this.problems, tree: this.#tree, state: this.#state } = this.#verify(db))
      this.#write = batchWriter(db)
    } catch (e) {
      // A file SQLite cannot read (or a newer schema) stops the start; nothing is left held.
      db?.close()
      this.#release()
      throw e
    }
    const acknowledged = new Set(db.prepare('SELECT problem FROM acknowledged_problem').pluck().all() as string[])
    this.#unacknowledged = this.problems.filter((p) => !acknowledged.has(problemKey(p)))
  }

  #verify(db: Database.Database): { problems: IntegrityProblem[]; tree: MerkleTree; state: StoredState } {
    const problems: IntegrityProblem[] = []
    const { records, tree } = verifyAudit(db.prepare('SELECT * FROM audit ORDER BY idx').iterate() as Iterable<AuditRow>, this.#keyring, problems)
    verifyTreeHead(db.prepare('SELECT * FROM tree_head').get() as TreeHeadRow | undefined, tree, this.#keyring, problems)
    const evidence = verifyEvidence(db.prepare('SELECT * FROM evidence ORDER BY seq').iterate() as Iterable<EvidenceRow>, this.#keyring, problems)
    const now = this.#clock()
    db.prepare('DELETE FROM rate_block WHERE blocked_until <= ?').run(now) // served their time
    const blocks = verifyBlocks(db.prepare('SELECT * FROM rate_block').iterate() as Iterable<BlockRow>, this.#keyring, problems)
    return { problems, tree, state: { records, evidence, blocks } }
  }

  /** Unacknowledged integrity problems: until acknowledge(), commits are refused. */
  get unacknowledged(): readonly IntegrityProblem[] {
    return this.#unacknowledged
  }

  /** Why writes are refused, or undefined when the ledger accepts them. */
  get refusal(): string | undefined {
    if (this.#failure) return `an earlier commit failed (${this.#failure.message}); restart to reload from disk`
    const n = this.#unacknowledged.length
    if (n > 0) return `${n} unacknowledged integrity problem(s) in ${this.path}, first: ${problemKey(this.#unacknowledged[0]!)}`
    return undefined
  }

  /** The operator has seen these problems: record that, once per problem, and accept writes. */
  acknowledge(): IntegrityProblem[] {
    const acked = this.#unacknowledged
    const insert = this.#db.prepare('INSERT OR IGNORE INTO acknowledged_problem (problem, acknowledged_at) VALUES (?, ?)')
    const now = this.#clock()
    this.#db.transaction(() => {
      for (const p of acked) insert.run(problemKey(p), now)
    })()
    this.#unacknowledged = []
    return acked
  }

  load(): StoredState {
    const state = this.#state ?? { records: [], evidence: [], blocks: [] }
    this.#state = undefined // handed over once; the engine owns it now
    return state
  }

  evidenceInserted(e: EvidenceHandle): void {
    this.#queue({
      kind: 'insert',
      signature: e.signature,
      hash: e.hash,
      size: e.size,
      severity: e.severity,
      captured: e.captured,
      compressed: (e as { compressed?: boolean }).compressed === true,
      // A view, not a copy: the buffer outlives the handle's disposal as long as we hold it.
      bytes: new Uint8Array(e.bytes),
    })
  }

  evidenceRemoved(signature: string, record: AuditRecord | null): void {
    this.#queue({ kind: 'remove', signature, record })
  }

  sourceBlocked(source: string, blockedUntil: number): void {
    this.#queue({ kind: 'block', source, blockedUntil })
  }

  get pending(): number {
    return this.#ops.length
  }

  /** Writes every queued report in one fsynced transaction; throws LedgerRefusedError or the SQLite error. */
  commit(): void {
    const rows = this.#take()
    if (!rows) return
    try {
      this.#write(rows)
    } catch (e) {
      throw this.#failed(e)
    }
  }

  /**
   * The same on the commit thread: the event loop goes on (the engine fills the next batch) while
   * this one is written and fsynced. Callers keep one batch in flight at a time (GroupCommit does).
   */
  commitAsync(): Promise<void> {
    let rows: WriteRow[] | undefined
    try {
      rows = this.#take()
    } catch (e) {
      return Promise.reject(e)
    }
    if (!rows) return Promise.resolve()
    this.#thread ??= new CommitThread(this.path)
    return this.#thread.write(rows).catch((e: unknown) => {
      throw this.#failed(e)
    })
  }

  #take(): WriteRow[] | undefined {
    if (this.#ops.length === 0) return undefined
    const reason = this.refusal
    if (reason) {
      // After a failed commit nothing is written again; until acknowledgement, reports wait (they match memory).
      if (this.#failure) this.#ops = []
      throw new LedgerRefusedError(reason)
    }
    const ops = this.#ops
    this.#ops = []
    this.#rekey()
    return this.#prepare(ops)
  }

  /** Memory and disk now differ: every later write is refused rather than built on a gap. */
  #failed(e: unknown): Error {
    this.#failure = e instanceof Error ? e : new Error(String(e))
    return this.#failure
  }

  /** The stored tree head (as last committed), MAC'd with the active key. */
  treeHead(): TreeHead {
    const body = { treeSize: this.#tree.size, rootHash: toHex(this.#tree.root()), timestamp: this.#clock() }
    return { ...body, ...this.#keyring.sign(body) }
  }

  close(): void {
    if (!this.#db.open) return
    this.#thread?.close()
    this.#db.close()
    this.#release()
  }

  /** New keys sign from now on; stored rows keep the MACs they were written with. */
  #rekey(): void {
    const keys = this.#liveKeys?.()
    if (!keys || keys === this.#keysFrom) return
    this.#keyring = new MacKeyring(keys.macKeys, nodeCrypto, keys.activeKid)
    this.#keysFrom = keys
  }

  #queue(op: Op): void {
    this.#ops.push(op)
    if (this.#ops.length === 1) this.onPending?.()
  }

  /** Turns reports into rows: MACs, leaf indexes and the new tree head are fixed here, in report order. */
  #prepare(ops: Op[]): WriteRow[] {
    const rows: WriteRow[] = []
    const sizeBefore = this.#tree.size
    for (const op of ops) {
      if (op.kind === 'insert') {
        const mac = this.#keyring.enabled ? this.#keyring.sign(evidenceMacBody(op)) : undefined
        rows.push(['insert', op.signature, op.hash, op.size, op.severity, op.captured, op.compressed ? 1 : 0, op.bytes, mac?.kid ?? null, mac?.mac ?? null])
        continue
      }
      if (op.kind === 'block') {
        const mac = this.#keyring.enabled ? this.#keyring.sign(blockMacBody(op.source, op.blockedUntil)) : undefined
        rows.push(['block', op.source, op.blockedUntil, mac?.kid ?? null, mac?.mac ?? null])
        continue
      }
      rows.push(['delete', op.signature])
      const r = op.record
      if (!r) continue
      const mac = this.#keyring.enabled ? this.#keyring.sign(auditMacBody(r)) : undefined
      rows.push(['audit', this.#tree.size, r.id, r.type, r.signature, r.timestamp, r.previousHash, r.hash, mac?.kid ?? null, mac?.mac ?? null])
      this.#tree.append(Buffer.from(r.hash, 'hex'))
    }
    if (this.#tree.size !== sizeBefore) {
      const head = this.treeHead()
      rows.push(['head', head.treeSize, head.rootHash, head.timestamp, head.kid ?? null, head.mac ?? null])
    }
    return rows
  }
}
