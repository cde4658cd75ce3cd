/** The SQLite ledger under the embedded engine: restart restores everything; tampering is reported by record. */

import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { createManualClock, createSeededRandom, type Scent, type SettingsInput, Tracehound } from '../src/core/index.js'
import { GroupCommit, Ledger, LedgerLockedError, LedgerRefusedError, LedgerVersionError } from '../src/storage/index.js'
import { createMemoryColdStorage } from '../src/cold-storage/memory-cold-storage.js'
import { createTracehound as createNodeTracehound } from '../src/index.js'
import { editEntries, entries } from './ledger-edit.js'
import { tempDirs } from './storage-tmp.js'

const KEY = { kid: 'k1', key: '00112233445566778899aabbccddeeff' }
const open: Ledger[] = []
afterEach(() => {
  for (const l of open.splice(0)) l.close()
})

function ledger(dataDir: string, macKeys = [KEY]): Ledger {
  const l = new Ledger({ dataDir, macKeys })
  open.push(l)
  return l
}

function engine(storage: Ledger): Tracehound {
  const clock = createManualClock(1_700_000_000_000)
  return new Tracehound({ storage, clock: clock.now, random: createSeededRandom('ledger'), quarantine: { maxCount: 3 }, macKeys: [KEY] })
}

const threat = (i: number, severity: 'low' | 'high' = 'high'): Scent => ({
  id: `s${i}`,
  payload: { i },
  source: `src${i}`,
  timestamp: 1_700_000_000_000 + i,
  threat: { category: 'injection', severity },
})

/** Five threats into a quarantine of three: two evictions, plus one neutralization. */
function fill(dir: string) {
  const l = ledger(dir)
  const th = engine(l)
  for (let i = 0; i < 5; i++) expect(th.intercept(threat(i, i < 2 ? 'low' : 'high')).status).toBe('quarantined')
  const victim = th.quarantine.list()[0]!.signature
  th.quarantine.neutralize(victim)
  l.commit()
  const before = { list: th.quarantine.list().map((h) => h.signature), chain: th.auditChain.export(), root: th.treeHead().rootHash }
  l.close()
  return before
}

const tmp = tempDirs('th-ledger').dir
const raw = (dir: string) => new Database(join(dir, 'ledger.sqlite'))

describe('ledger restart', () => {
  it('brings back quarantine, audit chain and tree head, verified', () => {
    const dir = tmp()
    const before = fill(dir)
    expect(before.chain).toHaveLength(3)
    const l = ledger(dir)
    expect(l.problems).toEqual([])
    const th = engine(l)
    expect(th.quarantine.list().map((h) => h.signature)).toEqual(before.list)
    expect(th.auditChain.export()).toEqual(before.chain)
    expect(th.auditChain.verify()).toBe(true)
    expect(th.treeHead().rootHash).toBe(before.root)
    expect(l.treeHead().rootHash).toBe(before.root)
    // Restored evidence keeps its bytes and keeps counting toward the limits.
    expect(new TextDecoder().decode(th.quarantine.list()[0]!.bytes)).toMatch(/^\{"i":\d\}$/)
    expect(th.intercept(threat(9)).status).toBe('quarantined')
    expect(th.auditChain.length).toBe(3)
    expect(th.intercept(threat(10)).status).toBe('quarantined')
    expect(th.auditChain.length).toBe(4)
  })

  it('an evacuation (root package, cold storage) is committed with its audit record', async () => {
    const dir = tmp()
    const l = ledger(dir)
    const th = createNodeTracehound({ storage: l, coldStorage: createMemoryColdStorage() })
    const v = th.intercept(threat(1))
    if (v.status !== 'quarantined') throw new Error(v.status)
    const outcome = await th.evacuate(v.handle.signature)
    expect(outcome.ok).toBe(true)
    th.houndPool.shutdown()
    l.close()
    const again = ledger(dir)
    const restored = engine(again)
    expect(restored.quarantine.has(v.handle.signature)).toBe(false)
    expect(restored.auditChain.export().map((r) => [r.type, r.signature])).toEqual([['evacuation', v.handle.signature]])
  })

  it('a duplicate of restored evidence is ignored', () => {
    const dir = tmp()
    fill(dir)
    const th = engine(ledger(dir))
    expect(th.intercept(threat(4)).status).toBe('ignored')
  })

  it('group commit writes direct quarantine calls at the end of the turn', async () => {
    const dir = tmp()
    const l = ledger(dir)
    const commits = new GroupCommit(l)
    const th = engine(l)
    expect(th.intercept(threat(1)).status).toBe('quarantined')
    expect(l.pending).toBe(0) // intercept commits before it returns
    th.quarantine.neutralize(th.quarantine.list()[0]!.signature)
    expect(l.pending).toBe(1)
    await commits.durable()
    expect(l.pending).toBe(0)
    expect(entries(raw(dir)).map((e) => e.type)).toEqual(['capture', 'neutralization'])
  })
})

describe('rate-limit blocks', () => {
  it('a block outlives a restart, MAC-checked; an expired one is pruned', () => {
    const dir = tmp()
    const clock = createManualClock(1_700_000_000_000)
    const open2 = () => {
      const l = new Ledger({ dataDir: dir, macKeys: [KEY], clock: clock.now }) // the engine's clock decides what has expired
      open.push(l)
      return {
        l,
        th: new Tracehound({ storage: l, clock: clock.now, macKeys: [KEY], rateLimit: { maxRequests: 1, blockDurationMs: 60_000 } }),
      }
    }
    let { l, th } = open2()
    const hit = () => th.intercept({ id: 'x', payload: 1, source: 'attacker', timestamp: clock.now() })
    expect(hit().status).toBe('clean')
    expect(hit()).toEqual({ status: 'rate_limited', retryAfter: 60_000 })
    l.close()
    clock.advance(10_000)
    ;({ l, th } = open2())
    expect(hit()).toEqual({ status: 'rate_limited', retryAfter: 50_000 })
    l.close()
    clock.advance(50_000)
    ;({ l, th } = open2())
    expect(raw(dir).prepare('SELECT count(*) FROM rate_block').pluck().get()).toBe(0)
    expect(hit().status).toBe('clean')
  })

  it('a forged block is reported and not imposed', () => {
    const dir = tmp()
    ledger(dir)
    open.pop()!.close()
    raw(dir)
      .prepare('INSERT INTO rate_block VALUES (?, ?, ?, ?)')
      .run('victim', Date.now() + 1e9, 'k1', 'ab'.repeat(32))
    const l = ledger(dir)
    expect(l.problems.map((p) => [p.kind, p.id])).toEqual([
      ['block-unlogged', 'victim'], // no block entry in the audit log: found without a key
      ['block-mac', 'victim'],
    ])
    l.acknowledge()
    expect(new Tracehound({ storage: l }).intercept({ id: 'x', payload: 1, source: 'victim', timestamp: 1 }).status).toBe('clean')
  })
})

describe('ledger keys', () => {
  it("signs with the engine's keyring: a reload re-keys new rows; old rows keep their kid", () => {
    const dir = tmp()
    const l = ledger(dir)
    const settings: SettingsInput = { quarantine: { maxCount: 3 }, macKeys: [KEY] }
    const e = new Tracehound({ ...settings, storage: l })
    e.intercept(threat(1))
    l.commit()
    const rotated = { ...settings, macKeys: [KEY, { kid: 'k2', key: 'ff'.repeat(16) }], activeKid: 'k2' }
    e.reconfigure(rotated)
    expect(l.keyring.activeKeyId).toBe('k2') // the engine's new keyring, not a copy
    expect(e.treeHead().kid).toBe('k2')
    e.intercept(threat(2))
    l.commit()
    expect(raw(dir).prepare('SELECT kid FROM evidence ORDER BY seq').pluck().all()).toEqual(['k1', 'k2'])
    expect(raw(dir).prepare('SELECT kid FROM tree_head').pluck().get()).toBe('k2')
    l.close()
    expect(ledger(dir, rotated.macKeys).problems).toEqual([])
  })

  it("an embedded engine without keys of its own signs with the ledger's: its heads are the stored ones", () => {
    const dir = tmp()
    const l = ledger(dir)
    const th = new Tracehound({ storage: l, quarantine: { maxCount: 3 } })
    expect(th.intercept(threat(1)).status).toBe('quarantined')
    const head = th.treeHead()
    expect(head.kid).toBe('k1')
    const stored = raw(dir).prepare('SELECT tree_size, root_hash, kid FROM tree_head').get()
    expect(stored).toEqual({ tree_size: head.treeSize, root_hash: head.rootHash, kid: 'k1' })
  })
})

describe('one audit tree', () => {
  it("reset refuses an engine whose audit tree is the ledger's (it cannot be discarded)", () => {
    const l = ledger(tmp())
    const th = engine(l)
    th.intercept(threat(1))
    expect(() => th.reset({ macKeys: [KEY] })).toThrow(expect.objectContaining({ code: 'CONFIG_AUDIT_INVALID' }))
    expect(th.auditChain.treeSize).toBe(l.auditTree.size) // nothing swapped
  })

  it("the ledger writes the engine's leaves and nodes: the stored tree proves what the engine proves", () => {
    const dir = tmp()
    const l = ledger(dir)
    const th = engine(l)
    expect(th.auditChain.treeSize).toBe(l.auditTree.size)
    for (let i = 0; i < 9; i++) th.intercept(threat(i))
    expect(l.auditTree.size).toBe(th.auditChain.treeSize) // the same tree, not a copy kept in step
    const head = th.treeHead()
    l.close()
    const db = raw(dir)
    expect(db.prepare('SELECT tree_size, root_hash FROM tree_head').get()).toEqual({ tree_size: head.treeSize, root_hash: head.rootHash })
    const again = ledger(dir)
    const restored = engine(again)
    for (let i = 0; i < head.treeSize; i++) expect(restored.inclusionProof(i, head.treeSize)).toEqual(th.inclusionProof(i, head.treeSize))
  })

  it('an audit entry the engine made but did not report is a failed commit, not a silent gap', () => {
    const dir = tmp()
    const l = ledger(dir)
    const th = engine(l)
    expect(th.intercept(threat(1)).status).toBe('quarantined')
    th.auditChain.appendPurge('injection:' + 'a'.repeat(64), 1, 'error') // a leaf no report covers
    const v = th.intercept(threat(2))
    expect(v).toMatchObject({ status: 'error', error: { code: 'STORAGE_COMMIT_FAILED' } })
    expect(String((v as { error: { message: string } }).error.message)).toMatch(/reports account for/)
    expect(l.refusal).toMatch(/earlier commit failed/)
  })
})

describe('ledger write failures', () => {
  it('a failed group commit rejects its callers and refuses every later write', async () => {
    const dir = tmp()
    const l = ledger(dir)
    const commits = new GroupCommit(l)
    const th = engine(l)
    expect(th.intercept(threat(1)).status).toBe('quarantined')
    raw(dir).exec('DROP TABLE audit_log') // the disk stops agreeing with the engine
    th.quarantine.neutralize(th.quarantine.list()[0]!.signature)
    await expect(commits.durable()).rejects.toThrow(/no such table/)
    expect(l.refusal).toMatch(/an earlier commit failed/)
    const verdict = th.intercept(threat(2))
    expect(verdict.status === 'error' && verdict.error.code).toBe('STORAGE_COMMIT_FAILED')
  })
})

describe('ledger tampering', () => {
  it('a changed audit field is reported with its record id, and writes are refused until acknowledged', () => {
    const dir = tmp()
    const before = fill(dir)
    const target = before.chain[1]!
    expect(
      editEntries(
        raw(dir),
        (e) => e.id === target.id,
        (e) => (e.timestamp = (e.timestamp as number) + 1),
      ),
    ).toBe(1)
    const l = ledger(dir)
    expect(l.problems.map((p) => [p.kind, p.id])).toEqual([
      ['audit-hash', target.id],
      ['audit-mac', target.id],
      ['tree-head', 'tree-head'], // the leaf is the whole entry: the root moved too
    ])
    const th = engine(l)
    const verdict = th.intercept(threat(7))
    expect(verdict.status).toBe('error')
    expect(() => l.commit()).toThrow(LedgerRefusedError)
    expect(l.refusal).toMatch(target.id)
    expect(l.acknowledge()).toHaveLength(3)
    expect(l.refusal).toBeUndefined()
    l.close()
    const again = ledger(dir)
    expect(again.problems).toHaveLength(3) // still reported on every open…
    expect(again.unacknowledged).toEqual([]) // …but no longer blocking
  })

  it('a changed stored hash breaks the hash check and the next link', () => {
    const dir = tmp()
    const before = fill(dir)
    editEntries(
      raw(dir),
      (e) => e.id === before.chain[0]!.id,
      (e) => (e.hash = 'f'.repeat(64)),
    )
    const kinds = ledger(dir, []).problems.map((p) => `${p.kind}:${p.id}`)
    expect(kinds).toContain(`audit-hash:${before.chain[0]!.id}`)
    expect(kinds).toContain(`audit-link:${before.chain[1]!.id}`)
    expect(kinds).toContain('tree-head:tree-head')
  })

  it('flipped evidence bytes are reported by signature and not restored', () => {
    const dir = tmp()
    const before = fill(dir)
    const db = raw(dir)
    const sig = before.list[0]!
    const bytes = db.prepare('SELECT bytes FROM evidence WHERE signature = ?').pluck().get(sig) as Buffer
    bytes[0] = bytes[0]! ^ 1
    db.prepare('UPDATE evidence SET bytes = ? WHERE signature = ?').run(bytes, sig)
    const l = ledger(dir)
    expect(l.problems).toEqual([{ kind: 'evidence-hash', id: sig, detail: expect.any(String) }])
    expect(engine(l).quarantine.has(sig)).toBe(false)
  })

  it('a forged MAC, a truncated log and a missing key are each reported', () => {
    const dir = tmp()
    const before = fill(dir)
    const db = raw(dir)
    db.prepare('UPDATE evidence SET mac = ? WHERE signature = ?').run('0'.repeat(64), before.list[1]!)
    db.prepare('DELETE FROM audit_log WHERE idx = (SELECT max(idx) FROM audit_log)').run() // the neutralization of the victim
    const victim = before.chain.at(-1)!.signature
    const problems = ledger(dir).problems.map((p) => `${p.kind}:${p.id}`)
    expect(problems).toEqual([`tree-head:tree-head`, `evidence-mac:${before.list[1]}`, `evidence-missing:${victim}`])
    open.pop()!.close()
    const other = ledger(dir, [{ kid: 'k2', key: KEY.key }]).problems
    expect(new Set(other.map((p) => p.kind))).toEqual(new Set(['unknown-kid', 'tree-head', 'evidence-missing']))
  })
})

describe('ledger files', () => {
  it('refuses a data directory held by a live process, takes over a stale lock', () => {
    const dir = tmp()
    writeFileSync(join(dir, 'ledger.lock'), String(process.ppid))
    expect(() => new Ledger({ dataDir: dir })).toThrow(LedgerLockedError)
    writeFileSync(join(dir, 'ledger.lock'), '2147483646')
    expect(ledger(dir).problems).toEqual([])
  })

  it('stops on a file SQLite cannot read, and holds nothing afterwards', () => {
    const dir = tmp()
    writeFileSync(join(dir, 'ledger.sqlite'), 'not a database, not even close: '.repeat(200))
    expect(() => new Ledger({ dataDir: dir })).toThrow(/not a database/)
    expect(() => new Ledger({ dataDir: dir })).toThrow(/not a database/) // not LedgerLockedError: the lock was released
  })

  it('refuses a file from a newer schema', () => {
    const dir = tmp()
    ledger(dir)
    open.pop()!.close()
    raw(dir).pragma('user_version = 99')
    expect(() => new Ledger({ dataDir: dir })).toThrow(LedgerVersionError)
  })
})
