/**
 * Verification-kernel throughput, every language on one corpus in one run (issue 17): ECMAScript
 * number formatting (numbers/s over 100,000 seeded doubles of every shape) and
 * signature(category, payload) over the valid signature vectors (documents/s). The Go kernel is the
 * peer: the Java kernel's target is at least 0.5× its documents/s. A language whose toolchain is
 * missing prints SKIPPED.
 * Run: npm run bench:kernels [-- --seconds 2]
 */

import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { canonicalize, signature } from '../src/core/kernel/index.js'

const ROOT = new URL('..', import.meta.url).pathname
const SECONDS = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 2
const VECTORS = join(ROOT, 'conformance/vectors/signature_test.json')

interface Row {
  impl: string
  numbersPerSec?: number
  docsPerSec?: number
  skipped?: string
  failed?: string
}

/** Raw bit patterns, decimals of up to 17 digits at any scale, and small integers: a third each. */
function numberCorpus(count: number): Float64Array {
  let a = 0x9e3779b9 >>> 0
  let b = 0x243f6a88 >>> 0
  const next = () => {
    a ^= a << 13
    a >>>= 0
    a ^= a >>> 17
    a ^= a << 5
    a >>>= 0
    b = (b + 0x6d2b79f5) >>> 0
    return (a ^ b) >>> 0
  }
  const view = new DataView(new ArrayBuffer(8))
  const out = new Float64Array(count)
  for (let i = 0; i < count; i++) {
    let x: number
    if (i % 3 === 0) {
      view.setUint32(0, next())
      view.setUint32(4, next())
      x = view.getFloat64(0)
    } else if (i % 3 === 1) x = ((next() * 4294967296 + next()) % 1e17) * 10 ** ((next() % 640) - 340)
    else x = next() % 100_000
    out[i] = Number.isFinite(x) ? x : i
  }
  return out
}

function rate(seconds: number, n: number, round: () => void): number {
  const budget = seconds * 1e9
  for (const start = process.hrtime.bigint(); Number(process.hrtime.bigint() - start) < budget; ) round()
  let rounds = 0
  const start = process.hrtime.bigint()
  while (Number(process.hrtime.bigint() - start) < budget) {
    round()
    rounds++
  }
  return (rounds * n) / (Number(process.hrtime.bigint() - start) / 1e9)
}

function typescript(numbers: Float64Array): Row {
  const file = JSON.parse(readFileSync(VECTORS, 'utf8')) as {
    testGroups: { tests: { result: string; category: string; payload: unknown }[] }[]
  }
  const docs = file.testGroups.flatMap((g) => g.tests).filter((t) => t.result === 'valid')
  return {
    impl: 'ts',
    numbersPerSec: rate(SECONDS, numbers.length, () => {
      for (const x of numbers) canonicalize(x)
    }),
    docsPerSec: rate(SECONDS, docs.length, () => {
      for (const d of docs) signature(d.category, d.payload)
    }),
  }
}

function has(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

function run(impl: string, cwd: string, command: string, args: string[]): Row {
  try {
    const out = execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
    return JSON.parse(out.trim().split('\n').pop()!) as Row
  } catch (e) {
    return { impl, failed: (e as Error).message.split('\n')[0] }
  }
}

const dir = mkdtempSync(join(tmpdir(), 'th-kernels-'))
const numbers = numberCorpus(100_000)
const numbersFile = join(dir, 'numbers.txt')
writeFileSync(numbersFile, Array.from(new BigUint64Array(numbers.buffer), (bits) => bits.toString(16)).join('\n') + '\n')

const rows: Row[] = [typescript(numbers)]
rows.push(
  has('go')
    ? run('go', join(ROOT, 'sdks/go'), 'go', [
        'run',
        './bench/kernel',
        '-numbers',
        numbersFile,
        '-vectors',
        VECTORS,
        '-seconds',
        String(SECONDS),
      ])
    : { impl: 'go', skipped: 'go not found' },
)
if (has('mvn') && has('java')) {
  const java = join(ROOT, 'sdks/java')
  execFileSync('mvn', ['-B', '-q', '--no-transfer-progress', 'package', '-DskipTests'], { cwd: java, stdio: 'inherit' })
  rows.push(
    run('java', java, 'java', [
      '-cp',
      'target/test-classes:target/tracehound-client-all.jar',
      'dev.tracehound.kernel.KernelBench',
      numbersFile,
      VECTORS,
      String(SECONDS),
    ]),
  )
} else rows.push({ impl: 'java', skipped: 'java or mvn not found' })

const go = rows.find((r) => r.impl === 'go' && r.docsPerSec !== undefined)
const fmt = (n: number | undefined) => (n === undefined ? '-' : Math.round(n).toLocaleString('en-US'))
console.log(`| kernel | numbers/s | documents/s | documents vs go |`)
console.log(`|--------|-----------|-------------|-----------------|`)
for (const r of rows) {
  if (r.skipped || r.failed) {
    console.log(`| ${r.impl} | ${r.skipped ? `SKIPPED: ${r.impl} (${r.skipped})` : `FAILED: ${r.failed}`} | | |`)
    continue
  }
  const ratio = go && r.docsPerSec ? `${(r.docsPerSec / go.docsPerSec!).toFixed(2)}×` : '-'
  console.log(`| ${r.impl} | ${fmt(r.numbersPerSec)} | ${fmt(r.docsPerSec)} | ${ratio} |`)
}
const java = rows.find((r) => r.impl === 'java' && r.docsPerSec !== undefined)
if (go && java) console.log(`\njava/go documents ratio ${(java.docsPerSec! / go.docsPerSec!).toFixed(2)} (target ≥ 0.5)`)
