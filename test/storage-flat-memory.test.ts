/**
 * Memory that stays flat: a durable engine serves old proofs from the ledger's stored nodes, a start
 * verifies from the last MAC'd checkpoint, `verifyLedgerFile` (audit verify --full) checks
 * everything, and memory mode answers RetentionError beyond its bound.
 */

import { constants, getPriority } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createManualClock,
  createSeededRandom,
  entryText,
  MerkleTree,
  nodeCrypto,
  RetentionError,
  type Scent,
  toHex,
  Tracehound,
} from '../src/core/index.js'
import { fullCheck } from '../src/storage/full-check.js'
import { verifyConsistency, verifyInclusion } from '../src/core/kernel/index.js'
import { Ledger, verifyLedgerFile } from '../src/storage/index.js'
import { editEntries } from './ledger-edit.js'
import { tempDirs } from './storage-tmp.js'

const KEY = { kid: 'k1', key: '00112233445566778899aabbccddeeff' }
const open: Ledger[] = []
afterEach(() => {
  for (const l of open.splice(0)) l.close()
})
const tmp = tempDirs('th-flat').dir

function ledger(dataDir: string, macKeys = [KEY]): Ledger {
  const l = new Ledger({ dataDir, macKeys, checkpointEvery: 16, recentWindow: 8 })
  open.push(l)
  return l
}

const threat = (i: number): Scent => ({
  id: `s${i}`,
  payload: { i },
  source: `src${i}`,
  timestamp: 1_700_000_000_000 + i,
  threat: { category: 'injection', severity: 'high' },
})

function engine(storage: Ledger | undefined, auditRetention: number) {
  const clock = createManualClock(1_700_000_000_000)
  return new Tracehound({
    ...(storage && { storage }),
    auditRetention,
    clock: clock.now,
    random: createSeededRandom('flat'),
    quarantine: { maxCount: 3 },
    macKeys: [KEY],
  })
}

/** n threats into a quarantine of 3: every one after the third evicts (a capture and a record). */
function fill(dir: string, n: number): void {
  const l = ledger(dir)
  const th = engine(l, 8)
  for (let i = 0; i < n; i++) expect(th.intercept(threat(i)).status).toBe('quarantined')
  l.close()
}

/** The reference: the whole tree rebuilt in memory from the stored entries. */
function referenceTree(l: Ledger): MerkleTree {
  const t = new MerkleTree(nodeCrypto)
  for (const e of l.entries()) t.appendText(entryText(e))
  return t
}

const raw = (dir: string) => new Database(join(dir, 'ledger.sqlite'))

describe('durable audit log served from SQLite', () => {
  it('a restarted engine holding 8 leaves proves every leaf of 100+ from stored nodes, verified from the last checkpoint', () => {
    const dir = tmp()
    fill(dir, 60) // 60 captures + 57 evictions = 117 leaves
    const l = ledger(dir)
    expect(l.problems).toEqual([])
    expect(l.verifiedFrom).toBe(113) // the commit that crossed 112 wrote it: only 4 entries verified at this start
    const th = engine(l, 8)
    const ref = referenceTree(l)
    expect(ref.size).toBe(117)
    const head = th.treeHead()
    expect(head.rootHash).toBe(toHex(ref.root()))
    for (let i = 0; i < ref.size; i++) {
      const p = th.inclusionProof(i)
      expect(p.path).toEqual(ref.inclusionProof(i).map(toHex))
      expect(verifyInclusion({ leafHash: p.leafHash, leafIndex: i, treeSize: p.treeSize, path: p.path, rootHash: head.rootHash })).toBe(
        true,
      )
    }
    for (const m of [1, 7, 16, 64, 100, 116]) {
      const c = th.consistencyProof(m)
      expect(
        verifyConsistency({ firstSize: m, secondSize: 117, path: c.path, firstRoot: toHex(ref.root(m)), secondRoot: head.rootHash }),
      ).toBe(true)
    }
    // The v1 chain goes on from the restored frontier; an old record still comes back by leaf.
    expect(th.auditChain.length).toBe(57)
    expect(th.auditChain.recordAtLeaf(4)).toMatchObject({ type: 'neutralization' })
    expect(th.intercept(threat(100)).status).toBe('quarantined')
    expect(th.auditChain.verify()).toBe(true)
  })

  it("a start trusts the MAC'd checkpoint; verify --full finds what lies before it, and a start finds what lies after", () => {
    const dir = tmp()
    fill(dir, 60)
    const db = raw(dir)
    // Leaf 4 is before the checkpoint (113), leaf 114 after it.
    const firstRecord = db.prepare('SELECT entry FROM audit_log WHERE idx = 4').pluck().get() as string
    expect(JSON.parse(firstRecord).type).toBe('neutralization')
    editEntries(
      db,
      (e) => e.id === JSON.parse(firstRecord).id,
      (e) => (e.timestamp = (e.timestamp as number) + 1),
    )
    db.close()
    const full = verifyLedgerFile(dir, { macKeys: [KEY] })
    expect(full.problems.map((p) => p.kind).sort()).toEqual(['audit-hash', 'audit-mac', 'tree-head', 'tree-node'])
    const l = ledger(dir)
    expect(l.problems).toEqual([]) // by design: the periodic check and verify --full cover the old part
    l.close()
    const db2 = raw(dir)
    const late = JSON.parse(db2.prepare('SELECT entry FROM audit_log WHERE idx = 114').pluck().get() as string)
    editEntries(
      db2,
      (e) => e.signature === late.signature && e.type === late.type,
      (e) => (e.severity = 'low'),
    )
    db2.close()
    expect(ledger(dir).problems.map((p) => p.kind)).toContain('tree-head')
  })

  it('a forged checkpoint is reported; a tampered stored node is found by verify --full and rewritten at open', () => {
    const dir = tmp()
    fill(dir, 60)
    const db = raw(dir)
    db.prepare('UPDATE merkle_node SET hash = ? WHERE pos = 2').run(Buffer.alloc(32, 7))
    expect(verifyLedgerFile(dir, { macKeys: [KEY] }).problems.map((p) => p.kind)).toEqual(['tree-node'])
    const body = JSON.parse(db.prepare('SELECT body FROM checkpoint').pluck().get() as string)
    body.records += 1
    db.prepare('UPDATE checkpoint SET body = ?').run(JSON.stringify(body))
    db.close()
    const l = ledger(dir)
    expect(l.problems.map((p) => [p.kind, p.detail])).toEqual([['checkpoint', expect.stringMatching(/MAC \(kid k1\) does not verify/)]])
    expect(l.verifiedFrom).toBe(0) // verified in full instead
    expect(l.nodesRewritten).toBe(1)
    l.close()
    expect(verifyLedgerFile(dir, { macKeys: [KEY] }).problems.map((p) => p.kind)).toEqual([])
  })

  it('verify --full reports progress up to the tree size', () => {
    const dir = tmp()
    fill(dir, 60)
    const seen: [number, number][] = []
    expect(verifyLedgerFile(dir, { macKeys: [KEY], onProgress: (d, t) => seen.push([d, t]) }).problems).toEqual([])
    expect(seen.at(-1)).toEqual([117, 117])
  })

  it('a keyless ledger writes no checkpoint: every start verifies in full', () => {
    const dir = tmp()
    const l = new Ledger({ dataDir: dir, checkpointEvery: 4 })
    const th = new Tracehound({ storage: l, quarantine: { maxCount: 3 } })
    for (let i = 0; i < 20; i++) th.intercept(threat(i))
    l.close()
    expect(raw(dir).prepare('SELECT count(*) FROM checkpoint').pluck().get()).toBe(0)
    const again = new Ledger({ dataDir: dir })
    expect(again.verifiedFrom).toBe(0)
    again.close()
  })
})

describe('memory mode retention', () => {
  it('keeps proofs for the newest N leaves and answers RetentionError, naming the bound, before them', () => {
    const th = engine(undefined, 10)
    for (let i = 0; i < 200; i++) th.intercept(threat(i))
    const size = th.auditChain.treeSize
    expect(size).toBe(397)
    const full = new Tracehound({
      clock: createManualClock(1_700_000_000_000).now,
      random: createSeededRandom('flat'),
      quarantine: { maxCount: 3 },
      macKeys: [KEY],
    })
    for (let i = 0; i < 200; i++) full.intercept(threat(i))
    expect(th.treeHead().rootHash).toBe(full.treeHead().rootHash)
    for (let i = size - 10; i < size; i++) expect(th.inclusionProof(i)).toEqual(full.inclusionProof(i))
    expect(() => th.inclusionProof(0)).toThrow(RetentionError)
    expect(() => th.inclusionProof(0)).toThrow(/newest 10 leaves/)
    expect(() => th.consistencyProof(3)).toThrow(RetentionError)
    // The v1 surface sees the retained records only; the count stays whole.
    expect(th.auditChain.length).toBe(197)
    expect(th.auditChain.export().length).toBeLessThanOrEqual(10)
    expect(th.auditChain.verify()).toBe(true)
  })
})

describe('daemon pieces', () => {
  it('the daemon engine in memory mode answers a RetentionError (OUT_OF_RANGE on the wire) naming the retention', () => {
    const e = new Tracehound({ quarantine: { maxCount: 3 }, auditRetention: 16 })
    for (let i = 0; i < 40; i++) e.intercept(threat(i))
    expect(e.auditChain.treeSize).toBe(77)
    expect(e.inclusionProof(70).treeSize).toBe(77)
    expect(() => e.inclusionProof(1)).toThrow(RetentionError)
    expect(() => e.inclusionProof(1)).toThrow(expect.objectContaining({ code: 'AUDIT_BEYOND_RETENTION' }))
    expect(() => e.inclusionProof(1)).toThrow(/audit retention \(the newest 16 leaves/)
  })

  it('the periodic full check runs verifyLedgerFile on a worker thread and reports its problems', async () => {
    const dir = tmp()
    fill(dir, 20)
    expect(await fullCheck(dir, [KEY])).toMatchObject({ entries: 37, problems: [] })
    const db = raw(dir)
    db.prepare('UPDATE merkle_node SET hash = ? WHERE pos = 0').run(Buffer.alloc(32, 1))
    db.close()
    const r = await fullCheck(dir, [KEY])
    expect(r.problems.map((p) => p.kind)).toEqual(['tree-node'])
  })

  it.runIf(process.platform === 'linux')('the full check thread runs at the lowest priority; the daemon thread keeps its own', async () => {
    const dir = tmp()
    fill(dir, 4)
    const before = getPriority()
    expect((await fullCheck(dir, [KEY])).nice).toBe(constants.priority.PRIORITY_LOW)
    expect(getPriority()).toBe(before)
  })
})
