/**
 * The evidence ledger on SQLite (docs/storage.md): WAL, synchronous FULL, one file per data directory.
 * It is the engine's StoragePort: reports are queued in memory (cheap, synchronous) and written
 * in one fsynced transaction by commit() (blocking: the embedded library) or commitAsync() (on a
 * commit thread: the daemon's group commit, see group-commit.ts). It stores what the engine
 * decided: the engine's audit tree is the ledger's `auditTree` (nodes on disk, StoredNodeStore),
 * so leaf indexes, nodes and heads are the engine's, signed with the engine's keyring.
 */

import { chmodSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import {
  type AuditEntry,
  type AuditFrontier,
  type AuditRecord,
  type BlockEntry,
  type Bytes,
  type CaptureEntry,
  checkAuditEntry,
  type Clock,
  DURABLE_AUDIT_RETENTION,
  entryText,
  type EvidenceHandle,
  isChainRecord,
  type MacKey,
  MacKeyring,
  MerkleTree,
  nodeCrypto,
  nodePosition,
  type PurgeEntry,
  type StoragePort,
  type StoredState,
  systemClock,
  toHex,
  type TreeHead,
} from '../core/index.js'
import { CHECKPOINT_EVERY, checkpointBody, checkpointRow } from './checkpoint.js'
import { LEDGER_CACHE_KIB, LEDGER_FILE } from './data-dir.js'
import { LedgerRefusedError } from './errors.js'
import type { EvidenceLog } from './evidence-log.js'
import type { IntegrityProblem } from './integrity.js'
import { NODE_INSERT_SQL, StoredNodeStore, storedFrontier, storedNodeReader } from './merkle-store.js'
import { appendWitness } from './trusted-head.js'
import { CommitThread } from './commit-thread.js'
import { acquireLock } from './lock-file.js'
import { ackMacBody, type AckRow, blockMacBody, evidenceMacBody } from './rows.js'
import { migrate } from './schema.js'
import { verifyLedger } from './verify-ledger.js'
import { batchWriter, type WriteRow } from './write-rows.js'

/** Where the ledger lives and how its rows are MACed. */
export interface LedgerOptions {
  /** Directory holding ledger.sqlite (created 0700 if missing). */
  dataDir: string
  /** Signs new rows and verifies stored ones; rows written without a key carry no MAC. */
  macKeys?: readonly MacKey[]
  /** The key id that signs new rows (default: the first of `macKeys`). */
  activeKid?: string
  /** Time of integrity problems and acknowledgements (default: the wall clock). */
  clock?: Clock
  /**
   * A tree head seen earlier (`tracehound audit head`, or a witness file's last line): the ledger
   * must extend it, by consistency proof, or the rollback is reported and writes are refused.
   */
  trustedHead?: string
  /** Appended with every new tree head after its commit; its last head is also checked at open. */
  witness?: string
  /** A MAC'd checkpoint every this many leaves (default CHECKPOINT_EVERY): a start verifies from the last one. */
  checkpointEvery?: number
  /** Newest entries whose v1 records the engine gets at load (default DURABLE_AUDIT_RETENTION); older ones are read on demand. */
  recentWindow?: number
  /** Progress of the verification at open: entries verified, entries to verify. */
  onVerifyProgress?: (done: number, total: number) => void
}

type Op =
  | { kind: 'insert'; capture: CaptureEntry; bytes: Uint8Array }
  | { kind: 'remove'; signature: string; entry: AuditRecord | PurgeEntry }
  | { kind: 'block'; entry: BlockEntry }

/** A batch's rows and, when the tree grew, the head they end with. */
interface Batch {
  rows: WriteRow[]
  head?: TreeHead
}

const problemKey = (p: IntegrityProblem) => `${p.kind} ${p.id}: ${p.detail}`

/**
 * The SQLite evidence ledger: quarantined evidence, the audit chain, tree heads and rate-limit
 * blocks, each row MACed when a key is configured and verified when the file is opened.
 */
export class Ledger implements StoragePort {
  readonly path: string
  /** Everything verification found at open, acknowledged or not. */
  readonly problems: readonly IntegrityProblem[]
  /** What schema migrations did at this open (empty when the file was current or new). */
  readonly migrations: readonly string[]
  #unacknowledged: IntegrityProblem[]
  #failure: Error | undefined
  /** The one keyring: the keys given here verify at open; the engine then sets its own (StoragePort.keyring). */
  keyring: MacKeyring
  readonly #clock: Clock
  readonly #db: Database.Database
  readonly #release: () => void
  /**
   * The engine's audit tree in durable mode (StoragePort.auditTree): nodes on disk behind a
   * bounded cache, recent ones in memory. Every node it makes is queued for the next commit.
   */
  readonly auditTree: MerkleTree
  /** Nodes the tree made since the last batch was taken: [position, hash]. */
  #nodes: [number, Bytes][] = []
  /** Tree size covered by the batches taken so far: the next audit row's leaf index. */
  #written: number
  readonly #readEntry: (leaf: number) => string | undefined
  /** The evidence set and v1 chain as written so far: a checkpoint's state. */
  readonly #evidenceLog: EvidenceLog
  #records: number
  #lastHash: string
  readonly #checkpointEvery: number
  readonly #recentWindowSize: number
  /** The verification at open started from a checkpoint at this size (0: verified in full). */
  readonly verifiedFrom: number
  /** Stored Merkle nodes rewritten at open to match the entries as stored (see merkle-store.ts). */
  readonly nodesRewritten: number
  readonly #witness: string | undefined
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
    this.#witness = options.witness
    let db: Database.Database | undefined
    try {
      this.keyring = new MacKeyring(options.macKeys ?? [], nodeCrypto, options.activeKid)
      db = this.#db = new Database(this.path)
      // Quarantined payloads are sensitive; SQLite gives -wal and -shm the same mode.
      chmodSync(this.path, 0o600)
      db.pragma('journal_mode = WAL')
      // FULL: a WAL commit is fsynced before commit() returns, so an acknowledged verdict survives power loss.
      db.pragma('synchronous = FULL')
      db.pragma('busy_timeout = 5000') // the commit thread's connection shares the file
      db.pragma(`cache_size = -${LEDGER_CACHE_KIB}`)
      this.migrations = migrate(db, this.path, { keyring: this.keyring, now: this.#clock() })
      this.#checkpointEvery = options.checkpointEvery ?? CHECKPOINT_EVERY
      this.#recentWindowSize = options.recentWindow ?? DURABLE_AUDIT_RETENTION
      const readNode = storedNodeReader(db)
      const entryAt = db.prepare('SELECT entry FROM audit_log WHERE idx = ?').pluck()
      this.#readEntry = (leaf) => entryAt.get(leaf) as string | undefined
      const now = this.#clock()
      db.prepare('DELETE FROM rate_block WHERE blocked_until <= ?').run(now) // served their time
      // The stored tree must be the tree of the entries as stored (what the engine serves proofs
      // of): nodes that differ over the verified range are rewritten after verification. The
      // entries themselves are never repaired; what differs in them is reported.
      const repaired: [number, Uint8Array][] = []
      const v = verifyLedger(db, {
        keyring: this.keyring,
        now,
        ...(options.trustedHead !== undefined && { trustedHead: options.trustedHead }),
        ...(options.witness !== undefined && { witness: options.witness }),
        ...(options.onVerifyProgress && { onProgress: options.onVerifyProgress }),
        tree: {
          onNode: (level, index, hash) => {
            const stored = readNode(level, index)
            if (!stored || toHex(stored) !== toHex(hash)) repaired.push([nodePosition(level, index), hash.slice()])
          },
        },
      })
      const rewrite = db.prepare(NODE_INSERT_SQL)
      db.transaction(() => repaired.forEach(([pos, hash]) => rewrite.run(pos, hash)))()
      this.nodesRewritten = repaired.length
      this.problems = v.problems
      this.verifiedFrom = v.from
      // The verification's tree is dropped: the durable tree goes on from its frontier, nodes from the file.
      const verified = v.scan.tree
      this.auditTree = MerkleTree.fromFrontier(nodeCrypto, verified.size, verified.frontier(), {
        store: new StoredNodeStore(db),
        onNode: (level, index, hash) => this.#nodes.push([nodePosition(level, index), hash]),
      })
      this.#written = verified.size
      this.#evidenceLog = v.scan.log
      this.#records = v.scan.records
      this.#lastHash = v.scan.lastHash
      this.#state = { audit: this.#recentRecords(db, readNode), evidence: v.evidence, blocks: v.blocks }
      this.#write = batchWriter(db)
    } catch (e) {
      // A file SQLite cannot read (or a newer schema) stops the start; nothing is left held.
      db?.close()
      this.#release()
      throw e
    }
    const acknowledged = this.#acknowledgements(db)
    this.#unacknowledged = this.problems.filter((p) => !acknowledged.has(problemKey(p)))
  }

  /**
   * Where the engine's v1 chain goes on: the record count and last hash, and the v1 records among
   * the newest `recentWindow` entries (what a running engine holds), checked to rebuild the
   * verified root from the stored frontier before them (they may precede the checkpoint, so
   * this start did not verify them); otherwise (a tampered log) none.
   */
  #recentRecords(db: Database.Database, readNode: (level: number, index: number) => Bytes | undefined): AuditFrontier {
    const size = this.auditTree.size
    const none: AuditFrontier = { treeSize: size, records: this.#records, lastHash: this.#lastHash, recent: [] }
    if (this.problems.length > 0 || size === 0) return none
    const start = size - Math.min(size, this.#recentWindowSize)
    const texts = db.prepare('SELECT entry FROM audit_log WHERE idx >= ? ORDER BY idx').pluck().all(start) as string[]
    const frontier = storedFrontier(readNode, start)
    if (!frontier || texts.length !== size - start) return none
    const check = MerkleTree.fromFrontier(nodeCrypto, start, frontier, { retain: 1 })
    texts.forEach((t) => check.appendText(t))
    if (toHex(check.root()) !== toHex(this.auditTree.root())) return none
    const recent: AuditFrontier['recent'] = []
    texts.forEach((t, i) => {
      const entry = JSON.parse(t) as AuditEntry
      if (isChainRecord(entry)) recent.push({ leaf: start + i, record: entry })
    })
    const lastHash = recent.length > 0 ? recent[0]!.record.previousHash : this.#lastHash
    return { treeSize: size, records: this.#records - recent.length, lastHash, recent }
  }

  /**
   * Acknowledgements that count: with MAC keys configured, only those MAC'd by one of them, so a
   * row an attacker adds cannot lift the write refusal. (Problems are reported either way.)
   */
  #acknowledgements(db: Database.Database): Set<string> {
    const rows = db.prepare('SELECT * FROM acknowledged_problem').all() as AckRow[]
    const ok = (r: AckRow) =>
      !this.keyring.enabled ||
      (r.kid !== null && r.mac !== null && this.keyring.verify(ackMacBody(r.problem, r.acknowledged_at), { kid: r.kid, mac: r.mac }))
    return new Set(rows.filter(ok).map((r) => r.problem))
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
    const insert = this.#db.prepare('INSERT OR REPLACE INTO acknowledged_problem (problem, acknowledged_at, kid, mac) VALUES (?, ?, ?, ?)')
    const now = this.#clock()
    this.#db.transaction(() => {
      for (const p of acked) {
        const mac = this.keyring.sign(ackMacBody(problemKey(p), now))
        insert.run(problemKey(p), now, mac?.kid ?? null, mac?.mac ?? null)
      }
    })()
    this.#unacknowledged = []
    return acked
  }

  load(): StoredState {
    const state = this.#state ?? { evidence: [], blocks: [] }
    this.#state = undefined // handed over once; the engine owns it now
    return state
  }

  /** The committed v1 record at `leaf`, or undefined (another entry type, or no such leaf). */
  recordAtLeaf(leaf: number): AuditRecord | undefined {
    const text = this.#readEntry(leaf)
    if (text === undefined) return undefined
    try {
      const entry = checkAuditEntry(JSON.parse(text))
      return isChainRecord(entry) ? entry : undefined
    } catch {
      return undefined // a tampered entry was reported at open; it is not served as a record
    }
  }

  /** Every stored entry in leaf order, as stored (verified at open only from the checkpoint on); streams from the file. */
  *entries(): Generator<AuditEntry> {
    for (const text of this.#db.prepare('SELECT entry FROM audit_log ORDER BY idx').pluck().iterate() as Iterable<string>)
      yield JSON.parse(text) as AuditEntry
  }

  evidenceInserted(e: EvidenceHandle, capture: CaptureEntry): void {
    // A view, not a copy: the buffer outlives the handle's disposal as long as we hold it.
    this.#queue({ kind: 'insert', capture, bytes: new Uint8Array(e.bytes) })
  }

  evidenceRemoved(signature: string, entry: AuditRecord | PurgeEntry): void {
    this.#queue({ kind: 'remove', signature, entry })
  }

  sourceBlocked(_source: string, _blockedUntil: number, entry: BlockEntry): void {
    this.#queue({ kind: 'block', entry })
  }

  get pending(): number {
    return this.#ops.length
  }

  /** Writes every queued report in one fsynced transaction; throws LedgerRefusedError or the SQLite error. */
  commit(): void {
    const batch = this.#take()
    if (!batch) return
    try {
      this.#write(batch.rows)
    } catch (e) {
      throw this.#failed(e)
    }
    this.#witnessed(batch.head)
  }

  /**
   * The same on the commit thread: the event loop goes on (the engine fills the next batch) while
   * this one is written and fsynced. Callers keep one batch in flight at a time (GroupCommit does).
   */
  commitAsync(): Promise<void> {
    let batch: Batch | undefined
    try {
      batch = this.#take()
    } catch (e) {
      return Promise.reject(e)
    }
    if (!batch) return Promise.resolve()
    this.#thread ??= new CommitThread(this.path)
    const { rows, head } = batch
    return this.#thread.write(rows).then(
      () => this.#witnessed(head),
      (e: unknown) => {
        throw this.#failed(e)
      },
    )
  }

  /** A committed head goes to the witness file; one that cannot be written stops writes like a failed commit. */
  #witnessed(head: TreeHead | undefined): void {
    if (!head || this.#witness === undefined) return
    try {
      appendWitness(this.#witness, head)
    } catch (e) {
      throw this.#failed(new Error(`witness ${this.#witness}: ${(e as Error).message}`))
    }
  }

  #take(): Batch | undefined {
    if (this.#ops.length === 0) return undefined
    const reason = this.refusal
    if (reason) {
      // After a failed commit nothing is written again; until acknowledgement, reports wait (they match memory).
      if (this.#failure) {
        this.#ops = []
        this.#nodes = []
      }
      throw new LedgerRefusedError(reason)
    }
    const ops = this.#ops
    this.#ops = []
    try {
      return this.#prepare(ops)
    } catch (e) {
      throw this.#failed(e)
    }
  }

  /** Memory and disk now differ: every later write is refused rather than built on a gap. */
  #failed(e: unknown): Error {
    this.#failure = e instanceof Error ? e : new Error(String(e))
    return this.#failure
  }

  /** The audit tree's head now (the engine's tree: the last commit's head once it is written), MAC'd with the active key. */
  treeHead(): TreeHead {
    const body = { treeSize: this.auditTree.size, rootHash: toHex(this.auditTree.root()), timestamp: this.#clock() }
    return { ...body, ...this.keyring.sign(body) }
  }

  /** Stops the commit thread after pending writes and releases the file lock. */
  close(): void {
    if (!this.#db.open) return
    this.#thread?.close()
    this.#db.close()
    this.#release()
  }

  #queue(op: Op): void {
    this.#ops.push(op)
    if (this.#ops.length === 1) this.onPending?.()
  }

  /**
   * Turns reports into rows, in report order: MACs here; leaf indexes, nodes and the tree head are
   * the engine's tree's. The reports must account for every leaf the tree gained since the last
   * batch, or memory and disk would differ: then nothing is written (a failed commit).
   */
  #prepare(ops: Op[]): Batch {
    const rows: WriteRow[] = []
    const sizeBefore = this.#written
    for (const op of ops) {
      if (op.kind === 'insert') {
        const c = op.capture
        const mac = this.keyring.enabled ? this.keyring.sign(evidenceMacBody(c)) : undefined
        rows.push([
          'insert',
          c.signature,
          c.hash,
          c.size,
          c.severity,
          c.captured,
          c.compressed ? 1 : 0,
          op.bytes,
          mac?.kid ?? null,
          mac?.mac ?? null,
        ])
        this.#log(rows, c)
        continue
      }
      if (op.kind === 'block') {
        const { source, blockedUntil } = op.entry
        const mac = this.keyring.enabled ? this.keyring.sign(blockMacBody(source, blockedUntil)) : undefined
        rows.push(['block', source, blockedUntil, mac?.kid ?? null, mac?.mac ?? null])
        this.#log(rows, op.entry)
        continue
      }
      rows.push(['delete', op.signature])
      this.#log(rows, op.entry)
    }
    if (this.#written !== this.auditTree.size) {
      throw new LedgerRefusedError(
        `the audit tree has ${this.auditTree.size} leaves but the reports account for ${this.#written}: not written`,
      )
    }
    for (const [pos, hash] of this.#nodes) rows.push(['node', pos, hash])
    this.#nodes = []
    if (this.#written === sizeBefore) return { rows }
    const head = this.treeHead()
    rows.push(['head', head.treeSize, head.rootHash, head.timestamp, head.kid ?? null, head.mac ?? null])
    this.#checkpoint(rows, sizeBefore)
    return { rows, head }
  }

  /**
   * A checkpoint with the batch that crosses a multiple of checkpointEvery: the state is what this
   * process verified at open plus what it wrote since. Not while problems stand (they must be found
   * again at every start), nor without a key (an unsigned checkpoint could be forged).
   */
  #checkpoint(rows: WriteRow[], sizeBefore: number): void {
    const every = this.#checkpointEvery
    if (Math.floor(sizeBefore / every) === Math.floor(this.auditTree.size / every)) return
    const now = this.#clock()
    this.#evidenceLog.pruneBlocks(now)
    if (this.problems.length > 0) return
    const row = checkpointRow(checkpointBody(this.auditTree, this.#records, this.#lastHash, this.#evidenceLog.state(now)), this.keyring)
    if (row) rows.push(['checkpoint', ...row])
  }

  /** One audit_log row at the next leaf: the entry's TH-CJSON-1 text is the leaf input and the MAC body. */
  #log(rows: WriteRow[], entry: CaptureEntry | AuditRecord | PurgeEntry | BlockEntry): void {
    const mac = this.keyring.enabled ? this.keyring.sign(entry) : undefined
    rows.push(['audit', this.#written++, entryText(entry), mac?.kid ?? null, mac?.mac ?? null])
    this.#evidenceLog.apply(entry)
    if (isChainRecord(entry)) {
      this.#records++
      this.#lastHash = entry.hash
    }
  }
}
