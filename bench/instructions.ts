/**
 * Instructions per scent, counted by valgrind (cachegrind without cache simulation): unlike time,
 * the count does not move with the machine's load: two runs of the same code differ by about 0.2%
 * in total, a row by up to ±3k instructions, where timing runs here swing ±15%. Node runs from an esbuild
 * bundle (no loader thread), single-threaded, with a predictable GC schedule. Each scenario runs
 * with N and 3N scents; the difference over 2N is the cost of one scent, with start-up, JIT
 * warm-up and fixed set-up cancelled, minus the same for building the scents alone.
 * Read it beside bench:embedded, not instead: a count is not a time. valgrind does not emulate
 * SHA-NI, so a SHA-256 counts far more instructions than it takes on a CPU that has it, and cache
 * misses (the shared machine's real tail) cost nothing here.
 * Run: npm run bench:instructions [-- --n 3000 --v1 /path/to/v1/packages/core] (about 6 minutes with --v1)
 */

import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { nodeCrypto, type Scent, Tracehound } from '../src/core/index.js'
import { canonicalBytes } from '../src/core/kernel/index.js'
import { payload, SEVERITIES } from './embedded-payload.js'

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name)
  return i < 0 ? undefined : process.argv[i + 1]
}

/** A threat with a distinct payload; flat strings, as JSON.parse gives a server (a template's pieces would be flattened on first read). */
const threat = (i: number, body: unknown = payload(i), flagged = true): Scent => ({
  id: `s${i}`,
  source: `src-${i % 512}`,
  timestamp: 1_700_000_000_000 + i,
  payload: JSON.parse(JSON.stringify(body)),
  threat: flagged ? { category: 'injection', severity: SEVERITIES[i % 4]! } : undefined,
})
/** Threats already quarantined (or filling the quarantine) before the counted work: a fixed cost, cancelled. */
const PRE = 2_000

type Engine = { intercept(s: Scent): { status: string } }
type Make = (maxCount: number) => Engine

const ours: Make = (maxCount) =>
  new Tracehound({ rateLimit: { windowMs: 60_000, maxRequests: 1e9, blockDurationMs: 0 }, quarantine: { maxCount, maxBytes: 1e12 } })

async function v1Engine(path: string): Promise<Make> {
  const mod = (await import(pathToFileURL(join(resolve(path), 'dist/index.js')).href)) as {
    createTracehound(o: object): { agent: Engine }
  }
  return (maxCount) =>
    mod.createTracehound({
      rateLimit: { windowMs: 60_000, maxRequests: 1e9, blockDurationMs: 0 },
      quarantine: { maxCount, maxBytes: 1e12 },
    }).agent
}

/** Runs one scenario over n scents and checks every verdict is the one the scenario is about. */
async function child(scenario: string, n: number, v1Path: string | undefined): Promise<void> {
  const make = scenario.startsWith('v1 ') ? await v1Engine(v1Path!) : ours
  const kind = scenario.replace(/^v1 /, '')
  const originals = kind === 'duplicate' ? Array.from({ length: PRE }, (_, i) => threat(1e9 + i)) : []
  const scents =
    kind === 'clean' || kind === 'build clean scents'
      ? Array.from({ length: n }, (_, i) => threat(i, payload(i), false))
      : kind === 'duplicate'
        ? Array.from({ length: n }, (_, i) => threat(i, originals[i % PRE]!.payload))
        : Array.from({ length: n }, (_, i) => threat(i))
  const expect = (status: string, got: { status: string }) => {
    if (got.status !== status) throw new Error(`${scenario}: a ${got.status} verdict where ${status} was expected`)
  }
  switch (kind) {
    case 'build scents':
    case 'build clean scents':
      return
    case 'floor: JSON.stringify + SHA-256':
      for (const s of scents) nodeCrypto.sha256Hex(JSON.stringify(s.payload))
      return
    case 'canonical bytes + SHA-256':
      for (const s of scents) nodeCrypto.sha256Hex(canonicalBytes(s.payload))
      return
  }
  const atCapacity = kind === 'threat, at capacity'
  const engine = make(atCapacity ? PRE : 1e9)
  const before = atCapacity ? Array.from({ length: PRE }, (_, i) => threat(2e9 + i)) : originals
  for (const s of before) expect('quarantined', engine.intercept(s))
  const status = kind === 'clean' ? 'clean' : kind === 'duplicate' ? 'ignored' : 'quarantined'
  for (const s of scents) expect(status, engine.intercept(s))
}

/** Instructions of one bundled run under valgrind. */
function count(bundle: string, scenario: string, n: number, v1Path: string | undefined): Promise<number> {
  const args = ['--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null', process.execPath]
  args.push('--single-threaded', '--predictable-gc-schedule', bundle, '--child', scenario, String(n), ...(v1Path ? [v1Path] : []))
  return new Promise((resolvePromise, reject) => {
    const p = spawn('valgrind', args, { stdio: ['ignore', 'ignore', 'pipe'] })
    let err = ''
    p.stderr.on('data', (d: Buffer) => (err += d.toString()))
    p.on('exit', (code) => {
      const refs = /I\s+refs:\s+([\d,]+)/.exec(err)
      if (code !== 0 || !refs) reject(new Error(`${scenario} (n=${n}) failed:\n${err.split('\n').slice(-15).join('\n')}`))
      else resolvePromise(Number(refs[1]!.replaceAll(',', '')))
    })
  })
}

/** Runs the jobs two at a time (this machine has 2 cores), in order. */
async function inPairs<T>(jobs: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = []
  for (let i = 0; i < jobs.length; i += 2) out.push(...(await Promise.all(jobs.slice(i, i + 2).map((j) => j()))))
  return out
}

async function main(): Promise<void> {
  const n = Number(arg('--n')) || 3_000
  const v1Path = arg('--v1')
  try {
    execFileSync('valgrind', ['--version'], { stdio: 'ignore' })
  } catch {
    console.log('SKIPPED: bench:instructions (valgrind not found; apt-get install valgrind)')
    return
  }
  const dir = mkdtempSync(join(tmpdir(), 'th-instructions-'))
  const bundle = join(dir, 'bench.mjs')
  // Imported here, not at the top: the bundle itself must not contain esbuild.
  const { build } = await import('esbuild')
  await build({
    entryPoints: [fileURLToPath(import.meta.url)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: bundle,
    logLevel: 'error',
    external: ['esbuild'],
  })
  const engines = ['clean', 'threat', 'duplicate', 'threat, at capacity']
  const scenarios = [
    'build scents',
    'build clean scents',
    'floor: JSON.stringify + SHA-256',
    'canonical bytes + SHA-256',
    ...engines,
    ...(v1Path ? engines.map((e) => `v1 ${e}`) : []),
  ]
  const started = Date.now()
  const totals = await inPairs(scenarios.flatMap((s) => [n, 3 * n].map((size) => () => count(bundle, s, size, v1Path))))
  rmSync(dir, { recursive: true, force: true })
  const marginal = (i: number) => (totals[2 * i + 1]! - totals[2 * i]!) / (2 * n)
  const [build0, buildClean] = [marginal(0), marginal(1)]
  // A clean scent is built without its threat: its own baseline.
  const per = new Map(scenarios.map((s, i) => [s, marginal(i) - (s.endsWith('clean') ? buildClean : build0)]))
  const floor = per.get('floor: JSON.stringify + SHA-256')!
  const k = (x: number) => (x / 1000).toFixed(1)
  console.log(
    `instructions per scent (valgrind, N=${n} and ${3 * n}, 1.4 KB bodies, ${PRE} pre-quarantined; Node ${process.version}; ${Math.round((Date.now() - started) / 1000)} s)`,
  )
  const rows = scenarios.slice(2).map((s) => {
    const x = per.get(s)!
    const v1 = v1Path && !s.startsWith('v1 ') ? per.get(`v1 ${s}`) : undefined
    return [s, k(x), (x / floor).toFixed(2), v1 === undefined ? '' : (v1 / x).toFixed(2)]
  })
  const header = ['scenario', 'k instructions / scent', '/ floor', 'v1 / ours']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`
  console.log(line(header))
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const r of rows) console.log(line(r))
  console.log(`(building a scent alone, subtracted from every row: ${k(build0)}k, a clean one ${k(buildClean)}k)`)
}

const childAt = process.argv.indexOf('--child')
if (childAt >= 0) await child(process.argv[childAt + 1]!, Number(process.argv[childAt + 2]), process.argv[childAt + 3])
else await main()
