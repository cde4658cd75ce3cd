import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type Bytes, toHex } from '../ports/crypto-port.js'
import { verifyConsistency, verifyInclusion } from '../kernel/merkle-verify.js'
import {
  AuditRangeError,
  leafHashWith,
  MemoryNodeStore,
  type MerkleNodeStore,
  MerkleTree,
  nodeHashWith,
  nodePosition,
  RetentionError,
} from './merkle-tree.js'
import { nodeCrypto } from '../ports/node-crypto.js'

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
    for (const call of [
      () => big.inclusionProof(MAX, MAX),
      () => big.inclusionProof(0, MAX + 1),
      () => big.consistencyProof(0, 5),
      () => big.consistencyProof(6, 5),
    ]) {
      expect(call).toThrow(AuditRangeError)
      expect(call).toThrow(expect.objectContaining({ code: 'AUDIT_OUT_OF_RANGE', state: 'audit' }))
    }
  })
})

describe('MerkleTree with a retention bound', () => {
  it('answers the same proofs as the full tree for retained leaves, and RetentionError before them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 40 }), (n, retain) => {
        const full = tree(n)
        const bounded = new MerkleTree(nodeCrypto, { retain })
        for (let i = 0; i < n; i++) bounded.append(leafInput(i))
        expect(toHex(bounded.root())).toBe(toHex(full.root()))
        const lo = Math.max(0, n - retain)
        for (let i = lo; i < n; i++) expect(bounded.inclusionProof(i).map(toHex)).toEqual(full.inclusionProof(i).map(toHex))
        for (let m = Math.max(1, lo + 1); m <= n; m++)
          expect(bounded.consistencyProof(m).map(toHex)).toEqual(full.consistencyProof(m).map(toHex))
        if (lo >= 3) expect(() => bounded.inclusionProof(0)).toThrow(RetentionError)
      }),
      { seed: 18, numRuns: 150 },
    )
  })

  it('holds about 2·retain hashes however many leaves it saw', () => {
    const t = new MerkleTree(nodeCrypto, { retain: 64 })
    for (let i = 0; i < 20_000; i++) t.append(leafInput(i))
    const held = (t as unknown as { store: MemoryNodeStore }).store.held
    expect(held).toBeLessThanOrEqual(2 * 64 + 2 * 16)
  })
})

describe('MerkleTree from its frontier', () => {
  it('goes on appending and proving like the tree it was taken from, older nodes from its store', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 100 }), (n, more) => {
        const full = tree(n + more)
        const stored = new Map<number, Bytes>()
        const writer = new MerkleTree(nodeCrypto, { onNode: (l, i, h) => stored.set(nodePosition(l, i), h.slice()) })
        for (let i = 0; i < n; i++) writer.append(leafInput(i))
        // A store like the ledger's: the newest 8 leaves' nodes in memory, older ones from the map.
        const recent = new MemoryNodeStore(8)
        const store: MerkleNodeStore = {
          retain: Infinity,
          node: (l, i) => recent.node(l, i) ?? stored.get(nodePosition(l, i)),
          add: (l, i, h) => recent.add(l, i, h),
          start: (size, frontier) => recent.start(size, frontier),
        }
        const restored = MerkleTree.fromFrontier(nodeCrypto, n, writer.frontier(), {
          store,
          onNode: (l, i, h) => stored.set(nodePosition(l, i), h.slice()),
        })
        expect(toHex(restored.root())).toBe(toHex(full.root(n)))
        for (let i = n; i < n + more; i++) restored.append(leafInput(i))
        const size = n + more
        expect(toHex(restored.root())).toBe(toHex(full.root()))
        for (let i = 0; i < size; i++) expect(restored.inclusionProof(i).map(toHex)).toEqual(full.inclusionProof(i).map(toHex))
        for (let m = 1; m <= size; m++) expect(restored.consistencyProof(m).map(toHex)).toEqual(full.consistencyProof(m).map(toHex))
      }),
      { seed: 18, numRuns: 60 },
    )
  })
})
