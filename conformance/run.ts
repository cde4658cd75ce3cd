/**
 * `npm run conformance`: runs every implementation whose toolchain is present over the vectors and
 * prints implementation × suite. The runner owns the case list: it reads the vector files itself
 * and expects exactly one result per tcId from every executor. It fails on a missing, duplicate or
 * unparseable result, on an executor crash, on any mismatch that is not a listed known failure, and
 * on a listed known failure that now passes (docs/spec/conformance-vectors.md).
 *
 * Usage: tsx conformance/run.ts [--vectors DIR] [--only NAME] [--known DIR] [--executor 'NAME=CMD ARG…']
 * (--executor runs just that command as an implementation without a daemon: how the tests plant
 * misbehaving executors.)
 */

import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type ExpectedCase, expectedCases, SUITES } from './lib/expected-cases.js'
import { caseRanges, readExecutorOutput } from './lib/executor-output.js'
import { type Implementation, implementations } from './implementations.js'

const root = fileURLToPath(new URL('..', import.meta.url))

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(name)
  return at === -1 ? undefined : process.argv[at + 1]
}

const vectors = flag('--vectors') ?? `${root}conformance/vectors`
const only = flag('--only')
const knownDir = flag('--known') ?? `${root}conformance/known-failures`
const custom = flag('--executor')

interface Row {
  name: string
  skipped?: string
  counts?: Record<string, { passed: number; total: number }>
  /** Every reason this implementation fails the run, one line each. */
  failures: string[]
}

function knownFailures(name: string): Map<string, string> {
  const file = `${knownDir}/${name}.json`
  if (!existsSync(file)) return new Map()
  const list = JSON.parse(readFileSync(file, 'utf8')) as { failures: { case: string; reason: string }[] }
  return new Map(list.failures.map((f) => [f.case, f.reason]))
}

interface Finished {
  stdout: string
  stderr: string
  code: number | null
}

function runExecutor(impl: Implementation, env: NodeJS.ProcessEnv): Promise<Finished> {
  return new Promise((resolve) => {
    const [cmd, ...args] = impl.command
    const child = spawn(cmd!, [...args, vectors], { cwd: root, env: { ...process.env, ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += d
    })
    child.stderr.on('data', (d) => {
      stderr += d
    })
    child.on('error', (e) => resolve({ stdout, stderr: `${stderr}${e}`, code: -1 }))
    child.on('close', (code) => resolve({ stdout, stderr, code }))
  })
}

async function evaluate(impl: Implementation, expected: ExpectedCase[], env: NodeJS.ProcessEnv): Promise<Row> {
  const why = impl.detect()
  if (why) return { name: impl.name, skipped: why, failures: [] }
  const { stdout, stderr, code } = await runExecutor(impl, impl.needsDaemon ? env : {})
  const { outcomes, problems } = readExecutorOutput(stdout, expected, code, stderr)
  const known = knownFailures(impl.name)
  const counts = Object.fromEntries(SUITES.map((s) => [s, { passed: 0, total: 0 }]))
  const failures = problems.map((p) => `executor: ${p}`)
  const missing: string[] = []
  for (const c of expected) {
    const outcome = outcomes.get(c.id)!
    const count = counts[c.suite]!
    count.total++
    if (outcome.kind === 'passed') {
      count.passed++
      if (known.has(c.id)) failures.push(`${c.id} is listed as a known failure but passes: remove it from known-failures/${impl.name}.json`)
    } else if (outcome.kind === 'missing') {
      missing.push(c.id)
    } else if (outcome.kind === 'duplicate') {
      failures.push(`${c.id}: more than one result (${outcome.detail})`)
    } else if (!known.has(c.id)) {
      failures.push(`${c.id}: ${outcome.kind === 'crashed' ? 'crashed: ' : ''}${outcome.detail}`)
    }
  }
  for (const range of caseRanges(missing)) failures.push(`${range}: no result`)
  return { name: impl.name, counts, failures }
}

function table(rows: Row[]): string {
  const header = ['implementation', ...SUITES]
  const cells = rows.map((r) => {
    if (r.skipped) return [r.name, ...SUITES.map(() => 'SKIPPED')]
    return [r.name, ...SUITES.map((s) => `${r.counts![s]!.passed}/${r.counts![s]!.total}`)]
  })
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)))
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`
  return [line(header), rule, ...cells.map(line)].join('\n')
}

/** tracehoundd --conformance on a fresh socket; resolves once the socket accepts connections. */
async function startConformanceDaemon(): Promise<{ address: string; child: ChildProcess }> {
  const socket = join(mkdtempSync(join(tmpdir(), 'th-conformance-')), 'th.sock')
  const child = spawn(
    `${root}node_modules/.bin/tsx`,
    ['src/cli/tracehoundd.ts', '--conformance', '--socket', socket, '--no-watch', '--log-level', 'warn'],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  )
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`tracehoundd --conformance exited with ${child.exitCode}`)
    const up = await new Promise<boolean>((resolve) => {
      const c = connect(socket, () => {
        c.end()
        resolve(true)
      })
      c.on('error', () => resolve(false))
    })
    if (up) return { address: `unix://${socket}`, child }
    if (Date.now() > deadline) throw new Error('tracehoundd --conformance did not start within 60 s')
    await new Promise((r) => setTimeout(r, 100))
  }
}

function selectedImplementations(): Implementation[] {
  if (custom) {
    const [name, command] = custom.split(/=(.*)/s) as [string, string]
    return [{ name, command: command.split(' '), needsDaemon: false, detect: () => null }]
  }
  return implementations.filter((i) => !only || i.name === only)
}

const expected = expectedCases(vectors)
const selected = selectedImplementations()
const needsDaemon = selected.some((i) => i.needsDaemon && i.detect() === null)
const daemon = needsDaemon ? await startConformanceDaemon() : undefined
const env = daemon ? { TRACEHOUND_CONFORMANCE_ADDRESS: daemon.address } : {}
const rows: Row[] = []
try {
  for (const impl of selected) rows.push(await evaluate(impl, expected, env))
} finally {
  daemon?.child.kill('SIGTERM')
}

console.log(table(rows))
let passed = 0
let failed = 0
for (const r of rows) {
  if (r.skipped) console.log(`SKIPPED: ${r.name} (${r.skipped})`)
  for (const c of Object.values(r.counts ?? {})) {
    passed += c.passed
    failed += c.total - c.passed
  }
  for (const f of r.failures) console.log(`FAIL ${r.name}: ${f}`)
}
const ran = rows.filter((r) => !r.skipped).length
if (ran === 0) console.log('FAIL: no implementation ran')
console.log(`conformance: ${passed} passed, ${failed} failed`)
process.exitCode = ran === 0 || rows.some((r) => r.failures.length > 0) ? 1 : 0
