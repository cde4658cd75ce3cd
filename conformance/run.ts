/**
 * `npm run conformance`: runs every implementation whose toolchain is present over the vectors and
 * prints implementation × suite. Fails on any mismatch that is not a listed known failure, and on
 * a listed known failure that now passes (DESIGN §9).
 * Usage: tsx conformance/run.ts [--vectors DIR] [--only NAME] [--known DIR]
 */

import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Implementation, implementations } from './implementations.js'

const SUITES = ['signature', 'intercept', 'audit', 'hmac'] as const
const root = fileURLToPath(new URL('..', import.meta.url))
const arg = (flag: string) => (process.argv.includes(flag) ? process.argv[process.argv.indexOf(flag) + 1] : undefined)
const vectors = arg('--vectors') ?? `${root}conformance/vectors`
const only = arg('--only')
const knownDir = arg('--known') ?? `${root}conformance/known-failures`

interface KnownFailure {
  case: string
  reason: string
}

interface Row {
  name: string
  skipped?: string
  counts?: Record<string, { passed: number; total: number }>
  unexpected: string[]
  fixed: string[]
  executorError?: string
}

function knownFailures(name: string): Map<string, string> {
  const file = `${knownDir}/${name}.json`
  if (!existsSync(file)) return new Map()
  const list = JSON.parse(readFileSync(file, 'utf8')) as { failures: KnownFailure[] }
  return new Map(list.failures.map((f) => [f.case, f.reason]))
}

function run(impl: Implementation, env: NodeJS.ProcessEnv): Promise<{ lines: string[]; code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const [cmd, ...args] = impl.command
    const child = spawn(cmd!, [...args, vectors], { cwd: root, env: { ...process.env, ...env } })
    let out = ''
    let stderr = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', (e) => resolve({ lines: [], code: -1, stderr: String(e) }))
    child.on('close', (code) => resolve({ lines: out.split('\n').filter(Boolean), code, stderr }))
  })
}

async function evaluate(impl: Implementation, env: NodeJS.ProcessEnv): Promise<Row> {
  const why = impl.detect()
  if (why) return { name: impl.name, skipped: why, unexpected: [], fixed: [] }
  const { lines, code, stderr } = await run(impl, impl.needsDaemon ? env : {})
  const known = knownFailures(impl.name)
  const counts = Object.fromEntries(SUITES.map((s) => [s, { passed: 0, total: 0 }]))
  const row: Row = { name: impl.name, counts, unexpected: [], fixed: [] }
  const tally = lines[lines.length - 1] ?? ''
  if (!/^\d+ passed, \d+ failed$/.test(tally)) row.executorError = `no closing tally (exit ${code}): ${stderr.trim().slice(-500)}`
  for (const line of lines.slice(0, -1)) {
    const r = JSON.parse(line) as { case: string; ok: boolean; want?: unknown; got?: unknown }
    const suite = r.case.split('_test/')[0] as (typeof SUITES)[number]
    counts[suite]!.total++
    if (r.ok) counts[suite]!.passed++
    if (!r.ok && !known.has(r.case)) row.unexpected.push(`${r.case}: want ${JSON.stringify(r.want)} got ${JSON.stringify(r.got)}`.slice(0, 400))
    if (r.ok && known.has(r.case)) row.fixed.push(r.case)
  }
  return row
}

function table(rows: Row[]): string {
  const header = ['implementation', ...SUITES]
  const cells = rows.map((r) =>
    r.skipped ? [r.name, ...SUITES.map(() => 'SKIPPED')] : [r.name, ...SUITES.map((s) => `${r.counts![s]!.passed}/${r.counts![s]!.total}`)],
  )
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)))
  const line = (c: string[]) => '| ' + c.map((x, i) => x.padEnd(widths[i]!)).join(' | ') + ' |'
  return [line(header), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...cells.map(line)].join('\n')
}

/** tracehoundd --conformance on a fresh socket; resolves once the socket accepts connections. */
async function startConformanceDaemon(): Promise<{ address: string; child: ChildProcess }> {
  const socket = join(mkdtempSync(join(tmpdir(), 'th-conformance-')), 'th.sock')
  const child = spawn(
    `${root}node_modules/.bin/tsx`,
    ['src/cli/tracehoundd.ts', '--conformance', '--socket', socket, '--no-watch', '--log-level', 'warn'],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  )
  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`tracehoundd --conformance exited with ${child.exitCode}`)
    const up = await new Promise<boolean>((resolve) => {
      const c = connect(socket, () => (c.end(), resolve(true)))
      c.on('error', () => resolve(false))
    })
    if (up) return { address: `unix://${socket}`, child }
    if (Date.now() > deadline) throw new Error('tracehoundd --conformance did not start within 30 s')
    await new Promise((r) => setTimeout(r, 100))
  }
}

const selected = implementations.filter((i) => !only || i.name === only)
const daemon = selected.some((i) => i.needsDaemon && i.detect() === null) ? await startConformanceDaemon() : undefined
const rows: Row[] = []
try {
  for (const impl of selected) rows.push(await evaluate(impl, daemon ? { TRACEHOUND_CONFORMANCE_ADDRESS: daemon.address } : {}))
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
  if (r.executorError) console.log(`FAIL ${r.name}: executor error: ${r.executorError}`)
  for (const u of r.unexpected) console.log(`FAIL ${r.name}: ${u}`)
  for (const f of r.fixed) console.log(`FAIL ${r.name}: ${f} is listed as a known failure but passes: remove it from known-failures/${r.name}.json`)
}
const bad = rows.some((r) => r.executorError || r.unexpected.length > 0 || r.fixed.length > 0)
const ran = rows.filter((r) => !r.skipped).length
if (ran === 0) console.log('FAIL: no implementation ran')
console.log(`conformance: ${passed} passed, ${failed} failed`)
process.exitCode = bad || ran === 0 ? 1 : 0
