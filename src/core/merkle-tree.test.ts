import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type Bytes, toHex } from './crypto-port.js'
import { verifyConsistency, verifyInclusion } from './kernel/merkle-verify.js'
import { leafHashWith, MerkleTree, nodeHashWith } from './merkle-tree.js'
import { nodeCrypto } from './node-crypto.js'

const leafInput = (i: number) => nodeCrypto.sha256(`leaf-${i}`)

/** RFC 9162 §2.1.1 MTH, straight from the definition: the oracle. */
function mth(leaves: Bytes[]): Bytes {
  if (leaves.length === 0) return nodeCrypto.sha256()
  if (leaves.length === 1) return leafHashWith(nodeCrypto, leaves[0]!)
  let k = 1
  while (k * 2 < leaves.length) k *= 2
  return nodeHashWith(nodeCrypto, mth(leaves.slice(0, k)), mth(leaves.slice(k)))
}

function tree(n: number): MerkleTree {
  const t = new MerkleTree(nodeCrypto)
  for (let i = 0; i < n; i++) t.append(leafInput(i))
  return t
}

const flipBit = (b: Bytes, bit: number): Bytes => {
  const c = b.slice()
  c[bit >> 3]! ^= 1 << (bit & 7)
  return c
}

const MAX = 70
const big = tree(MAX)

describe('MerkleTree', () => {
  it('matches the RFC definition of MTH for every size 0..70', () => {
    const leaves = Array.from({ length: MAX }, (_, i) => leafInput(i))
    for (let n = 0; n <= MAX; n++) expect(toHex(big.root(n))).toBe(toHex(mth(leaves.slice(0, n))))
  })

  it('known answer: the empty tree is SHA-256 of nothing', () => {
    expect(toHex(tree(0).root())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
  })

  it('every inclusion proof verifies, in every tree size 1..70', () => {
    for (let n = 1; n <= MAX; n++) {
      const root = big.root(n)
      for (let i = 0; i < n; i++) {
        expect(verifyInclusion(big.leafHash(i), i, n, big.inclusionProof(i, n), root)).toBe(true)
      }
    }
  })

  it('every consistency proof verifies, for all 1 <= m <= n <= 70', () => {
    for (let n = 1; n <= MAX; n++) {
      for (let m = 1; m <= n; m++) {
        expect(verifyConsistency(m, n, big.consistencyProof(m, n), big.root(m), big.root(n))).toBe(true)
      }
    }
  })

  const sizes = fc.integer({ min: 1, max: MAX }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n - 1 })))

  it('any single-bit change to an inclusion proof, root or leaf fails', () => {
    fc.assert(
      fc.property(sizes, fc.nat(), fc.integer({ min: 0, max: 255 }), ([n, i], pick, bit) => {
        const leaf = big.leafHash(i)
        const root = big.root(n)
        const path = big.inclusionProof(i, n)
        const target = pick % (path.length + 2)
        if (target < path.length) {
          const bad = path.map((p, j) => (j === target ? flipBit(p, bit) : p))
          expect(verifyInclusion(leaf, i, n, bad, root)).toBe(false)
        } else if (target === path.length) {
          expect(verifyInclusion(leaf, i, n, path, flipBit(root, bit))).toBe(false)
        } else {
          expect(verifyInclusion(flipBit(leaf, bit), i, n, path, root)).toBe(false)
        }
      }),
      { numRuns: 3000 },
    )
  })

  it('any single-bit change to a consistency proof or either root fails', () => {
    fc.assert(
      fc.property(sizes, fc.nat(), fc.integer({ min: 0, max: 255 }), ([n, m0], pick, bit) => {
        const m = m0 + 1
        if (m === n) return
        const path = big.consistencyProof(m, n)
        const r1 = big.root(m)
        const r2 = big.root(n)
        const target = pick % (path.length + 2)
        if (target < path.length) {
          const bad = path.map((p, j) => (j === target ? flipBit(p, bit) : p))
          expect(verifyConsistency(m, n, bad, r1, r2)).toBe(false)
        } else if (target === path.length) {
          expect(verifyConsistency(m, n, path, flipBit(r1, bit), r2)).toBe(false)
        } else {
          expect(verifyConsistency(m, n, path, r1, flipBit(r2, bit))).toBe(false)
        }
      }),
      { numRuns: 3000 },
    )
  })

  it('rejects forged shapes: wrong index or size, missing or extra nodes, another leaf', () => {
    const n = 13
    const root = big.root(n)
    const path = big.inclusionProof(5, n)
    const leaf = big.leafHash(5)
    expect(verifyInclusion(leaf, 5, n, path, root)).toBe(true)
    expect(verifyInclusion(leaf, 4, n, path, root)).toBe(false)
    // A size within the same power-of-two span cannot be told apart by the path alone; one outside it can.
    expect(verifyInclusion(leaf, 5, n + 4, path, root)).toBe(false)
    expect(verifyInclusion(leaf, n, n, path, root)).toBe(false)
    expect(verifyInclusion(leaf, 5, n, path.slice(0, -1), root)).toBe(false)
    expect(verifyInclusion(leaf, 5, n, [...path, path[0]!], root)).toBe(false)
    expect(verifyInclusion(big.leafHash(6), 5, n, path, root)).toBe(false)
    expect(verifyInclusion(leaf, 5, n, [...path.slice(0, 1), new Uint8Array(31)], root)).toBe(false)

    const cp = big.consistencyProof(5, n)
    expect(verifyConsistency(0, n, cp, big.root(0), root)).toBe(false)
    expect(verifyConsistency(n, 5, cp, root, big.root(5))).toBe(false)
    expect(verifyConsistency(5, n, [], big.root(5), root)).toBe(false)
    expect(verifyConsistency(5, n, cp.slice(1), big.root(5), root)).toBe(false)
    expect(verifyConsistency(5, n, [...cp, cp[0]!], big.root(5), root)).toBe(false)
    expect(verifyConsistency(n, n, [], root, root)).toBe(true)
    expect(verifyConsistency(n, n, [cp[0]!], root, root)).toBe(false)
  })

  it('refuses proofs outside the tree', () => {
    expect(() => big.inclusionProof(MAX, MAX)).toThrow(RangeError)
    expect(() => big.inclusionProof(0, MAX + 1)).toThrow(RangeError)
    expect(() => big.consistencyProof(0, 5)).toThrow(RangeError)
    expect(() => big.consistencyProof(6, 5)).toThrow(RangeError)
  })
})
