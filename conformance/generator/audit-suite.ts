/** audit_test.json: v1 record hashes, entry leaf hashes, Merkle tree heads, inclusion and consistency proofs (to 2^53), and forgeries. */

import { type AuditEntry, createIdSource, createSeededRandom, MerkleTree, nodeCrypto } from '../../src/core/index.js'
import { fromHex, leafHash, recordHash, toHex } from '../../src/core/kernel/index.js'
import { type TestDraft, vectorFile } from '../lib/vector-file.js'
import { VirtualTree } from './virtual-tree.js'

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
  FieldChanged: {
    bugType: 'FORGERY',
    description: 'One field of an entry changed after its leaf was computed: every field is bound, so the leaf must not match.',
  },
  UnknownType: { bugType: 'FORGERY', description: 'An entry type outside the schema (or none): a verifier refuses it.' },
  ExtraField: { bugType: 'MALLEABILITY', description: "A field outside the type's schema: a verifier refuses it rather than hash it." },
  MissingField: { bugType: 'MALLEABILITY', description: 'A field of the schema is absent: refused.' },
  BadField: {
    bugType: 'MALLEABILITY',
    description: 'A field of the wrong form (a string for a number, upper-case hex, a negative size…): refused.',
  },
  LargeTree: {
    bugType: 'EDGE_CASE',
    description: 'Tree sizes and indices above 2^32 (up to 2^53 - 1): exact arithmetic, no 32-bit tricks.',
  },
  Truncated32: {
    bugType: 'FORGERY',
    description:
      'A proof valid for sizes or an index taken modulo 2^32, presented with the full value: an implementation that cuts to 32 bits accepts it.',
  },
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
    t.push({
      comment: i === 0 ? 'genesis record' : `record ${i} chained to the previous hash`,
      flags: ['Valid'],
      record,
      hash,
      result: 'valid',
    })
    previousHash = hash
  }
  const base = t[3]!.record as { id: string; signature: string; timestamp: number; previousHash: string }
  const hash = t[3]!.hash as string
  for (const [comment, record] of [
    ['id changed', { ...base, id: base.id.replace(/.$/, (c) => (c === '0' ? '1' : '0')) }],
    ['signature category changed', { ...base, signature: base.signature.replace('spam', 'ddos') }],
    ['timestamp off by one', { ...base, timestamp: base.timestamp + 1 }],
    ['previousHash of another record', { ...base, previousHash: '0'.repeat(64) }],
  ] as const)
    t.push({ comment, flags: ['Tampered'], record, hash, result: 'invalid' })
  return t
}

function treeHeadTests(): TestDraft[] {
  const t: TestDraft[] = []
  for (const n of [0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33]) {
    t.push({ comment: `root of ${n} leaves`, flags: ['Valid'], leaves: leaves.slice(0, n).map(hex), rootHash: root(n), result: 'valid' })
  }
  t.push({
    comment: 'root with one bit flipped',
    flags: ['BitFlip'],
    leaves: leaves.slice(0, 5).map(hex),
    rootHash: flip(root(5), 77),
    result: 'invalid',
  })
  t.push({
    comment: 'root of 5 leaves claimed for 4',
    flags: ['WrongSize'],
    leaves: leaves.slice(0, 4).map(hex),
    rootHash: root(5),
    result: 'invalid',
  })
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
  for (const [i, n] of [
    [5, 13],
    [0, 8],
    [12, 13],
    [20, 33],
    [1, 2],
  ] as const) {
    const p = proof(i, n)
    p.path.forEach((_node, j) =>
      bad(`leaf ${i} of ${n}: bit flipped in node ${j}`, ['BitFlip'], {
        ...p,
        path: p.path.map((x, k) => (k === j ? flip(x, j * 11) : x)),
      }),
    )
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
  for (const [m, n] of [
    [3, 7],
    [4, 8],
    [6, 13],
    [1, 33],
    [16, 17],
  ] as const) {
    const p = proof(m, n)
    p.path.forEach((_, j) =>
      bad(`${m} to ${n}: bit flipped in node ${j}`, ['BitFlip'], { ...p, path: p.path.map((x, k) => (k === j ? flip(x, 200 - j) : x)) }),
    )
    bad(`${m} to ${n}: bit flipped in the first root`, ['BitFlip'], { ...p, firstRoot: flip(p.firstRoot, 9) })
    bad(`${m} to ${n}: bit flipped in the second root`, ['BitFlip'], { ...p, secondRoot: flip(p.secondRoot, 100) })
    bad(`${m} to ${n}: last node missing`, ['MissingNode'], { ...p, path: p.path.slice(0, -1) })
    bad(`${m} to ${n}: extra node`, ['ExtraNode'], { ...p, path: [...p.path, p.firstRoot] })
    bad(`${m} to ${n}: second size doubled`, ['WrongSize'], { ...p, secondSize: n * 2 })
    bad(`${m} to ${n}: first size - 1`, ['WrongSize'], { ...p, firstSize: m - 1 })
    bad(`${m} to ${n}: roots swapped`, ['SwappedRoots'], { ...p, firstRoot: p.secondRoot, secondRoot: p.firstRoot })
  }
  bad('from an empty tree', ['FromZero'], { firstSize: 0, secondSize: 5, firstRoot: root(0), secondRoot: root(5), path: [] })
  bad('from an empty tree with a path', ['FromZero'], {
    firstSize: 0,
    secondSize: 5,
    firstRoot: root(0),
    secondRoot: root(5),
    path: [root(5)],
  })
  bad('from a larger tree', ['FromLarger'], { ...proof(3, 7), firstSize: 7, secondSize: 3, firstRoot: root(7), secondRoot: root(3) })
  bad('same size with a non-empty proof', ['SameSize'], { ...proof(5, 5), path: [root(5)] })
  bad('same size with different roots', ['SameSize'], { ...proof(5, 5), secondRoot: root(6) })
  bad('empty proof between different sizes', ['MissingNode'], { ...proof(3, 7), path: [] })
  return t
}

/** One entry of each type and the leaf hashes of their changed forms. */
function leafTests(): TestDraft[] {
  const clock = () => 1_700_000_000_000
  const ids = createIdSource(clock, createSeededRandom('audit-leaves'))
  const sig = (c: string, i: number) => `${c}:${hex(leaves[i]!)}`
  const first = { id: ids(), signature: sig('spam', 1), timestamp: 1_700_000_000_100, previousHash: '0'.repeat(64) }
  const neutralization = { ...first, type: 'neutralization', hash: recordHash(first) }
  const second = { id: ids(), signature: sig('malware', 2), timestamp: 1_700_000_000_200, previousHash: neutralization.hash }
  const evacuation = { ...second, type: 'evacuation', hash: recordHash(second) }
  const capture = {
    type: 'capture',
    signature: sig('injection', 3),
    hash: hex(leaves[3]!),
    size: 1234,
    severity: 'high',
    captured: 1_700_000_000_300,
    compressed: false,
  }
  const purge = { type: 'purge', signature: sig('ddos', 4), timestamp: 1_700_000_000_400, reason: 'timeout' }
  const t: TestDraft[] = []
  const valid = (comment: string, entry: Record<string, unknown>) =>
    t.push({ comment, flags: ['Valid'], entry, leafHash: leafHash(entry as unknown as AuditEntry), result: 'valid' })
  valid('a neutralization record', neutralization)
  valid('an evacuation record chained to it', evacuation)
  valid('a capture entry', capture)
  valid('a compressed capture of critical severity', {
    ...capture,
    signature: sig('flood', 5),
    hash: hex(leaves[5]!),
    severity: 'critical',
    compressed: true,
    size: 1,
  })
  valid('a purge entry', purge)
  valid('a purge on panic', { ...purge, reason: 'panic', timestamp: 0 })
  valid('fields in another order hash the same (TH-CJSON-1 sorts keys)', Object.fromEntries(Object.entries(capture).reverse()))

  const forged = (comment: string, flags: string[], entry: Record<string, unknown>, of: Record<string, unknown>) =>
    t.push({ comment, flags, entry, leafHash: leafHash(of as unknown as AuditEntry), result: 'invalid' })
  const changes: Record<string, [Record<string, unknown>, Record<string, unknown>]> = {
    neutralization: [
      neutralization,
      { id: ids(), type: 'evacuation', signature: sig('ddos', 9), timestamp: 1, previousHash: '1'.repeat(64), hash: '2'.repeat(64) },
    ],
    capture: [
      capture,
      { type: 'capture', signature: sig('spam', 9), hash: hex(leaves[9]!), size: 1235, severity: 'low', captured: 1, compressed: true },
    ],
    purge: [purge, { type: 'purge', signature: sig('spam', 10), timestamp: 2, reason: 'abort' }],
  }
  for (const [type, [entry, other]] of Object.entries(changes)) {
    for (const field of Object.keys(entry)) {
      if (field === 'type') continue
      forged(`${type}: ${field} changed`, ['FieldChanged'], { ...entry, [field]: other[field] }, entry)
    }
  }
  forged(
    "neutralization presented as an evacuation (v1's record hash does not cover type)",
    ['FieldChanged'],
    { ...neutralization, type: 'evacuation' },
    neutralization,
  )
  forged('evacuation presented as a neutralization', ['FieldChanged'], { ...evacuation, type: 'neutralization' }, evacuation)
  forged('type changed to an unknown one', ['UnknownType'], { ...neutralization, type: 'note' }, neutralization)
  forged('type upper-cased', ['UnknownType'], { ...capture, type: 'Capture' }, capture)
  forged('no type', ['UnknownType'], Object.fromEntries(Object.entries(purge).filter(([k]) => k !== 'type')), purge)
  forged('type is a number', ['UnknownType'], { ...purge, type: 1 }, purge)
  forged('type "__proto__"', ['UnknownType'], { ...purge, type: '__proto__' }, purge)
  forged('an entry that is an array', ['UnknownType'], [neutralization] as unknown as Record<string, unknown>, neutralization)
  forged('an extra field on a record', ['ExtraField'], { ...neutralization, note: 'hi' }, neutralization)
  forged('a record carrying its mac', ['ExtraField'], { ...neutralization, mac: '0'.repeat(64) }, neutralization)
  forged('a capture carrying a record field', ['ExtraField'], { ...capture, previousHash: '0'.repeat(64) }, capture)
  forged('a purge with an id', ['ExtraField'], { ...purge, id: 'x' }, purge)
  for (const [entry, field] of [
    [neutralization, 'previousHash'],
    [capture, 'compressed'],
    [purge, 'reason'],
  ] as const) {
    forged(
      `${entry.type} without ${field}`,
      ['MissingField'],
      Object.fromEntries(Object.entries(entry).filter(([k]) => k !== field)),
      entry,
    )
  }
  forged('timestamp as a string', ['BadField'], { ...neutralization, timestamp: String(neutralization.timestamp) }, neutralization)
  forged('timestamp with a fraction', ['BadField'], { ...neutralization, timestamp: neutralization.timestamp + 0.5 }, neutralization)
  forged('hash in upper-case hex', ['BadField'], { ...neutralization, hash: neutralization.hash.toUpperCase() }, neutralization)
  forged('previousHash of 31 bytes', ['BadField'], { ...evacuation, previousHash: evacuation.previousHash.slice(2) }, evacuation)
  forged('negative size', ['BadField'], { ...capture, size: -1 }, capture)
  forged('size above 2^53', ['BadField'], { ...capture, size: 2 ** 53 }, capture)
  forged('unknown severity', ['BadField'], { ...capture, severity: 'severe' }, capture)
  forged('compressed as 0', ['BadField'], { ...capture, compressed: 0 }, capture)
  forged('signature without a category', ['BadField'], { ...capture, signature: hex(leaves[3]!) }, capture)
  forged('unknown purge reason', ['BadField'], { ...purge, reason: 'manual' }, purge)
  forged('empty id', ['BadField'], { ...neutralization, id: '' }, neutralization)
  return t
}

/** Rate-limit block entries: {type, source, blockedUntil}. */
function blockLeafTests(): TestDraft[] {
  const block = { type: 'block', source: '203.0.113.7', blockedUntil: 1_700_000_300_000 }
  const t: TestDraft[] = []
  const leaf = (e: Record<string, unknown>) => leafHash(e as unknown as AuditEntry)
  t.push({ comment: 'a block entry', flags: ['Valid'], entry: block, leafHash: leaf(block), result: 'valid' })
  t.push({
    comment: 'a block of an empty source',
    flags: ['Valid'],
    entry: { ...block, source: '' },
    leafHash: leaf({ ...block, source: '' }),
    result: 'valid',
  })
  const bad = (comment: string, flags: string[], entry: Record<string, unknown>) =>
    t.push({ comment, flags, entry, leafHash: leaf(block), result: 'invalid' })
  bad('block: source changed', ['FieldChanged'], { ...block, source: '203.0.113.8' })
  bad('block: blockedUntil changed', ['FieldChanged'], { ...block, blockedUntil: block.blockedUntil - 1 })
  bad('block with a signature', ['ExtraField'], { ...block, signature: `spam:${hex(leaves[0]!)}` })
  bad('block without blockedUntil', ['MissingField'], { type: 'block', source: block.source })
  bad('block: source is a number', ['BadField'], { ...block, source: 7 })
  bad('block: blockedUntil negative', ['BadField'], { ...block, blockedUntil: -1 })
  return t
}

// Trees of 2^32 ± a few, 2^52 + a few and 2^53 - 1 leaves: equal filler leaves, distinct ones at the end.
const big32 = new VirtualTree(2 ** 32 - 8, 'big32')
const big52 = new VirtualTree(2 ** 52 - 4, 'big52')
const big53 = new VirtualTree(2 ** 53 - 8, 'big53')

function selfCheckVirtualTree(): void {
  const v = new VirtualTree(5, 'check')
  const t = new MerkleTree(nodeCrypto)
  for (let i = 0; i < 20; i++) t.append(new TextEncoder().encode(i < 5 ? 'check/filler' : `check/leaf ${i}`))
  for (let n = 1; n <= 20; n++) {
    const same = (a: Uint8Array[], b: Uint8Array[]) => a.length === b.length && a.every((x, i) => hex(x) === hex(b[i]!))
    if (hex(v.root(n)) !== hex(t.root(n))) throw new Error(`virtual tree root of ${n} disagrees`)
    for (let m = 1; m <= n; m++) {
      if (!same(v.consistency(m, n), t.consistencyProof(m, n))) throw new Error(`virtual consistency ${m}→${n} disagrees`)
      if (!same(v.inclusion(m - 1, n), t.inclusionProof(m - 1, n))) throw new Error(`virtual inclusion ${m - 1} of ${n} disagrees`)
    }
  }
}

function largeInclusionTests(): TestDraft[] {
  selfCheckVirtualTree()
  const t: TestDraft[] = []
  const proof = (v: VirtualTree, index: number, size: number) => ({
    leafHash: hex(v.leafHash(index)),
    leafIndex: index,
    treeSize: size,
    path: v.inclusion(index, size).map(hex),
    rootHash: hex(v.root(size)),
  })
  const cases: [VirtualTree, number, number][] = [
    [big32, 2 ** 32, 2 ** 32 + 1],
    [big32, 2 ** 32 + 5, 2 ** 32 + 9],
    [big32, 2 ** 32 - 1, 2 ** 32],
    [big32, 2 ** 32 - 1, 2 ** 32 + 7],
    [big32, 0, 2 ** 32 + 3],
    [big32, 2 ** 31 + 3, 2 ** 32 + 2],
    [big52, 2 ** 52 + 1, 2 ** 52 + 3],
    [big52, 2 ** 51, 2 ** 52 + 2],
    [big53, 2 ** 53 - 2, 2 ** 53 - 1],
    [big53, 2 ** 53 - 5, 2 ** 53 - 1],
  ]
  for (const [v, i, n] of cases) t.push({ comment: `leaf ${i} of ${n}`, flags: ['Valid', 'LargeTree'], ...proof(v, i, n), result: 'valid' })
  const bad = (comment: string, flags: string[], p: ReturnType<typeof proof>) => t.push({ comment, flags, ...p, result: 'invalid' })
  const p = proof(big32, 2 ** 32 + 5, 2 ** 32 + 9)
  bad(`leaf ${p.leafIndex} of ${p.treeSize}: index - 2^32`, ['LargeTree', 'WrongIndex'], { ...p, leafIndex: 5 })
  bad(`leaf ${p.leafIndex} of ${p.treeSize}: index + 1`, ['LargeTree', 'WrongIndex'], { ...p, leafIndex: p.leafIndex + 1 })
  bad(`leaf ${p.leafIndex} of ${p.treeSize}: size + 2^32`, ['LargeTree', 'WrongSize'], { ...p, treeSize: p.treeSize + 2 ** 32 })
  bad(`leaf ${p.leafIndex} of ${p.treeSize}: bit flipped in the last node`, ['LargeTree', 'BitFlip'], {
    ...p,
    path: p.path.map((x, k) => (k === p.path.length - 1 ? flip(x, 1) : x)),
  })
  // A proof for leaf 1 of 3 in a small tree, claimed for leaf 2^32+1 of 2^32+3.
  const small = new MerkleTree(nodeCrypto)
  for (let i = 0; i < 3; i++) small.append(new TextEncoder().encode(`small/${i}`))
  bad('leaf 1 of 3, presented as leaf 2^32 + 1 of 2^32 + 3', ['LargeTree', 'Truncated32'], {
    leafHash: hex(small.leafHash(1)),
    leafIndex: 2 ** 32 + 1,
    treeSize: 2 ** 32 + 3,
    path: small.inclusionProof(1, 3).map(hex),
    rootHash: hex(small.root(3)),
  })
  return t
}

function largeConsistencyTests(): TestDraft[] {
  const t: TestDraft[] = []
  const proof = (v: VirtualTree, m: number, n: number) => ({
    firstSize: m,
    secondSize: n,
    firstRoot: hex(v.root(m)),
    secondRoot: hex(v.root(n)),
    path: v.consistency(m, n).map(hex),
  })
  const cases: [VirtualTree, number, number][] = [
    [big32, 2 ** 32 + 1, 2 ** 32 + 2],
    [big32, 2 ** 32, 2 ** 32 + 1],
    [big32, 2 ** 32, 2 ** 32 + 7],
    [big32, 2 ** 32 - 1, 2 ** 32 + 17],
    [big32, 2 ** 32 - 3, 2 ** 32],
    [big32, 2 ** 31, 2 ** 32 + 3],
    [big32, 3, 2 ** 32 + 5],
    [big32, 2 ** 32 + 3, 2 ** 32 + 3],
    // First sizes whose low 32 bits are a power of two: a 32-bit (n & (n - 1)) test calls them one.
    [big32, 2 ** 32 + 2, 2 ** 32 + 3],
    [big32, 2 ** 32 + 4, 2 ** 32 + 7],
    [big32, 2 ** 32 + 8, 2 ** 32 + 11],
    [big32, 2 ** 32 + 16, 2 ** 32 + 17],
    [big52, 2 ** 52 + 2, 2 ** 52 + 3],
    [big52, 2 ** 52, 2 ** 52 + 3],
    [big52, 2 ** 52 - 1, 2 ** 52 + 1],
    [big53, 2 ** 53 - 3, 2 ** 53 - 1],
    [big53, 2 ** 52, 2 ** 53 - 1],
  ]
  for (const [v, m, n] of cases)
    t.push({
      comment: `from ${m} to ${n}`,
      flags: m === n ? ['Valid', 'LargeTree', 'SameSize'] : ['Valid', 'LargeTree'],
      ...proof(v, m, n),
      result: 'valid',
    })
  const bad = (comment: string, flags: string[], p: ReturnType<typeof proof>) => t.push({ comment, flags, ...p, result: 'invalid' })
  const p = proof(big32, 2 ** 32 + 1, 2 ** 32 + 2)
  p.path.forEach((_, j) =>
    bad(`${p.firstSize} to ${p.secondSize}: bit flipped in node ${j}`, ['LargeTree', 'BitFlip'], {
      ...p,
      path: p.path.map((x, k) => (k === j ? flip(x, 7 + j) : x)),
    }),
  )
  bad(`${p.firstSize} to ${p.secondSize}: first size - 1`, ['LargeTree', 'WrongSize'], { ...p, firstSize: p.firstSize - 1 })
  bad(`${p.firstSize} to ${p.secondSize}: second size + 1`, ['LargeTree', 'WrongSize'], { ...p, secondSize: p.secondSize + 1 })
  bad(`${p.firstSize} to ${p.secondSize}: roots swapped`, ['LargeTree', 'SwappedRoots'], {
    ...p,
    firstRoot: p.secondRoot,
    secondRoot: p.firstRoot,
  })
  const q = proof(big32, 2 ** 32, 2 ** 32 + 7)
  bad(`${q.firstSize} to ${q.secondSize}: first root flipped (a power of two: the root starts the path)`, ['LargeTree', 'BitFlip'], {
    ...q,
    firstRoot: flip(q.firstRoot, 3),
  })
  // Proofs of a small tree presented with the sizes + 2^32: what a 32-bit power-of-two test gets wrong.
  for (const [m, n] of [
    [1, 2],
    [3, 7],
    [4, 6],
  ] as const) {
    bad(`${m} to ${n} of a small tree, presented as ${m} + 2^32 to ${n} + 2^32`, ['LargeTree', 'Truncated32'], {
      ...proof(smallTree, m, n),
      firstSize: m + 2 ** 32,
      secondSize: n + 2 ** 32,
    })
  }
  return t
}

const smallTree = new VirtualTree(0, 'small')

export function auditSuite() {
  return vectorFile(
    'audit',
    [
      'Audit log entries, records and Merkle proofs (docs/core.md, "Audit and Merkle tree").',
      'RecordHashTest: hash = hex SHA-256(JSON.stringify({id, signature, timestamp, previousHash})); valid iff it equals the given hash.',
      'TreeHeadTest: leaves are leaf inputs in hex (32 bytes each here; any bytes in general), hashed as SHA-256(0x00 ‖ input); valid iff the RFC 9162 root equals rootHash.',
      'InclusionProofTest / ConsistencyProofTest: RFC 9162 §2.1.3.2 / §2.1.4.2 verification; leafHash is the RFC leaf hash (0x00 prefix). Sizes and indices go up to 2^53 - 1 and must be exact.',
      "LeafHashTest: an audit log entry (neutralization, evacuation, capture, purge or block) and a leaf hash; valid iff the entry is exactly its type's schema and SHA-256(0x00 ‖ TH-CJSON-1(entry)) equals leafHash. Schemas: neutralization/evacuation {id, type, signature, timestamp, previousHash, hash}; capture {type, signature, hash, size, severity, captured, compressed}; purge {type, signature, timestamp, reason}; block {type, source, blockedUntil}. Unknown types and any other field are refused.",
    ],
    notes,
    [
      { type: 'RecordHashTest', tests: recordTests() },
      { type: 'TreeHeadTest', tests: treeHeadTests() },
      { type: 'InclusionProofTest', tests: inclusionTests() },
      { type: 'ConsistencyProofTest', tests: consistencyTests() },
      { type: 'LeafHashTest', tests: leafTests() },
      { type: 'InclusionProofTest', tests: largeInclusionTests() },
      { type: 'ConsistencyProofTest', tests: largeConsistencyTests() },
      { type: 'LeafHashTest', tests: blockLeafTests() },
    ],
  )
}
