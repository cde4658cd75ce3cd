import { execFile } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import { generateAll } from '../conformance/generator/main.js'

const exec = promisify(execFile)
const VECTORS = 'conformance/vectors'
const SUITES = ['signature', 'intercept', 'audit', 'hmac']

async function conformance(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await exec('node_modules/.bin/tsx', ['conformance/run.ts', '--only', 'ts-embedded', ...args])
    return { code: 0, out: stdout }
  } catch (error) {
    const e = error as { code: number; stdout: string }
    return { code: e.code, out: e.stdout }
  }
}

function vectorCopy(mutate: (file: string, json: Record<string, any>) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'th-vectors-'))
  cpSync(VECTORS, dir, { recursive: true })
  for (const name of readdirSync(dir)) {
    const json = JSON.parse(readFileSync(join(dir, name), 'utf8'))
    mutate(name, json)
    writeFileSync(join(dir, name), JSON.stringify(json))
  }
  return dir
}

describe('conformance vectors', () => {
  it.each(SUITES)('%s_test.json matches its JSON Schema, with a note for every flag', (suite) => {
    const schema = JSON.parse(readFileSync(`conformance/schema/${suite}_test.schema.json`, 'utf8'))
    const file = JSON.parse(readFileSync(`${VECTORS}/${suite}_test.json`, 'utf8'))
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema)
    expect(validate(file), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true)
    const tests = file.testGroups.flatMap((g: { tests: { tcId: number; flags: string[] }[] }) => g.tests)
    expect(tests.map((t: { tcId: number }) => t.tcId)).toEqual(tests.map((_: unknown, i: number) => i + 1))
    expect(file.numberOfTests).toBe(tests.length)
  })

  it('meet the issue minimums: 150 signature cases, 60 intercept sequences', () => {
    const count = (s: string) => JSON.parse(readFileSync(`${VECTORS}/${s}_test.json`, 'utf8')).numberOfTests
    expect(count('signature')).toBeGreaterThanOrEqual(150)
    expect(count('intercept')).toBeGreaterThanOrEqual(60)
  })

  it('are exactly what the generator produces from the engine (frozen)', async () => {
    for (const [name, text] of Object.entries(await generateAll())) {
      expect(text === readFileSync(`${VECTORS}/${name}`, 'utf8'), `${name} is stale`).toBe(true)
    }
  })
})

describe('npm run conformance', () => {
  it('passes ts-embedded on every suite and prints the table', async () => {
    const { code, out } = await conformance()
    expect(out).toMatch(/\| ts-embedded +\| 162\/162 +\| 72\/72 +\| 398\/398 +\| 144\/144 +\|/)
    expect(out).toContain('conformance: 776 passed, 0 failed')
    expect(code).toBe(0)
  })

  it('fails when a copy of a vector carries a deliberately wrong expected value', async () => {
    const dir = vectorCopy((name, json) => {
      if (name === 'signature_test.json') json.testGroups[0].tests[5].signature = 'injection:' + '0'.repeat(64)
      if (name === 'intercept_test.json') json.testGroups[0].tests[0].steps[0].expected.verdict.status = 'quarantined'
    })
    const { code, out } = await conformance('--vectors', dir)
    expect(code).toBe(1)
    expect(out).toContain('FAIL ts-embedded: signature_test/6')
    expect(out).toContain('FAIL ts-embedded: intercept_test/1')
    expect(out).toContain('conformance: 774 passed, 2 failed')
  })

  it('accepts a listed known failure, and fails when a listed failure passes', async () => {
    const dir = vectorCopy((name, json) => {
      if (name === 'hmac_test.json') json.testGroups[0].tests[0].result = 'invalid'
    })
    const known = mkdtempSync(join(tmpdir(), 'th-known-'))
    const list = (cases: string[]) =>
      writeFileSync(join(known, 'ts-embedded.json'), JSON.stringify({ failures: cases.map((c) => ({ case: c, reason: 'test' })) }))
    list(['hmac_test/1'])
    expect((await conformance('--vectors', dir, '--known', known)).code).toBe(0)
    list(['hmac_test/1', 'hmac_test/2'])
    const { code, out } = await conformance('--vectors', dir, '--known', known)
    expect(code).toBe(1)
    expect(out).toContain('hmac_test/2 is listed as a known failure but passes')
  })
})
