/** RFC 9162 Merkle tree (docs/spec/audit.md): tree heads, inclusion and consistency proofs. */

import type { Bytes, CryptoPort } from '../ports/crypto-port.js'
import { TracehoundError } from '../errors.js'

// Scratch inputs, reused: hashing is synchronous and copies its result, so no call sees another's bytes.
const leafInput = new Uint8Array(33)
const nodeInput = Uint8Array.of(0x01, ...new Uint8Array(64))

export function leafHashWith(c: CryptoPort, input: Bytes): Bytes {
  if (input.length !== 32) return c.sha256(Uint8Array.of(0x00), input)
  leafInput.set(input, 1)
  return c.sha256(leafInput)
}

export function nodeHashWith(c: CryptoPort, left: Bytes, right: Bytes): Bytes {
  if (left.length !== 32 || right.length !== 32) return c.sha256(Uint8Array.of(0x01), left, right)
  nodeInput.set(left, 1)
  nodeInput.set(right, 33)
  return c.sha256(nodeInput)
}

/** Exact for every safe integer (sizes up to 2^53): JS bit operators would cut n to 32 bits. */
export function isPowerOfTwo(n: number): boolean {
  if (!(n >= 1)) return false
  while (n % 2 === 0) n /= 2
  return n === 1
}

/** Largest power of two strictly below n (n ≥ 2), the RFC's split point k. */
export function splitPoint(n: number): number {
  let k = 1
  while (k * 2 < n) k *= 2
  return k
}

const HASH = 32

/** Position of node (level, index) in in-order numbering: unique, below 2·size, exact up to 2^53. */
export function nodePosition(level: number, index: number): number {
  const width = 2 ** level
  return index * 2 * width + width - 1
}

/** A proof asked about a leaf or size the tree cannot answer: outside it, or no longer held. */
export class AuditRangeError<
  C extends 'AUDIT_OUT_OF_RANGE' | 'AUDIT_BEYOND_RETENTION' = 'AUDIT_OUT_OF_RANGE' | 'AUDIT_BEYOND_RETENTION',
> extends TracehoundError<C> {
  override get name(): string {
    return 'AuditRangeError'
  }
}

/** A proof needs a node this tree no longer holds (memory mode's retention bound). */
export class RetentionError extends AuditRangeError<'AUDIT_BEYOND_RETENTION'> {
  constructor(
    readonly retain: number,
    detail: string,
  ) {
    super(
      'AUDIT_BEYOND_RETENTION',
      `${detail}: beyond the audit retention (the newest ${retain} leaves keep proofs in memory; older ones come only from a durable ledger)`,
      { context: { retain } },
    )
  }

  override get name(): string {
    return 'RetentionError'
  }
}

/**
 * One level of hashes in a flat buffer holding indices [first, length): no per-hash objects for
 * the GC to trace; dropping the oldest ones keeps it bounded under a retention limit.
 */
class HashRow {
  private buf = new Uint8Array(HASH * 64)
  /** Buffer slot (in hashes) of index `first`: dropping advances it, a later push compacts. */
  private start = 0
  /** Index of the first hash held; earlier ones were dropped (or never loaded). */
  first = 0
  length = 0

  /** An empty row whose next push is `index` (a tree restored from its frontier). */
  static startingAt(index: number): HashRow {
    const row = new HashRow()
    row.first = row.length = index
    return row
  }

  push(hash: Bytes): void {
    const held = this.length - this.first
    if ((this.start + held + 1) * HASH > this.buf.length) {
      // Amortized O(1): compact when at most half is held, otherwise double.
      const size = (held + 1) * 2 * HASH <= this.buf.length ? this.buf.length : this.buf.length * 2
      const next = size === this.buf.length ? this.buf : new Uint8Array(size)
      next.set(this.buf.subarray(this.start * HASH, (this.start + held) * HASH))
      this.buf = next
      this.start = 0
    }
    this.buf.set(hash, (this.start + held) * HASH)
    this.length++
  }

  has(i: number): boolean {
    return i >= this.first && i < this.length
  }

  at(i: number): Bytes {
    const o = (this.start + i - this.first) * HASH
    return this.buf.subarray(o, o + HASH)
  }

  /** Forgets every hash before index `i`. */
  dropBefore(i: number): void {
    const to = Math.min(i, this.length)
    if (to <= this.first) return
    this.start += to - this.first
    this.first = to
  }
}

/**
 * Where a MerkleTree keeps its complete nodes (the port that makes the durable ledger's node store
 * the engine's tree): MemoryNodeStore for the library, the ledger's SQLite-backed store for a daemon.
 */
export interface MerkleNodeStore {
  /** How many newest leaves' proofs the store is sure to serve from memory (Infinity: all); RetentionError names it. */
  readonly retain: number
  /** The complete node over leaves [index·2^level, (index+1)·2^level), or undefined when not held. */
  node(level: number, index: number): Bytes | undefined
  /** A node the tree just completed, in creation order (level 0: leaf hashes). The store may keep `hash` as it is. */
  add(level: number, index: number, hash: Bytes): void
  /** The tree starts at `size` leaves from its frontier (see MerkleTree.fromFrontier); adds follow it. */
  start(size: number, frontier: readonly Bytes[]): void
}

/**
 * Nodes in memory, one flat buffer per level; with `retain`, only the nodes that proofs about the
 * newest `retain` leaves need (about 2·retain hashes, plus the frontier).
 */
export class MemoryNodeStore implements MerkleNodeStore {
  /** levels[j].at(i) is the hash of the complete subtree over leaves [i·2^j, (i+1)·2^j). */
  private levels: HashRow[] = [new HashRow()]

  constructor(readonly retain = Infinity) {
    if (!(retain >= 1)) throw new TracehoundError('CONFIG_AUDIT_INVALID', `retain must be at least 1 (got ${retain})`)
  }

  node(level: number, index: number): Bytes | undefined {
    const row = this.levels[level]
    return row?.has(index) ? row.at(index) : undefined
  }

  add(level: number, index: number, hash: Bytes): void {
    const row = (this.levels[level] ??= HashRow.startingAt(index))
    row.push(hash)
    if (level === 0 && this.retain !== Infinity) this.dropOld(index + 1)
  }

  start(size: number, frontier: readonly Bytes[]): void {
    const levels = frontierLevels(size)
    this.levels = []
    for (let j = 0, width = 1; width <= size || j === 0; j++, width *= 2) {
      const count = Math.floor(size / width)
      const k = levels.indexOf(j)
      const row = HashRow.startingAt(k >= 0 ? count - 1 : count)
      if (k >= 0) row.push(frontier[k]!)
      this.levels.push(row)
    }
  }

  /** Hashes held, all levels together (what the retention bound limits). */
  get held(): number {
    return this.levels.reduce((s, r) => s + r.length - r.first, 0)
  }

  /**
   * Keeps, per level j, the nodes from index ⌊lo/2^j⌋ − 1 on (lo: the oldest retained leaf): the
   * left siblings on the path of any retained leaf, so its proofs (and consistency proofs from a
   * retained size) never need a dropped node. The frontier is always among them. Called when leaf
   * size−1 is added, before its parents: they and their left siblings are at or after the bound.
   */
  private dropOld(size: number): void {
    const lo = size - this.retain
    if (lo <= 0) return
    for (let j = 0, width = 1; j < this.levels.length; j++, width *= 2) this.levels[j]!.dropBefore(Math.floor(lo / width) - 1)
  }
}

/** How a MerkleTree keeps its nodes, and who is told of new ones. */
export interface MerkleTreeOptions {
  /** Where the nodes live (default: a MemoryNodeStore with `retain`). */
  store?: MerkleNodeStore
  /** For the default store: keep the nodes that proofs about the newest `retain` leaves need. Default: every node. */
  retain?: number
  /** Called with every node the tree creates (leaves are level 0), in creation order: storage writes them. */
  onNode?: (level: number, index: number, hash: Bytes) => void
}

/** RFC 9162 Merkle tree over appended leaves: roots, inclusion and consistency proofs; nodes in a MerkleNodeStore. */
export class MerkleTree {
  private readonly store: MerkleNodeStore
  private readonly onNode: MerkleTreeOptions['onNode']
  private leaves = 0

  constructor(
    private readonly crypto: CryptoPort,
    options: MerkleTreeOptions = {},
  ) {
    this.store = options.store ?? new MemoryNodeStore(options.retain)
    this.onNode = options.onNode
  }

  /**
   * A tree of `size` leaves from its frontier: the roots of the complete subtrees that make up
   * [0, size), largest first (one per set bit of size). Older nodes come from the store.
   */
  static fromFrontier(crypto: CryptoPort, size: number, frontier: readonly Bytes[], options: MerkleTreeOptions = {}): MerkleTree {
    const t = new MerkleTree(crypto, options)
    const levels = frontierLevels(size)
    if (frontier.length !== levels.length)
      throw new TracehoundError(
        'AUDIT_RESTORE_INVALID',
        `a tree of ${size} leaves has ${levels.length} frontier nodes, got ${frontier.length}`,
      )
    t.store.start(size, frontier)
    t.leaves = size
    return t
  }

  get size(): number {
    return this.leaves
  }

  /** The frontier (see fromFrontier): what a restart needs to go on appending. */
  frontier(): Bytes[] {
    return frontierLevels(this.size).map((j) => this.node(j, Math.floor(this.size / 2 ** j) - 1).slice())
  }

  /** Appends a leaf (its raw input bytes) and returns its index. */
  append(leafInput: Bytes): number {
    return this.appendLeafHash(leafHashWith(this.crypto, leafInput))
  }

  /** Appends a leaf whose input is UTF-8 text: one hash of 0x00 ‖ text, no byte copy. */
  appendText(leafInput: string): number {
    return this.appendLeafHash(this.crypto.sha256(`\u0000${leafInput}`))
  }

  /** Appends an already computed leaf hash and returns its index. */
  private appendLeafHash(leafHash: Bytes): number {
    const index = this.leaves++
    let hash = leafHash
    let level = 0
    let position = index
    for (;;) {
      this.store.add(level, position, hash)
      this.onNode?.(level, position, hash)
      if (position % 2 === 0) break
      hash = nodeHashWith(this.crypto, this.node(level, position - 1), hash)
      position = (position - 1) / 2
      level++
    }
    return index
  }

  /** The leaf hash at `index` (SHA-256 of 0x00 ‖ its input). */
  leafHash(index: number): Bytes {
    this.checkIndex(index, this.size)
    return this.node(0, index)
  }

  /** Root of the tree over the first `size` leaves (default: all). */
  root(size = this.size): Bytes {
    this.checkSize(size)
    return size === 0 ? this.crypto.sha256() : this.rangeHash(0, size)
  }

  /** RFC 9162 §2.1.3.1 audit path for leaf `index` in the tree of `size` leaves. */
  inclusionProof(index: number, size = this.size): Bytes[] {
    this.checkSize(size)
    this.checkIndex(index, size)
    const path: Bytes[] = []
    this.collectInclusion(index, 0, size, path)
    return path
  }

  /** RFC 9162 §2.1.4.1 proof that the tree of `first` leaves is a prefix of the one of `second`. */
  consistencyProof(first: number, second = this.size): Bytes[] {
    this.checkSize(second)
    if (!Number.isSafeInteger(first) || first < 1 || first > second) {
      throw new AuditRangeError('AUDIT_OUT_OF_RANGE', `consistency proof needs 1 <= first (${first}) <= second (${second})`)
    }
    const path: Bytes[] = []
    if (first < second) this.collectConsistency(first, 0, second, true, path)
    return path
  }

  private collectInclusion(m: number, start: number, end: number, out: Bytes[]): void {
    const n = end - start
    if (n === 1) return
    const k = splitPoint(n)
    if (m < k) {
      this.collectInclusion(m, start, start + k, out)
      out.push(this.rangeHash(start + k, end))
    } else {
      this.collectInclusion(m - k, start + k, end, out)
      out.push(this.rangeHash(start, start + k))
    }
  }

  private collectConsistency(m: number, start: number, end: number, complete: boolean, out: Bytes[]): void {
    const n = end - start
    if (m === n) {
      if (!complete) out.push(this.rangeHash(start, end))
      return
    }
    const k = splitPoint(n)
    if (m <= k) {
      this.collectConsistency(m, start, start + k, complete, out)
      out.push(this.rangeHash(start + k, end))
    } else {
      this.collectConsistency(m - k, start + k, end, false, out)
      out.push(this.rangeHash(start, start + k))
    }
  }

  /** MTH over leaves [start, end); complete aligned subtrees come straight from the levels. */
  private rangeHash(start: number, end: number): Bytes {
    const n = end - start
    if (isPowerOfTwo(n) && start % n === 0) return this.node(Math.log2(n), start / n)
    const k = splitPoint(n)
    return nodeHashWith(this.crypto, this.rangeHash(start, start + k), this.rangeHash(start + k, end))
  }

  /** A complete node from the store, or RetentionError (memory mode's bound; a durable store missing a node). */
  private node(level: number, index: number): Bytes {
    const hash = this.store.node(level, index)
    if (hash) return hash
    const leaves = `leaves ${index * 2 ** level}..${(index + 1) * 2 ** level - 1}`
    // A store that keeps every node (a durable one) lacks one it should hold: its storage is damaged, not the request out of range.
    if (this.store.retain === Infinity)
      throw new TracehoundError('LEDGER_UNREADABLE', `node ${index} of level ${level} (${leaves}) is not stored`)
    throw new RetentionError(this.store.retain, `node ${index} of level ${level} (${leaves}) is no longer held`)
  }

  private checkSize(size: number): void {
    if (!Number.isSafeInteger(size) || size < 0 || size > this.size) {
      throw new AuditRangeError('AUDIT_OUT_OF_RANGE', `tree size ${size} is outside 0..${this.size}`)
    }
  }

  private checkIndex(index: number, size: number): void {
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
      throw new AuditRangeError('AUDIT_OUT_OF_RANGE', `leaf index ${index} is outside 0..${size - 1}`)
    }
  }
}

/** Levels of the frontier nodes of a tree of `size` leaves, largest subtree first. */
function frontierLevels(size: number): number[] {
  const out: number[] = []
  for (let j = 0, width = 1; width <= size; j++, width *= 2) if (Math.floor(size / width) % 2 === 1) out.unshift(j)
  return out
}
