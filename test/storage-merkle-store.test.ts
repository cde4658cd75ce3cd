/**
 * The durable tree's node store: proofs over stored nodes equal the in-memory tree's, the upper
 * levels stay within their bound as the tree grows, and a proof then reads only its lower levels.
 */

import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createSeededRandom, MerkleTree, nodeCrypto, nodePosition, toHex } from '../src/core/index.js'
import { NODE_INSERT_SQL, StoredNodeStore, UpperLevelCache } from '../src/storage/merkle-store.js'

const leaf = (i: number) => new TextEncoder().encode(`leaf ${i}`)

/** A file holding every node of an n-leaf tree (as the ledger writes them), and that tree in memory. */
function storedTreeOf(n: number) {
  const db = new Database(':memory:')
  db.exec('CREATE TABLE merkle_node (pos INTEGER PRIMARY KEY, hash BLOB NOT NULL)')
  const insert = db.prepare(NODE_INSERT_SQL)
  const full = new MerkleTree(nodeCrypto, { onNode: (l, i, h) => insert.run(nodePosition(l, i), h) })
  db.transaction(() => {
    for (let i = 0; i < n; i++) full.append(leaf(i))
  })()
  return { db, full }
}

describe('UpperLevelCache', () => {
  it('never holds more than its capacity, gives up the lowest levels first, and returns what it holds', () => {
    const rand = createSeededRandom('upper')
    const cache = new UpperLevelCache(1024)
    const hash = (level: number, index: number) => nodeCrypto.sha256(`${level}/${index}`)
    // A growing tree of 2^16 leaves: nodes arrive as they complete.
    let most = 0
    for (let size = 1; size <= 65_536; size++) {
      for (let level = 0, index = size - 1; ; level++, index = (index - 1) / 2) {
        cache.set(level, index, hash(level, index))
        if (index % 2 === 0) break
      }
      most = Math.max(most, cache.slots)
    }
    expect(most).toBeLessThanOrEqual(1024)
    // 65 536 leaves in 1 024 slots: levels 0..6 cannot fit (level 7 alone needs 512).
    expect(cache.lowest).toBeGreaterThanOrEqual(7)
    for (let k = 0; k < 2000; k++) {
      const level = rand(1)[0]! % 17
      const index = (rand(2)[0]! * 256 + rand(2)[1]!) % Math.max(1, 65_536 / 2 ** level)
      const got = cache.get(level, index)
      if (level < cache.lowest) expect(got).toBeUndefined()
      else expect(got && toHex(got)).toBe(toHex(hash(level, index)))
    }
  })
})

describe('StoredNodeStore', () => {
  it('serves the same proofs as the whole tree in memory, reading only the levels below its cache', () => {
    const n = 20_000
    const { db, full } = storedTreeOf(n)
    const store = new StoredNodeStore(db, { recentLeaves: 1, upperNodes: 256 })
    const tree = MerkleTree.fromFrontier(nodeCrypto, n, full.frontier(), { store })
    expect(toHex(tree.root())).toBe(toHex(full.root()))
    const rand = createSeededRandom('stored-nodes')
    const below = (m: number) => (rand(4).reduce((a, b) => a * 256 + b, 0) >>> 0) % m
    for (let k = 0; k < 300; k++) {
      const i = below(n)
      expect(tree.inclusionProof(i).map(toHex)).toEqual(full.inclusionProof(i).map(toHex))
      const m = 1 + below(n - 1)
      expect(tree.consistencyProof(m).map(toHex)).toEqual(full.consistencyProof(m).map(toHex))
    }
    expect(store.upper.slots).toBeLessThanOrEqual(256)
    // Warm: an inclusion proof reads at most one row per level below the cached ones.
    const before = store.rowsRead
    for (let k = 0; k < 100; k++) tree.inclusionProof(below(n))
    expect((store.rowsRead - before) / 100).toBeLessThanOrEqual(store.upper.lowest)
    // Appending goes on from the frontier; the new leaves' nodes are held until they are written.
    for (let i = n; i < n + 50; i++) {
      tree.append(leaf(i))
      full.append(leaf(i))
    }
    expect(toHex(tree.root())).toBe(toHex(full.root()))
    expect(tree.inclusionProof(n + 49).map(toHex)).toEqual(full.inclusionProof(n + 49).map(toHex))
    db.close()
  })

  it('reads about one row per leaf when proofs go leaf after leaf (an export)', () => {
    const n = 4096
    const { db, full } = storedTreeOf(n)
    const store = new StoredNodeStore(db, { recentLeaves: 1, upperNodes: 64 })
    const tree = MerkleTree.fromFrontier(nodeCrypto, n, full.frontier(), { store })
    for (let i = 0; i < n; i++) tree.inclusionProof(i)
    expect(store.rowsRead / n).toBeLessThan(2.2)
    db.close()
  })
})
