/**
 * The Merkle tree on disk (schema 4): every complete node, leaves included, one row each in
 * `merkle_node`, keyed by its in-order position (nodePosition). A proof reads O(log n) of them by
 * primary key, so proofs about any leaf are served without the log in memory. StoredNodeStore is
 * the durable tree's node store: the engine's one audit tree in durable mode.
 */

import type { Database, Statement } from 'better-sqlite3'
import {
  type Bytes,
  MemoryNodeStore,
  type MerkleNodeStore,
  MerkleTree,
  type MerkleTreeOptions,
  nodeCrypto,
  nodePosition,
} from '../core/index.js'

/** Leaves whose nodes a stored tree keeps in memory (newer than any commit; the rest are read from disk). */
export const RECENT_LEAVES = 4096

/** Nodes of the upper levels kept in memory, at most (32 B each plus a presence byte: about 2.1 MiB). */
export const UPPER_CACHE_NODES = 65_536

export const NODE_INSERT_SQL = 'INSERT OR REPLACE INTO merkle_node (pos, hash) VALUES (?, ?)'

/** Reads one stored node by primary key, uncached (verification compares with every one). */
export function storedNodeReader(db: Database): (level: number, index: number) => Bytes | undefined {
  const get = db.prepare('SELECT hash FROM merkle_node WHERE pos = ?').pluck()
  return (level, index) => checked(get.get(nodePosition(level, index)))
}

const checked = (hash: unknown): Bytes | undefined => (hash instanceof Uint8Array && hash.length === 32 ? hash : undefined)

/**
 * The upper levels of a large tree: every node of level ≥ `lowest`, at most `capacity` in all.
 * A proof touches one node per level, and the upper ones are shared by every proof, so a proof
 * reads only its lower levels (about log2(capacity) fewer rows). As the tree grows, the lowest
 * level cached is given up when keeping it would pass the bound: memory stays capacity · 33 bytes.
 */
export class UpperLevelCache {
  /** Per level (from `lowest`): hashes in a flat buffer, and which slots hold one. */
  #levels: ({ hashes: Uint8Array; have: Uint8Array } | undefined)[] = []
  #lowest = 0
  #slots = 0

  constructor(readonly capacity = UPPER_CACHE_NODES) {}

  get lowest(): number {
    return this.#lowest
  }

  /** Slots allocated, all levels together (never more than capacity). */
  get slots(): number {
    return this.#slots
  }

  get(level: number, index: number): Bytes | undefined {
    const l = this.#levels[level]
    if (!l || index >= l.have.length || l.have[index] === 0) return undefined
    return l.hashes.subarray(index * 32, index * 32 + 32)
  }

  set(level: number, index: number, hash: Bytes): void {
    if (level < this.#lowest) return
    let l = this.#levels[level]
    if (!l || index >= l.have.length) {
      let size = Math.max(64, l?.have.length ?? 0)
      while (size <= index) size *= 2
      const grow = size - (l?.have.length ?? 0)
      // Give up the lowest levels (the largest) until this level fits.
      while (this.#slots + grow > this.capacity && this.#lowest < level) this.#drop()
      if (this.#slots + grow > this.capacity) return
      const next = { hashes: new Uint8Array(size * 32), have: new Uint8Array(size) }
      if (l) {
        next.hashes.set(l.hashes)
        next.have.set(l.have)
      }
      this.#slots += grow
      l = this.#levels[level] = next
    }
    l.hashes.set(hash, index * 32)
    l.have[index] = 1
  }

  #drop(): void {
    this.#slots -= this.#levels[this.#lowest]?.have.length ?? 0
    this.#levels[this.#lowest] = undefined
    this.#lowest++
  }
}

/**
 * The tree's node store over a ledger file: the nodes of the newest leaves in memory (they may not
 * be committed yet), the upper levels in a bounded cache, the rest read by primary key; for each
 * lower level the node read last is kept too, so an export (leaf after leaf) reads about one row per
 * leaf. Memory: RECENT_LEAVES · 2 hashes + the upper cache + one hash per level.
 */
export class StoredNodeStore implements MerkleNodeStore {
  readonly retain = Infinity
  readonly #recent: MemoryNodeStore
  readonly #upper: UpperLevelCache
  readonly #get: Statement
  readonly #lastRead: { index: number; hash: Bytes }[] = []
  /** Rows read from the file so far (what the caches save shows here). */
  rowsRead = 0

  constructor(db: Database, o: { recentLeaves?: number; upperNodes?: number } = {}) {
    this.#recent = new MemoryNodeStore(o.recentLeaves ?? RECENT_LEAVES)
    this.#upper = new UpperLevelCache(o.upperNodes)
    this.#get = db.prepare('SELECT hash FROM merkle_node WHERE pos = ?').pluck()
  }

  /** The upper-level cache (its bound and state, for tests and docs). */
  get upper(): UpperLevelCache {
    return this.#upper
  }

  node(level: number, index: number): Bytes | undefined {
    const held = this.#recent.node(level, index) ?? this.#upper.get(level, index)
    if (held) return held
    const last = this.#lastRead[level]
    if (last?.index === index) return last.hash
    this.rowsRead++
    const hash = checked(this.#get.get(nodePosition(level, index)))
    if (!hash) return undefined
    this.#upper.set(level, index, hash)
    this.#lastRead[level] = { index, hash }
    return hash
  }

  add(level: number, index: number, hash: Bytes): void {
    this.#recent.add(level, index, hash)
    this.#upper.set(level, index, hash)
  }

  start(size: number, frontier: readonly Bytes[]): void {
    this.#recent.start(size, frontier)
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
  const store = new StoredNodeStore(db, { recentLeaves: 1 })
  const frontier = storedFrontier((l, i) => store.node(l, i), size)
  return frontier && MerkleTree.fromFrontier(nodeCrypto, size, frontier, { store, ...options })
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
  for (let texts = page.all(0) as string[]; texts.length > 0; texts = page.all(tree.size) as string[])
    texts.forEach((t) => tree.appendText(t))
  return `Merkle nodes stored for ${tree.size} leaves (proofs are read from disk from now on)`
}
