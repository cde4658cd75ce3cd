/**
 * The conformance runner owns the case list: executors that drop, repeat or garble results, or
 * crash on an invalid vector, fail the run with the executor's name and the tcIds concerned.
 */

import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { expectedCases } from '../conformance/lib/expected-cases.js'
import { caseRanges, readExecutorOutput } from '../conformance/lib/executor-output.js'
import type { VectorFile } from '../conformance/lib/vector-file.js'

const exec = promisify(execFile)

/** The vectors cut to the first valid and the first invalid test of each group: a fast run that keeps both kinds. */
function smallVectors(): string {
  const dir = mkdtempSync(join(tmpdir(), 'th-small-vectors-'))
  for (const name of readdirSync('conformance/vectors')) {
    const file = JSON.parse(readFileSync(join('conformance/vectors', name), 'utf8')) as VectorFile
    for (const group of file.testGroups) {
      const valid = group.tests.find((t) => t.result === 'valid')
      const invalid = group.tests.find((t) => t.result === 'invalid')
      group.tests = [valid, invalid].filter((t) => t !== undefined).sort((a, b) => a.tcId - b.tcId)
    }
    writeFileSync(join(dir, name), JSON.stringify(file))
  }
  return dir
}

const vectors = smallVectors()
const cases = expectedCases(vectors)
const firstAudit = cases.find((c) => c.suite === 'audit')!.id

async function runWith(mode: string): Promise<{ code: number; out: string }> {
  const executor = `fake=node_modules/.bin/tsx test/fixtures/misbehaving-executor.ts ${mode}`
  try {
    const { stdout } = await exec('node_modules/.bin/tsx', ['conformance/run.ts', '--vectors', vectors, '--executor', executor])
    return { code: 0, out: stdout }
  } catch (error) {
    const e = error as { code: number; stdout: string }
    return { code: e.code, out: e.stdout }
  }
}

// Each case spawns the runner and an executor (two tsx start-ups): generous on a loaded machine.
describe('conformance runner against a misbehaving executor', { timeout: 180_000 }, () => {
  it('passes the same executor when it behaves (the control)', async () => {
    const { code, out } = await runWith('none')
    expect(out).toContain(`conformance: ${cases.length} passed, 0 failed`)
    expect(out).not.toContain('FAIL')
    expect(code).toBe(0)
  })

  it('fails a dropped suite, naming every missing tcId', async () => {
    const { code, out } = await runWith('drop-suite')
    const hmac = cases.filter((c) => c.suite === 'hmac')
    expect(out).toMatch(new RegExp(`\\| fake +\\| \\d+/\\d+ +\\| \\d+/\\d+ +\\| \\d+/\\d+ +\\| 0/${hmac.length} +\\|`))
    for (const range of caseRanges(hmac.map((c) => c.id))) expect(out).toContain(`FAIL fake: ${range}: no result`)
    expect(code).toBe(1)
  })

  it('fails a duplicated result', async () => {
    const { code, out } = await runWith('duplicate')
    expect(out).toContain(`FAIL fake: ${firstAudit}: more than one result`)
    expect(code).toBe(1)
  })

  it('reports a stray stdout line as unparseable instead of crashing', async () => {
    const { code, out } = await runWith('stray')
    expect(out).toMatch(/FAIL fake: executor: unparseable line \d+ \(not JSON\): "debug: audit suite started"/)
    expect(out).toContain(`conformance: ${cases.length} passed, 0 failed`)
    expect(code).toBe(1)
  })

  it('fails a crash on an invalid vector although "invalid" was the expected answer', async () => {
    const { code, out } = await runWith('crash-on-invalid')
    const invalid = JSON.parse(readFileSync(join(vectors, 'audit_test.json'), 'utf8')) as VectorFile
    const crashedIds = invalid.testGroups.flatMap((g) => g.tests.filter((t) => t.result === 'invalid').map((t) => `audit_test/${t.tcId}`))
    expect(crashedIds.length).toBeGreaterThan(0)
    for (const id of crashedIds) expect(out).toContain(`FAIL fake: ${id}: crashed: TypeError: cannot read properties of undefined`)
    expect(code).toBe(1)
  })
})

describe('readExecutorOutput', () => {
  const expected = [
    { id: 'hmac_test/1', suite: 'hmac' as const, tcId: 1 },
    { id: 'hmac_test/2', suite: 'hmac' as const, tcId: 2 },
  ]
  const ok = (id: string) => JSON.stringify({ case: id, ok: true })

  it('takes one result per case and the tally', () => {
    const { outcomes, problems } = readExecutorOutput(`${ok('hmac_test/1')}\n${ok('hmac_test/2')}\n2 passed, 0 failed\n`, expected, 0, '')
    expect(problems).toEqual([])
    expect([...outcomes.values()].map((o) => o.kind)).toEqual(['passed', 'passed'])
  })

  it('names results for unknown cases, JSON that is not a result, a wrong tally and a wrong exit status', () => {
    const stdout = [ok('hmac_test/1'), ok('hmac_test/9'), '[1]', '{"case":"hmac_test/2"}', '2 passed, 0 failed'].join('\n')
    const { outcomes, problems } = readExecutorOutput(stdout, expected, 1, '')
    expect(problems).toEqual([
      'line 2 reports "hmac_test/9", which is not a case of the vectors',
      'unparseable line 3 (not a JSON object): "[1]"',
      'unparseable line 4 (no "ok" boolean): "{\\"case\\":\\"hmac_test/2\\"}"',
      'closing line says "2 passed, 0 failed" but the result lines hold 1 passed, 0 failed',
      'exit status 1, expected 0 for what it printed',
    ])
    expect(outcomes.get('hmac_test/2')).toEqual({ kind: 'missing' })
  })

  it('treats a crash marked ok as a crash, and a missing tally as a dead executor', () => {
    const line = JSON.stringify({ case: 'hmac_test/1', ok: true, crash: 'RangeError: boom' })
    const { outcomes, problems } = readExecutorOutput(line, expected, null, 'Segmentation fault')
    expect(outcomes.get('hmac_test/1')).toEqual({ kind: 'crashed', detail: 'RangeError: boom' })
    expect(problems).toEqual(['no closing "N passed, N failed" line (exit null); stderr: Segmentation fault'])
  })

  it('shortens a huge stray line', () => {
    const { problems } = readExecutorOutput(`${'x'.repeat(10_000)}\n0 passed, 0 failed`, expected, 0, '')
    expect(problems[0]!.length).toBeLessThan(400)
    expect(problems[0]).toContain('(10000 chars)')
  })

  it('writes consecutive tcIds as ranges', () => {
    expect(caseRanges(['a_test/1', 'a_test/2', 'a_test/3', 'a_test/5', 'b_test/6', 'b_test/7'])).toEqual([
      'a_test/1-3',
      'a_test/5',
      'b_test/6-7',
    ])
  })
})
