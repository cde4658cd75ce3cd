/** `tracehound audit export` / `verify`: proofs that verify offline, and every kind of edit caught by record id. */

import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { Tracehound } from '../src/core/index.js'
import { exportAudit } from '../src/storage/audit-export.js'
import { verifyExport } from '../src/storage/audit-verify.js'
import { Ledger } from '../src/storage/index.js'
import { tempDirs } from './storage-tmp.js'

const KEY = { kid: 'k1', key: '00112233445566778899aabbccddeeff' }
const keys = new Map([[KEY.kid, KEY.key]])
const ROOT = new URL('..', import.meta.url).pathname
const temp = tempDirs('th-export')
let dir: string
let text: string

beforeAll(() => {
  dir = temp.dir()
  const ledger = new Ledger({ dataDir: dir, macKeys: [KEY] })
  const th = new Tracehound({ storage: ledger, macKeys: [KEY], quarantine: { maxCount: 2 } })
  for (let i = 0; i < 9; i++)
    th.intercept({ id: `${i}`, payload: { i }, source: `s${i}`, timestamp: i, threat: { category: 'spam', severity: 'low' } })
  ledger.close()
  const lines: string[] = []
  expect(exportAudit(dir, (l) => lines.push(l))).toBe(16) // 9 captures, 7 evictions
  text = lines.join('\n')
})

const edit = (lineNo: number, f: (o: Record<string, any>) => void) => {
  const lines = text.split('\n')
  const o = JSON.parse(lines[lineNo]!)
  f(o)
  lines[lineNo] = JSON.stringify(o)
  return lines.join('\n')
}

describe('audit export', () => {
  it('verifies offline with proofs and MACs', () => {
    const report = verifyExport(text, keys)
    expect(report).toMatchObject({ records: 16, treeSize: 16, macsChecked: ['k1'], problems: [] })
    expect(verifyExport(text).macsChecked).toEqual([])
  })

  it('names the record of any edited field', () => {
    const line = text.split('\n').findIndex((l) => l.includes('"neutralization"'))
    const id = JSON.parse(text.split('\n')[line]!).entry.id
    const report = verifyExport(
      edit(line, (o) => (o.entry.timestamp += 1)),
      keys,
    )
    expect(report.problems.map((p) => [p.line, p.id])).toEqual([
      [line + 1, id],
      [line + 1, id],
      [line + 1, id],
    ])
    expect(report.problems.map((p) => p.detail).join()).toMatch(/record hash.*leaf hash.*MAC/)
    // A capture's fields are bound too, with no key: the leaf is the whole entry.
    const sig = JSON.parse(text.split('\n')[1]!).entry.signature
    expect(verifyExport(edit(1, (o) => (o.entry.severity = 'critical'))).problems).toEqual([
      { line: 2, id: sig, detail: 'leaf hash does not match the entry' },
    ])
  })

  it('refuses unknown entry types and fields outside the schema, without a key', () => {
    const line = text.split('\n').findIndex((l) => l.includes('"neutralization"'))
    const retyped = verifyExport(edit(line, (o) => (o.entry.type = 'note'))).problems
    expect(retyped.map((p) => p.detail)).toEqual(['entry refused: unknown audit entry type "note"'])
    const extra = verifyExport(edit(1, (o) => (o.entry.comment = 'hi'))).problems
    expect(extra.map((p) => p.detail)).toEqual(['entry refused: field "comment" is not part of a capture entry'])
    const swapped = verifyExport(edit(line, (o) => (o.entry.type = 'evacuation'))).problems
    expect(swapped.map((p) => p.detail)).toEqual(['leaf hash does not match the entry'])
  })

  it('catches a rewritten chain (hashes recomputed) by the tree head, a dropped record, and a wrong key', () => {
    expect(
      verifyExport(
        edit(7, (o) => (o.path = [])),
        keys,
      ).problems[0]!.detail,
    ).toMatch(/not included/)
    expect(verifyExport(text.split('\n').slice(0, -1).join('\n'), keys).problems[0]!.detail).toMatch(/tree size 16, but 15 entries/)
    const wrong = new Map([[KEY.kid, 'ff'.repeat(16)]])
    expect(verifyExport(text, wrong).problems.length).toBe(17) // 16 entries + the tree head
    expect(verifyExport('{"format":"other"}').problems[0]!.id).toBe('tree-head')
  })

  it('the tracehound CLI exports and verifies, exit code 1 on a problem', () => {
    const out = join(dir, 'audit.jsonl')
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/tracehound.ts'), ...args], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, TRACEHOUND_MAC_KEYS: '' },
      })
    expect(cli('audit', 'export', '--data-dir', dir, '-o', out).status).toBe(0)
    expect(readFileSync(out, 'utf8').trim()).toBe(text)
    const ok = cli('audit', 'verify', out, '--mac-key', `${KEY.kid}:${KEY.key}`)
    expect(ok.stdout).toMatch(/OK, 16 entries, tree size 16, .*MACs verified with k1/)
    expect(ok.status).toBe(0)
    writeFileSync(
      out,
      edit(2, (o) => (o.entry.signature = 'spam:00')),
    )
    const bad = cli('audit', 'verify', out)
    expect(bad.status).toBe(1)
    expect(bad.stdout).toMatch(/FAIL line 3/)
    expect(
      execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/tracehound.ts'), '--help'], { cwd: ROOT, encoding: 'utf8' }),
    ).toMatch(/audit/)
  })
})
