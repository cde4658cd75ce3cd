/** RFC 9162 Merkle tree (DESIGN §4): tree heads, inclusion and consistency proofs. */

import type { Bytes, CryptoPort } from './crypto-port.js'

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

/** One level of hashes in a flat, doubling buffer: no per-hash objects for the GC to trace. */
class HashRow {
  private buf = new Uint8Array(HASH * 64)
  length = 0

  push(hash: Bytes): void {
    if ((this.length + 1) * HASH > this.buf.length) {
      const grown = new Uint8Array(this.buf.length * 2)
      grown.set(this.buf)
      this.buf = grown
    }
    this.buf.set(hash, this.length * HASH)
    this.length++
  }

  at(i: number): Bytes {
    return this.buf.subarray(i * HASH, (i + 1) * HASH)
  }
}

export class MerkleTree {
  /** levels[j].at(i) is the hash of the complete subtree over leaves [i·2^j, (i+1)·2^j). */
  private readonly levels: HashRow[] = [new HashRow()]

  constructor(private readonly crypto: CryptoPort) {}

  get size(): number {
    return this.levels[0]!.length
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
    const index = this.size
    let hash = leafHash
    let level = 0
    let position = index
    for (;;) {
      const row = (this.levels[level] ??= new HashRow())
      row.push(hash)
      if (position % 2 === 0) break
      hash = nodeHashWith(this.crypto, row.at(position - 1), hash)
      position = (position - 1) / 2
      level++
    }
    return index
  }

  leafHash(index: number): Bytes {
    this.checkIndex(index, this.size)
    return this.levels[0]!.at(index)
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
      throw new RangeError(`consistency proof needs 1 <= first (${first}) <= second (${second})`)
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
    if (isPowerOfTwo(n) && start % n === 0) return this.levels[Math.log2(n)]!.at(start / n)
    const k = splitPoint(n)
    return nodeHashWith(this.crypto, this.rangeHash(start, start + k), this.rangeHash(start + k, end))
  }

  private checkSize(size: number): void {
    if (!Number.isSafeInteger(size) || size < 0 || size > this.size) {
      throw new RangeError(`tree size ${size} is outside 0..${this.size}`)
    }
  }

  private checkIndex(index: number, size: number): void {
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
      throw new RangeError(`leaf index ${index} is outside 0..${size - 1}`)
    }
  }
}
