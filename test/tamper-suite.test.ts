/**
 * The tamper suite: an attacker with write access to the data directory changes each column of
 * each ledger table, deletes, duplicates and reorders rows, and replaces, rolls back, truncates and
 * forks the file. Each case is verified three ways: with the MAC key, without a key, and without a
 * key but with a witness (the tree head saved earlier, `--trusted-head` / `--witness`). Every case
 * must report exactly the problems listed, by name and id, and nothing else. The table is printed.
 */

import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canonicalize, createManualClock, createSeededRandom, type MacKey, Tracehound } from '../src/core/index.js'
import { Ledger } from '../src/storage/index.js'
import { tempDirs } from './storage-tmp.js'

const KEY: MacKey = { kid: 'k1', key: '00112233445566778899aabbccddeeff' }
const T0 = 1_700_000_000_000
const NOW = () => T0 + 60_000 // opening clock: the block is still running
const tmp = tempDirs('th-tamper').dir

interface Variant {
  /** Stop after this many steps (an older copy of the same ledger). */
  steps?: number
  /** A different sixth threat: the same history up to there, then another one (a fork). */
  fork?: boolean
}

/** The reference history: captures, two evictions, a rate block, a neutralization and a purge. */
function build(dir: string, macKeys: MacKey[], v: Variant = {}): void {
  const clock = createManualClock(T0)
  const l = new Ledger({ dataDir: dir, macKeys, clock: clock.now })
  const th = new Tracehound({
    storage: l,
    clock: clock.now,
    random: createSeededRandom('tamper'),
    macKeys,
    quarantine: { maxCount: 4 },
    rateLimit: { windowMs: 60_000, maxRequests: 1, blockDurationMs: 3_650 * 86_400_000 },
  })
  const severities = ['low', 'high', 'medium', 'critical', 'high', 'medium'] as const
  const steps: (() => void)[] = severities.map((severity, i) => () => {
    clock.advance(1000)
    const payload = v.fork && i === 5 ? { i, forked: true } : { i, forked: false }
    th.intercept({ id: `t${i}`, payload, source: `s${i}`, timestamp: clock.now(), threat: { category: 'injection', severity } })
  })
  steps.push(() => {
    clock.advance(1000)
    for (const id of ['f1', 'f2']) th.intercept({ id, payload: 1, source: 'flooder', timestamp: clock.now() })
  })
  steps.push(() => {
    clock.advance(1000)
    th.quarantine.neutralize(th.quarantine.list()[0]!.signature)
  })
  steps.push(() => {
    clock.advance(1000)
    th.quarantine.purge(th.quarantine.list()[0]!.signature, 'timeout')
  })
  for (const step of steps.slice(0, v.steps ?? steps.length)) step()
  l.commit()
  l.close()
}

interface Base {
  dir: string
  headFile: string
  /** signature / record id → a short label: sig<leaf of its capture>, rec<leaf>. */
  labels: Map<string, string>
}

let keyed: Base
let keyless: Base
let older: string
let forked: string
let fresh: string

function base(macKeys: MacKey[]): Base {
  const dir = tmp()
  build(dir, macKeys)
  const l = new Ledger({ dataDir: dir, macKeys, clock: NOW })
  expect(l.problems).toEqual([]) // the untouched ledger reports nothing
  const headFile = join(dir, 'head.json')
  writeFileSync(headFile, JSON.stringify(l.treeHead()))
  l.close()
  const labels = new Map<string, string>([
    ['tree-head', 'head'],
    ['flooder', 'block'],
  ])
  const db = new Database(join(dir, 'ledger.sqlite'), { readonly: true })
  for (const { idx, entry } of db.prepare('SELECT idx, entry FROM audit_log ORDER BY idx').all() as { idx: number; entry: string }[]) {
    const e = JSON.parse(entry) as { type: string; id?: string; signature: string }
    if (e.type === 'capture') labels.set(e.signature, `sig${idx}`)
    if (e.id) labels.set(e.id, `rec${idx}`)
  }
  db.close()
  return { dir, headFile, labels }
}

beforeAll(() => {
  keyed = base([KEY])
  keyless = base([])
  older = tmp()
  build(older, [], { steps: 3 })
  forked = tmp()
  build(forked, [], { fork: true })
  fresh = tmp()
  new Ledger({ dataDir: fresh }).close()
})

type Db = Database.Database
type Mutation = (db: Db, keyedBase: boolean) => void

interface Case {
  table: string
  column?: string
  op: string
  mutate?: Mutation
  /** Replaces the file instead of editing it. */
  file?: () => string
  /** Expected "kind(label)" per mode; "refused: …" when SQLite itself refuses the edit or the open. */
  key: string[]
  none: string[]
  witness: string[]
}

const rows = (db: Db, sql: string) => db.prepare(sql).all() as Record<string, unknown>[]
const evidenceSig = (db: Db, seq: number) => db.prepare('SELECT signature FROM evidence WHERE seq = ?').pluck().get(seq) as string
const setEntry = (db: Db, idx: number, change: (e: Record<string, unknown>) => void) => {
  const e = JSON.parse(db.prepare('SELECT entry FROM audit_log WHERE idx = ?').pluck().get(idx) as string) as Record<string, unknown>
  change(e)
  db.prepare('UPDATE audit_log SET entry = ? WHERE idx = ?').run(canonicalize(e), idx)
}
const flip = (hex: string) => (hex[0] === '0' ? '1' : '0') + hex.slice(1)
/** A MAC-shaped value and a kid: what an attacker without the key can write. */
const forgeKid = (keyedBase: boolean) => (keyedBase ? 'k9' : 'k1')

// The log: captures sig0-sig4 (leaves 0-4), eviction rec5, capture sig6, eviction rec7, the block
// of "flooder" (leaf 8), neutralization rec9, purge of sig3 (leaf 10). E1 = the evidence row with
// seq 5 (capture sig4), E2 = seq 6 (sig6).
const CASES: Case[] = [
  {
    table: 'evidence',
    column: 'seq',
    op: 'change',
    mutate: (db) => db.exec('UPDATE evidence SET seq = 100 WHERE seq = 5'),
    key: ['evidence-order(sig4)'],
    none: ['evidence-order(sig4)'],
    witness: ['evidence-order(sig4)'],
  },
  {
    table: 'evidence',
    column: 'signature',
    op: 'change',
    mutate: (db) => db.prepare('UPDATE evidence SET signature = ? WHERE seq = 5').run(evidenceSig(db, 5).replace('injection:', 'spam:')),
    key: ['evidence-unlogged(forged)', 'evidence-mac(forged)', 'evidence-missing(sig4)'],
    none: ['evidence-unlogged(forged)', 'evidence-missing(sig4)'],
    witness: ['evidence-unlogged(forged)', 'evidence-missing(sig4)'],
  },
  {
    table: 'evidence',
    column: 'hash',
    op: 'change',
    mutate: (db) => db.exec(`UPDATE evidence SET hash = '${'f'.repeat(64)}' WHERE seq = 5`),
    key: ['evidence-invalid(sig4)', 'evidence-altered(sig4)', 'evidence-mac(sig4)'],
    none: ['evidence-invalid(sig4)', 'evidence-altered(sig4)'],
    witness: ['evidence-invalid(sig4)', 'evidence-altered(sig4)'],
  },
  {
    table: 'evidence',
    column: 'size',
    op: 'change',
    mutate: (db) => db.exec('UPDATE evidence SET size = size + 1 WHERE seq = 5'),
    key: ['evidence-invalid(sig4)', 'evidence-altered(sig4)', 'evidence-mac(sig4)'],
    none: ['evidence-invalid(sig4)', 'evidence-altered(sig4)'],
    witness: ['evidence-invalid(sig4)', 'evidence-altered(sig4)'],
  },
  {
    table: 'evidence',
    column: 'severity',
    op: 'change',
    mutate: (db) => db.exec(`UPDATE evidence SET severity = 'low' WHERE seq = 5`),
    key: ['evidence-altered(sig4)', 'evidence-mac(sig4)'],
    none: ['evidence-altered(sig4)'],
    witness: ['evidence-altered(sig4)'],
  },
  {
    table: 'evidence',
    column: 'captured',
    op: 'change',
    mutate: (db) => db.exec('UPDATE evidence SET captured = captured + 1 WHERE seq = 5'),
    key: ['evidence-altered(sig4)', 'evidence-mac(sig4)'],
    none: ['evidence-altered(sig4)'],
    witness: ['evidence-altered(sig4)'],
  },
  {
    table: 'evidence',
    column: 'compressed',
    op: 'change',
    mutate: (db) => db.exec('UPDATE evidence SET compressed = 1 WHERE seq = 5'),
    key: ['evidence-altered(sig4)'],
    none: ['evidence-altered(sig4)'],
    witness: ['evidence-altered(sig4)'],
  },
  {
    table: 'evidence',
    column: 'bytes',
    op: 'change',
    mutate: (db) => {
      const bytes = db.prepare('SELECT bytes FROM evidence WHERE seq = 5').pluck().get() as Buffer
      bytes[0]! ^= 1
      db.prepare('UPDATE evidence SET bytes = ? WHERE seq = 5').run(bytes)
    },
    key: ['evidence-hash(sig4)'],
    none: ['evidence-hash(sig4)'],
    witness: ['evidence-hash(sig4)'],
  },
  {
    table: 'evidence',
    column: 'kid',
    op: 'change',
    mutate: (db, k) => db.prepare('UPDATE evidence SET kid = ? WHERE seq = 5').run(forgeKid(k)),
    key: ['unknown-kid(sig4)'],
    none: ['evidence-mac(sig4)'],
    witness: ['evidence-mac(sig4)'],
  },
  {
    table: 'evidence',
    column: 'mac',
    op: 'change',
    mutate: (db) => db.exec(`UPDATE evidence SET mac = '${'0'.repeat(64)}' WHERE seq = 5`),
    key: ['evidence-mac(sig4)'],
    none: ['evidence-mac(sig4)'],
    witness: ['evidence-mac(sig4)'],
  },
  {
    table: 'evidence',
    op: 'delete',
    mutate: (db) => db.exec('DELETE FROM evidence WHERE seq = 5'),
    key: ['evidence-missing(sig4)'],
    none: ['evidence-missing(sig4)'],
    witness: ['evidence-missing(sig4)'],
  },
  {
    table: 'evidence',
    op: 'duplicate',
    mutate: (db) => {
      // signature is UNIQUE: the attacker rebuilds the table without the constraint first.
      const ddl = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'evidence'").pluck().get() as string)
        .replace('UNIQUE', '')
        .replace('CREATE TABLE evidence', 'CREATE TABLE evidence_copy')
      db.exec(`${ddl}; INSERT INTO evidence_copy SELECT * FROM evidence; DROP TABLE evidence; ALTER TABLE evidence_copy RENAME TO evidence;
        INSERT INTO evidence (seq, signature, hash, size, severity, captured, compressed, bytes, kid, mac) SELECT 7, signature, hash, size, severity, captured, compressed, bytes, kid, mac FROM evidence WHERE seq = 5`)
    },
    key: ['evidence-duplicate(sig4)'],
    none: ['evidence-duplicate(sig4)'],
    witness: ['evidence-duplicate(sig4)'],
  },
  {
    table: 'evidence',
    op: 'reorder',
    mutate: (db) =>
      db.exec(
        'UPDATE evidence SET seq = 100 WHERE seq = 5; UPDATE evidence SET seq = 5 WHERE seq = 6; UPDATE evidence SET seq = 6 WHERE seq = 100',
      ),
    key: ['evidence-order(sig4)'],
    none: ['evidence-order(sig4)'],
    witness: ['evidence-order(sig4)'],
  },

  {
    table: 'audit_log',
    column: 'idx',
    op: 'change',
    mutate: (db) => db.exec('UPDATE audit_log SET idx = 20 WHERE idx = (SELECT max(idx) FROM audit_log)'),
    key: ['audit-gap(sig3)'],
    none: ['audit-gap(sig3)'],
    witness: ['audit-gap(sig3)'],
  },
  {
    table: 'audit_log',
    column: 'entry',
    op: 'change type',
    mutate: (db) => setEntry(db, 5, (e) => (e.type = 'evacuation')),
    key: ['audit-mac(rec5)', 'tree-head(head)'],
    none: ['tree-head(head)'],
    witness: ['tree-head(head)', 'fork(head)'],
  },
  {
    table: 'audit_log',
    column: 'entry',
    op: 'change a capture field',
    mutate: (db) => setEntry(db, 4, (e) => (e.severity = 'low')),
    key: ['audit-mac(sig4)', 'tree-head(head)', 'evidence-altered(sig4)'],
    none: ['tree-head(head)', 'evidence-altered(sig4)'],
    witness: ['tree-head(head)', 'fork(head)', 'evidence-altered(sig4)'],
  },
  {
    table: 'audit_log',
    column: 'entry',
    op: 'add a field',
    mutate: (db) => setEntry(db, 4, (e) => (e.note = 'x')),
    key: ['audit-entry(leaf 4)', 'tree-head(head)'],
    none: ['audit-entry(leaf 4)', 'tree-head(head)'],
    witness: ['audit-entry(leaf 4)', 'tree-head(head)', 'fork(head)'],
  },
  {
    table: 'audit_log',
    column: 'entry',
    op: 'not canonical',
    mutate: (db) => db.exec(`UPDATE audit_log SET entry = ' ' || entry WHERE idx = 4`),
    key: ['audit-entry(leaf 4)', 'tree-head(head)'],
    none: ['audit-entry(leaf 4)', 'tree-head(head)'],
    witness: ['audit-entry(leaf 4)', 'tree-head(head)', 'fork(head)'],
  },
  {
    table: 'audit_log',
    column: 'kid',
    op: 'change',
    mutate: (db, k) => db.prepare('UPDATE audit_log SET kid = ? WHERE idx = 5').run(forgeKid(k)),
    key: ['unknown-kid(rec5)'],
    none: ['audit-mac(rec5)'],
    witness: ['audit-mac(rec5)'],
  },
  {
    table: 'audit_log',
    column: 'mac',
    op: 'change',
    mutate: (db) => db.exec(`UPDATE audit_log SET mac = '${'0'.repeat(64)}' WHERE idx = 5`),
    key: ['audit-mac(rec5)'],
    none: ['audit-mac(rec5)'],
    witness: ['audit-mac(rec5)'],
  },
  {
    table: 'audit_log',
    op: 'delete',
    mutate: (db) => db.exec('DELETE FROM audit_log WHERE idx = 5'),
    key: ['audit-gap(sig6)', 'audit-link(rec7)', 'tree-head(head)', 'evidence-missing(sig0)'],
    none: ['audit-gap(sig6)', 'audit-link(rec7)', 'tree-head(head)', 'evidence-missing(sig0)'],
    witness: ['audit-gap(sig6)', 'audit-link(rec7)', 'tree-head(head)', 'rollback(head)', 'evidence-missing(sig0)'],
  },
  {
    table: 'audit_log',
    op: 'duplicate',
    mutate: (db) =>
      db.exec('INSERT INTO audit_log SELECT (SELECT max(idx) + 1 FROM audit_log), entry, kid, mac FROM audit_log WHERE idx = 4'),
    key: ['audit-sequence(sig4)', 'tree-head(head)'],
    none: ['audit-sequence(sig4)', 'tree-head(head)'],
    witness: ['audit-sequence(sig4)', 'tree-head(head)'],
  },
  {
    table: 'audit_log',
    op: 'reorder',
    mutate: (db) =>
      db.exec(
        'UPDATE audit_log SET idx = 100 WHERE idx = 4; UPDATE audit_log SET idx = 4 WHERE idx = 6; UPDATE audit_log SET idx = 6 WHERE idx = 100',
      ),
    key: ['tree-head(head)', 'evidence-order(sig6)'],
    none: ['tree-head(head)', 'evidence-order(sig6)'],
    witness: ['tree-head(head)', 'fork(head)', 'evidence-order(sig6)'],
  },

  {
    table: 'tree_head',
    column: 'one',
    op: 'change',
    mutate: (db) => db.exec('UPDATE tree_head SET one = 2'),
    key: ['refused: CHECK constraint failed: one = 1'],
    none: ['refused: CHECK constraint failed: one = 1'],
    witness: ['refused: CHECK constraint failed: one = 1'],
  },
  {
    table: 'tree_head',
    column: 'tree_size',
    op: 'change',
    mutate: (db) => db.exec('UPDATE tree_head SET tree_size = tree_size + 1'),
    key: ['tree-head(head)', 'tree-head-mac(head)'],
    none: ['tree-head(head)'],
    witness: ['tree-head(head)'],
  },
  {
    table: 'tree_head',
    column: 'root_hash',
    op: 'change',
    mutate: (db) =>
      db.prepare('UPDATE tree_head SET root_hash = ?').run(flip(rows(db, 'SELECT root_hash FROM tree_head')[0]!.root_hash as string)),
    key: ['tree-head(head)', 'tree-head-mac(head)'],
    none: ['tree-head(head)'],
    witness: ['tree-head(head)'],
  },
  {
    table: 'tree_head',
    column: 'timestamp',
    op: 'change',
    mutate: (db) => db.exec('UPDATE tree_head SET timestamp = timestamp + 1'),
    key: ['tree-head-mac(head)'],
    none: [],
    witness: [],
  },
  {
    table: 'tree_head',
    column: 'kid',
    op: 'change',
    mutate: (db, k) => db.prepare('UPDATE tree_head SET kid = ?').run(forgeKid(k)),
    key: ['unknown-kid(head)'],
    none: ['tree-head-mac(head)'],
    witness: ['tree-head-mac(head)'],
  },
  {
    table: 'tree_head',
    column: 'mac',
    op: 'change',
    mutate: (db) => db.exec(`UPDATE tree_head SET mac = '${'0'.repeat(64)}'`),
    key: ['tree-head-mac(head)'],
    none: ['tree-head-mac(head)'],
    witness: ['tree-head-mac(head)'],
  },
  {
    table: 'tree_head',
    op: 'delete',
    mutate: (db) => db.exec('DELETE FROM tree_head'),
    key: ['tree-head(head)'],
    none: ['tree-head(head)'],
    witness: ['tree-head(head)'],
  },
  {
    table: 'tree_head',
    op: 'duplicate',
    mutate: (db) => db.exec('INSERT INTO tree_head SELECT * FROM tree_head'),
    key: ['refused: UNIQUE constraint failed: tree_head.one'],
    none: ['refused: UNIQUE constraint failed: tree_head.one'],
    witness: ['refused: UNIQUE constraint failed: tree_head.one'],
  },

  {
    table: 'rate_block',
    column: 'source',
    op: 'change',
    mutate: (db) => db.exec(`UPDATE rate_block SET source = 'victim'`),
    key: ['block-unlogged(victim)', 'block-mac(victim)', 'block-missing(block)'],
    none: ['block-unlogged(victim)', 'block-missing(block)'],
    witness: ['block-unlogged(victim)', 'block-missing(block)'],
  },
  {
    table: 'rate_block',
    column: 'blocked_until',
    op: 'change',
    mutate: (db) => db.exec('UPDATE rate_block SET blocked_until = blocked_until - 1'),
    key: ['block-altered(block)', 'block-mac(block)'],
    none: ['block-altered(block)'],
    witness: ['block-altered(block)'],
  },
  {
    table: 'rate_block',
    column: 'kid',
    op: 'change',
    mutate: (db, k) => db.prepare('UPDATE rate_block SET kid = ?').run(forgeKid(k)),
    key: ['unknown-kid(block)'],
    none: ['block-mac(block)'],
    witness: ['block-mac(block)'],
  },
  {
    table: 'rate_block',
    column: 'mac',
    op: 'change',
    mutate: (db) => db.exec(`UPDATE rate_block SET mac = '${'0'.repeat(64)}'`),
    key: ['block-mac(block)'],
    none: ['block-mac(block)'],
    witness: ['block-mac(block)'],
  },
  {
    table: 'rate_block',
    op: 'delete',
    mutate: (db) => db.exec('DELETE FROM rate_block'),
    key: ['block-missing(block)'],
    none: ['block-missing(block)'],
    witness: ['block-missing(block)'],
  },
  {
    table: 'rate_block',
    op: 'duplicate',
    mutate: (db) => db.exec('INSERT INTO rate_block SELECT * FROM rate_block'),
    key: ['refused: UNIQUE constraint failed: rate_block.source'],
    none: ['refused: UNIQUE constraint failed: rate_block.source'],
    witness: ['refused: UNIQUE constraint failed: rate_block.source'],
  },

  { table: 'file', op: 'replace with a fresh ledger', file: () => fresh, key: [], none: [], witness: ['rollback(head)'] },
  { table: 'file', op: 'roll back to an older copy', file: () => older, key: [], none: [], witness: ['rollback(head)'] },
  { table: 'file', op: 'fork (same history, then another capture)', file: () => forked, key: [], none: [], witness: ['fork(head)'] },
  {
    table: 'file',
    op: 'truncate the bytes',
    mutate: () => undefined,
    key: ['refused: database disk image is malformed'],
    none: ['refused: database disk image is malformed'],
    witness: ['refused: database disk image is malformed'],
  },
]

type Mode = 'key' | 'none' | 'witness'

/** Applies the case to a copy of the base and opens it as tracehoundd would: "kind(label)" per problem. */
function run(c: Case, mode: Mode): string[] {
  const b = mode === 'key' ? keyed : keyless
  const dir = tmp()
  const path = join(dir, 'ledger.sqlite')
  copyFileSync(join(c.file?.() ?? b.dir, 'ledger.sqlite'), path)
  if (c.op === 'truncate the bytes') {
    const bytes = readFileSync(path)
    writeFileSync(path, bytes.subarray(0, bytes.length / 2))
  } else if (c.mutate) {
    const db = new Database(path)
    try {
      c.mutate(db, mode === 'key')
    } catch (e) {
      return [`refused: ${(e as Error).message}`]
    } finally {
      db.close()
    }
  }
  let ledger: Ledger | undefined
  try {
    ledger = new Ledger({
      dataDir: dir,
      macKeys: mode === 'key' ? [KEY] : [],
      clock: NOW,
      ...(mode === 'witness' && { trustedHead: b.headFile }),
    })
    return ledger.problems.map(
      (p) => `${p.kind}(${b.labels.get(p.id) ?? (p.id.startsWith('leaf ') || p.id === 'victim' ? p.id : 'forged')})`,
    )
  } catch (e) {
    return [`refused: ${(e as Error).message}`]
  } finally {
    ledger?.close()
  }
}

const table: string[] = []
afterAll(() => {
  console.log(
    ['| table | column | tampering | with key | without key | without key, with witness |', '|---|---|---|---|---|---|', ...table].join(
      '\n',
    ),
  )
})

describe('tamper suite', () => {
  it('the untouched ledgers report nothing, in every mode', () => {
    for (const mode of ['key', 'none', 'witness'] as const)
      expect(run({ table: '-', op: 'none', key: [], none: [], witness: [] }, mode)).toEqual([])
  })

  for (const c of CASES) {
    it(`${c.table}${c.column ? `.${c.column}` : ''}: ${c.op}`, () => {
      const got = { key: run(c, 'key'), none: run(c, 'none'), witness: run(c, 'witness') }
      const cell = (l: string[]) => (l.length === 0 ? '**not detected**' : l.join(', '))
      table.push(`| ${c.table} | ${c.column ?? ''} | ${c.op} | ${cell(got.key)} | ${cell(got.none)} | ${cell(got.witness)} |`)
      expect(got).toEqual({ key: c.key, none: c.none, witness: c.witness })
    })
  }

  it('a forged acknowledgement does not hide the problem; with a key it does not lift the write refusal either', () => {
    for (const keyedBase of [true, false]) {
      const b = keyedBase ? keyed : keyless
      const dir = tmp()
      copyFileSync(join(b.dir, 'ledger.sqlite'), join(dir, 'ledger.sqlite'))
      const db = new Database(join(dir, 'ledger.sqlite'))
      db.exec('DELETE FROM evidence WHERE seq = 5')
      const probe = new Ledger({ dataDir: dir, macKeys: keyedBase ? [KEY] : [], clock: NOW })
      const [problem] = probe.problems
      probe.close()
      db.prepare('INSERT INTO acknowledged_problem (problem, acknowledged_at) VALUES (?, ?)').run(
        `${problem!.kind} ${problem!.id}: ${problem!.detail}`,
        T0,
      )
      db.close()
      const l = new Ledger({ dataDir: dir, macKeys: keyedBase ? [KEY] : [], clock: NOW })
      expect(l.problems.map((p) => p.kind)).toEqual(['evidence-missing'])
      if (keyedBase) expect(l.refusal).toMatch(/1 unacknowledged integrity problem/)
      else expect(l.refusal).toBeUndefined() // without a key nothing tells an operator's row from an attacker's
      l.close()
    }
    table.push(
      '| acknowledged_problem | | forge an acknowledgement (and delete E1) | evidence-missing(sig4); writes still refused | evidence-missing(sig4); writes accepted | evidence-missing(sig4); writes accepted |',
    )
  })
})
