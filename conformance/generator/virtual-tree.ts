/**
 * RFC 9162 trees of any size up to 2^53 for the vectors: every leaf before `distinctFrom` is the
 * same filler, the rest are distinct. MTH of n equal leaves depends only on n (memoised), so the
 * root, audit paths and consistency proofs of a 2^52-leaf tree take microseconds. This follows the
 * RFC's recursive definitions (§2.1.1, §2.1.3.1, §2.1.4.1) independently of src/core/audit/merkle-tree.ts.
 */

import { createHash } from 'node:crypto'

const sha = (...parts: Uint8Array[]) => {
  const h = createHash('sha256')
  for (const p of parts) h.update(p)
  return new Uint8Array(h.digest())
}
const leafOf = (input: string) => sha(Uint8Array.of(0), new TextEncoder().encode(input))
const node = (l: Uint8Array, r: Uint8Array) => sha(Uint8Array.of(1), l, r)

/** Largest power of two strictly below n (n ≥ 2), in floating point: exact below 2^53. */
function split(n: number): number {
  let k = 1
  while (k * 2 < n) k *= 2
  return k
}

export class VirtualTree {
  readonly #uniform = new Map<number, Uint8Array>()
  readonly #filler: Uint8Array

  constructor(
    private readonly distinctFrom: number,
    readonly label: string,
  ) {
    this.#filler = leafOf(`${label}/filler`)
  }

  leafHash(i: number): Uint8Array {
    return i < this.distinctFrom ? this.#filler : leafOf(`${this.label}/leaf ${i}`)
  }

  /** MTH of leaves [start, start + n). */
  hash(start: number, n: number): Uint8Array {
    if (n === 1) return this.leafHash(start)
    if (start + n <= this.distinctFrom) return this.#uniformHash(n)
    const k = split(n)
    return node(this.hash(start, k), this.hash(start + k, n - k))
  }

  root(size: number): Uint8Array {
    return this.hash(0, size)
  }

  /** PATH(m, D[start:start+n]). */
  inclusion(m: number, size: number, start = 0): Uint8Array[] {
    if (size === 1) return []
    const k = split(size)
    return m < k
      ? [...this.inclusion(m, k, start), this.hash(start + k, size - k)]
      : [...this.inclusion(m - k, size - k, start + k), this.hash(start, k)]
  }

  /** PROOF(m, D[0:n]) via SUBPROOF. */
  consistency(m: number, n: number): Uint8Array[] {
    return this.#subproof(m, 0, n, true)
  }

  #subproof(m: number, start: number, n: number, complete: boolean): Uint8Array[] {
    if (m === n) return complete ? [] : [this.hash(start, n)]
    const k = split(n)
    return m <= k
      ? [...this.#subproof(m, start, k, complete), this.hash(start + k, n - k)]
      : [...this.#subproof(m - k, start + k, n - k, false), this.hash(start, k)]
  }

  #uniformHash(n: number): Uint8Array {
    if (n === 1) return this.#filler
    let h = this.#uniform.get(n)
    if (!h) {
      const k = split(n)
      h = node(this.#uniformHash(k), this.#uniformHash(n - k))
      this.#uniform.set(n, h)
    }
    return h
  }
}
