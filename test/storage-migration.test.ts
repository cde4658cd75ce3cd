/** Schema 2 → 3 on ledgers written by the schema-2 code (test/fixtures/README.md): tree rebuilt, captures logged, said so. */

import { cpSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { type AuditRecord, createManualClock, createSeededRandom, isChainRecord, Tracehound } from '../src/core/index.js'
import { Ledger, SCHEMA_VERSION } from '../src/storage/index.js'
import { entries } from './ledger-edit.js'
import { tempDirs } from './storage-tmp.js'

const KEY = { kid: 'k1', key: '00112233445566778899aabbccddeeff' }
const FIXTURES = new URL('./fixtures/', import.meta.url).pathname
const tmp = tempDirs('th-migrate').dir
const open: Ledger[] = []
afterEach(() => {
  for (const l of open.splice(0)) l.close()
})

interface Expected {
  evidence: string[]
  records: AuditRecord[]
  v2Head: { treeSize: number; rootHash: string }
}

function copy(name: string): { dir: string; expected: Expected } {
  const dir = tmp()
  cpSync(join(FIXTURES, name, 'ledger.sqlite'), join(dir, 'ledger.sqlite'))
  return { dir, expected: JSON.parse(readFileSync(join(FIXTURES, name, 'expected.json'), 'utf8')) as Expected }
}

function ledger(dir: string, macKeys = [KEY]): Ledger {
  const l = new Ledger({ dataDir: dir, macKeys })
  open.push(l)
  return l
}

const raw = (dir: string) => new Database(join(dir, 'ledger.sqlite'))

describe('migration from schema 2', () => {
  for (const [name, keys] of [
    ['ledger-v2-keyed', [KEY]],
    ['ledger-v2-keyless', []],
  ] as const) {
    it(`${name}: rebuilds the tree over whole entries, logs the live evidence as captures, and says so`, () => {
      const { dir, expected } = copy(name)
      expect(raw(dir).pragma('user_version', { simple: true })).toBe(2)
      const l = ledger(dir, [...keys])
      expect(l.migrations).toHaveLength(2)
      expect(l.migrations[1]).toBe(
        `schema 3 → 4: Merkle nodes stored for ${expected.records.length + expected.evidence.length} leaves (proofs are read from disk from now on)`,
      )
      expect(l.migrations[0]).toMatch(
        new RegExp(
          `^schema 2 → 3: ${expected.records.length} audit records moved to audit_log .*, ${expected.evidence.length} live evidence rows logged as captures, 0 rate-limit blocks logged; tree head rebuilt: size ${expected.records.length + expected.evidence.length}, root [0-9a-f]{64}$`,
        ),
      )
      expect(l.problems).toEqual([])
      expect(raw(dir).pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
      const logged = entries(raw(dir))
      expect(logged.filter((e) => e.type === 'capture').map((e) => e.signature)).toEqual(expected.evidence)

      const th = new Tracehound({
        storage: l,
        clock: createManualClock(1_800_000_000_000).now,
        random: createSeededRandom('m'),
        macKeys: [...keys],
        quarantine: { maxCount: 3 },
      })
      // v1 record hashes are unchanged; only the leaves (and so the root) moved.
      expect(th.auditChain.export()).toEqual(expected.records)
      expect(th.auditChain.verify()).toBe(true)
      expect(th.quarantine.list().map((h) => h.signature)).toEqual(expected.evidence)
      const head = l.treeHead()
      expect(head.treeSize).toBe(expected.records.length + expected.evidence.length)
      expect(head.rootHash).not.toBe(expected.v2Head.rootHash)
      expect(th.treeHead().rootHash).toBe(head.rootHash)
      // The engine goes on from there, and the next open has nothing to migrate or report.
      expect(
        th.intercept({ id: 'n', payload: { n: 1 }, source: 'x', timestamp: 1, threat: { category: 'malware', severity: 'critical' } })
          .status,
      ).toBe('quarantined')
      l.close()
      const again = ledger(dir, [...keys])
      expect(again.migrations).toEqual([])
      expect(again.problems).toEqual([])
      const after = [...again.entries()]
      expect(after.filter(isChainRecord)).toEqual(expected.records)
      expect(after.filter((e) => e.type === 'capture')).toHaveLength(expected.evidence.length + 1)
    })
  }

  it('a schema-2 head that does not verify is left as it was, and stays reported', () => {
    const { dir, expected } = copy('ledger-v2-keyed')
    raw(dir).prepare('DELETE FROM audit WHERE idx = (SELECT max(idx) FROM audit)').run() // truncated before the upgrade
    const l = ledger(dir)
    expect(l.migrations[0]).toMatch(/tree head left as it was \(stored size 4, records 3\)/)
    // The removed record's evidence was gone before the upgrade: schema 2 never logged captures, so only the head tells.
    expect(l.problems.map((p) => `${p.kind}:${p.id}`)).toEqual(['tree-head:tree-head'])
    expect(expected.records).toHaveLength(4)
    expect(l.refusal).toMatch(/integrity problem/)
  })

  it('the keyed file opened without its key: MACs cannot be checked, so the head is not vouched for', () => {
    const { dir } = copy('ledger-v2-keyed')
    const l = ledger(dir, [])
    expect(l.migrations[0]).toMatch(/tree head left as it was \(its MAC key k1 is not configured\)/)
    const kinds = new Set(l.problems.map((p) => p.kind))
    expect(kinds).toEqual(new Set(['unknown-kid', 'tree-head']))
  })

  it('a schema-1 file goes through 2 to 3', () => {
    const { dir, expected } = copy('ledger-v2-keyless')
    const db = raw(dir)
    db.exec('DROP TABLE rate_block') // what schema 1 lacked
    db.pragma('user_version = 1')
    db.close()
    const l = ledger(dir, [])
    expect(l.migrations).toEqual([
      expect.stringMatching(/^schema 2 → 3: /),
      expect.stringMatching(/^schema 3 → 4: Merkle nodes stored for \d+ leaves/),
    ])
    expect(l.problems).toEqual([])
    expect([...l.entries()].filter(isChainRecord)).toEqual(expected.records)
  })
})
