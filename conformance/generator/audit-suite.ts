/** audit_test.json: v1 record hashes, Merkle tree heads, inclusion and consistency proofs, and forgeries. */

import { createSeededRandom, createIdSource } from '../../src/core/index.js'
import { fromHex, recordHash, toHex } from '../../src/core/kernel/index.js'
import { MerkleTree } from '../../src/core/merkle-tree.js'
import { nodeCrypto } from '../../src/core/node-crypto.js'
import { type TestDraft, vectorFile } from '../lib/vector-file.js'

const notes = {
  Valid: { bugType: 'BASIC', description: 'Computed by the reference engine; must verify.' },
  Tampered: { bugType: 'FORGERY', description: 'One field of the record changed after hashing; the hash must not match.' },
  BitFlip: { bugType: 'FORGERY', description: 'A single bit flipped in a proof node, a root or the leaf.' },
  MissingNode: { bugType: 'FORGERY', description: 'A proof node removed.' },
  ExtraNode: { bugType: 'FORGERY', description: 'A node appended to a proof.' },
  WrongIndex: { bugType: 'FORGERY', description: 'The proof is checked for another leaf index, or one at or past the tree size.' },
  WrongSize: { bugType: 'FORGERY', description: 'The proof is checked against another tree size.' },
  OtherLeaf: { bugType: 'FORGERY', description: "A valid proof for one leaf presented for another leaf's hash." },
  FromZero: { bugType: 'FORGERY', description: 'A consistency proof from an empty tree is refused.' },
  FromLarger: { bugType: 'FORGERY', description: 'A consistency proof from a larger tree to a smaller one is refused.' },
  SameSize: { bugType: 'EDGE_CASE', description: 'first == second: valid only with an empty proof and equal roots.' },
  SwappedRoots: { bugType: 'FORGERY', description: 'The two roots of a consistency proof exchanged.' },
  BadEncoding: { bugType: 'MALLEABILITY', description: 'A node that is not 32 bytes of lowercase hex.' },
} as const

const MAX = 33
const leaves = Array.from({ length: MAX }, (_, i) => nodeCrypto.sha256(`audit-record-${i}`))
const tree = new MerkleTree(nodeCrypto)
for (const l of leaves) tree.append(l)
const hex = (b: Uint8Array) => toHex(b)
const root = (n: number) => hex(tree.root(n))
const flip = (h: string, bit = 0) => {
  const b = fromHex(h)
  b[bit >> 3]! ^= 1 << (bit & 7)
  return toHex(b)
}

function recordTests(): TestDraft[] {
  const clock = () => 1_700_000_000_000
  const ids = createIdSource(clock, createSeededRandom('audit-records'))
  const t: TestDraft[] = []
  let previousHash = '0'.repeat(64)
  for (let i = 0; i < 8; i++) {
    const record = { id: ids(), signature: `spam:${hex(leaves[i]!)}`, timestamp: 1_700_000_000_000 + i * 1000, previousHash }
    const hash = recordHash(record)
    t.push({ comment: i === 0 ? 'genesis record' : `record ${i} chained to the previous hash`, flags: ['Valid'], record, hash, result: 'valid' })
    previousHash = hash
  }
  const base = t[3]!.record as { id: string; signature: string; timestamp: number; previousHash: string }
  const hash = t[3]!.hash as string
  for (const [comment, record] of [
    ['id changed', { ...base, id: base.id.replace(/.$/, (c) => (c === '0' ? '1' : '0')) }],
    ['signature category changed', { ...base, signature: base.signature.replace('spam', 'ddos') }],
    ['timestamp off by one', { ...base, timestamp: base.timestamp + 1 }],
    ['previousHash of another record', { ...base, previousHash: '0'.repeat(64) }],
  ] as const) t.push({ comment, flags: ['Tampered'], record, hash, result: 'invalid' })
  return t
}

function treeHeadTests(): TestDraft[] {
  const t: TestDraft[] = []
  for (const n of [0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33]) {
    t.push({ comment: `root of ${n} leaves`, flags: ['Valid'], leaves: leaves.slice(0, n).map(hex), rootHash: root(n), result: 'valid' })
  }
  t.push({ comment: 'root with one bit flipped', flags: ['BitFlip'], leaves: leaves.slice(0, 5).map(hex), rootHash: flip(root(5), 77), result: 'invalid' })
  t.push({ comment: 'root of 5 leaves claimed for 4', flags: ['WrongSize'], leaves: leaves.slice(0, 4).map(hex), rootHash: root(5), result: 'invalid' })
  return t
}

function inclusionTests(): TestDraft[] {
  const t: TestDraft[] = []
  const proof = (index: number, size: number) => ({
    leafHash: hex(tree.leafHash(index)),
    leafIndex: index,
    treeSize: size,
    path: tree.inclusionProof(index, size).map(hex),
    rootHash: root(size),
  })
  for (let n = 1; n <= MAX; n++) {
    for (const i of new Set([0, n - 1, Math.floor(n / 2), (n * 7) % n])) {
      t.push({ comment: `leaf ${i} of ${n}`, flags: ['Valid'], ...proof(i, n), result: 'valid' })
    }
  }
  const bad = (comment: string, flags: string[], p: ReturnType<typeof proof>) => t.push({ comment, flags, ...p, result: 'invalid' })
  for (const [i, n] of [[5, 13], [0, 8], [12, 13], [20, 33], [1, 2]] as const) {
    const p = proof(i, n)
    p.path.forEach((node, j) => bad(`leaf ${i} of ${n}: bit flipped in node ${j}`, ['BitFlip'], { ...p, path: p.path.map((x, k) => (k === j ? flip(x, j * 11) : x)) }))
    bad(`leaf ${i} of ${n}: bit flipped in the root`, ['BitFlip'], { ...p, rootHash: flip(p.rootHash, 255) })
    bad(`leaf ${i} of ${n}: bit flipped in the leaf`, ['BitFlip'], { ...p, leafHash: flip(p.leafHash, 3) })
    bad(`leaf ${i} of ${n}: last node missing`, ['MissingNode'], { ...p, path: p.path.slice(0, -1) })
    bad(`leaf ${i} of ${n}: first node missing`, ['MissingNode'], { ...p, path: p.path.slice(1) })
    bad(`leaf ${i} of ${n}: extra node`, ['ExtraNode'], { ...p, path: [...p.path, p.rootHash] })
    bad(`leaf ${i} of ${n}: index + 1`, ['WrongIndex'], { ...p, leafIndex: i + 1 })
    bad(`leaf ${i} of ${n}: index = size`, ['WrongIndex'], { ...p, leafIndex: n })
    bad(`leaf ${i} of ${n}: size doubled`, ['WrongSize'], { ...p, treeSize: n * 2 })
    bad(`leaf ${i} of ${n}: another leaf's hash`, ['OtherLeaf'], { ...p, leafHash: hex(tree.leafHash((i + 1) % n)) })
  }
  const p = proof(3, 9)
  bad('a node of 31 bytes', ['BadEncoding'], { ...p, path: [p.path[0]!.slice(0, 62), ...p.path.slice(1)] })
  bad('a node in upper-case hex', ['BadEncoding'], { ...p, path: [p.path[0]!.toUpperCase(), ...p.path.slice(1)] })
  bad('a node that is not hex', ['BadEncoding'], { ...p, path: ['zz' + p.path[0]!.slice(2), ...p.path.slice(1)] })
  bad('empty proof for a tree of 9', ['MissingNode'], { ...p, path: [] })
  return t
}

function consistencyTests(): TestDraft[] {
  const t: TestDraft[] = []
  const proof = (m: number, n: number) => ({
    firstSize: m,
    secondSize: n,
    firstRoot: root(m),
    secondRoot: root(n),
    path: tree.consistencyProof(m, n).map(hex),
  })
  for (let n = 1; n <= MAX; n += n < 10 ? 1 : 4) {
    for (const m of new Set([1, Math.max(1, n >> 1), n - 1 || 1, n])) {
      t.push({ comment: `from ${m} to ${n}`, flags: m === n ? ['Valid', 'SameSize'] : ['Valid'], ...proof(m, n), result: 'valid' })
    }
  }
  const bad = (comment: string, flags: string[], p: ReturnType<typeof proof>) => t.push({ comment, flags, ...p, result: 'invalid' })
  for (const [m, n] of [[3, 7], [4, 8], [6, 13], [1, 33], [16, 17]] as const) {
    const p = proof(m, n)
    p.path.forEach((_, j) => bad(`${m} to ${n}: bit flipped in node ${j}`, ['BitFlip'], { ...p, path: p.path.map((x, k) => (k === j ? flip(x, 200 - j) : x)) }))
    bad(`${m} to ${n}: bit flipped in the first root`, ['BitFlip'], { ...p, firstRoot: flip(p.firstRoot, 9) })
    bad(`${m} to ${n}: bit flipped in the second root`, ['BitFlip'], { ...p, secondRoot: flip(p.secondRoot, 100) })
    bad(`${m} to ${n}: last node missing`, ['MissingNode'], { ...p, path: p.path.slice(0, -1) })
    bad(`${m} to ${n}: extra node`, ['ExtraNode'], { ...p, path: [...p.path, p.firstRoot] })
    bad(`${m} to ${n}: second size doubled`, ['WrongSize'], { ...p, secondSize: n * 2 })
    bad(`${m} to ${n}: first size - 1`, ['WrongSize'], { ...p, firstSize: m - 1 })
    bad(`${m} to ${n}: roots swapped`, ['SwappedRoots'], { ...p, firstRoot: p.secondRoot, secondRoot: p.firstRoot })
  }
  bad('from an empty tree', ['FromZero'], { firstSize: 0, secondSize: 5, firstRoot: root(0), secondRoot: root(5), path: [] })
  bad('from an empty tree with a path', ['FromZero'], { firstSize: 0, secondSize: 5, firstRoot: root(0), secondRoot: root(5), path: [root(5)] })
  bad('from a larger tree', ['FromLarger'], { ...proof(3, 7), firstSize: 7, secondSize: 3, firstRoot: root(7), secondRoot: root(3) })
  bad('same size with a non-empty proof', ['SameSize'], { ...proof(5, 5), path: [root(5)] })
  bad('same size with different roots', ['SameSize'], { ...proof(5, 5), secondRoot: root(6) })
  bad('empty proof between different sizes', ['MissingNode'], { ...proof(3, 7), path: [] })
  return t
}

export function auditSuite() {
  return vectorFile(
    'audit',
    [
      'Audit records and Merkle proofs (DESIGN §4).',
      'RecordHashTest: hash = hex SHA-256(JSON.stringify({id, signature, timestamp, previousHash})); valid iff it equals the given hash.',
      'TreeHeadTest: leaves are record hashes (leaf input = their 32 raw bytes); valid iff the RFC 9162 root equals rootHash.',
      'InclusionProofTest / ConsistencyProofTest: RFC 9162 §2.1.3.2 / §2.1.4.2 verification; leafHash is the RFC leaf hash (0x00 prefix).',
    ],
    notes,
    [
      { type: 'RecordHashTest', tests: recordTests() },
      { type: 'TreeHeadTest', tests: treeHeadTests() },
      { type: 'InclusionProofTest', tests: inclusionTests() },
      { type: 'ConsistencyProofTest', tests: consistencyTests() },
    ],
  )
}
