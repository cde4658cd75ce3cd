/**
 * Embedded intercept speed (issue 17): a mix of 70% clean, 20% threats and 10% duplicates, 1.4 KB
 * JSON bodies, 512 sources, run through our engine, a floor that does only the unavoidable work
 * (a Map count per source; JSON.stringify + SHA-256 of a threat's body) and, with `--v1 PATH`,
 * v1's @tracehound/core beside them: same scents, same process, same round, order rotated per
 * round. Two quarantine modes: not full (room for every threat) and at capacity (pre-filled to
 * `--capacity`, so every new threat evicts one). Ratios from one run are the result: this
 * machine is shared, so absolute times move from run to run (bench/README.md); the load average
 * is printed before and after, the floor's p99 beside ours (a tail the machine sets, not the
 * code, shows in both), and the share of our measured time spent in GC pauses.
 * Run: npm run bench:embedded [-- --ops 50000 --rounds 3 --capacity 5000 --v1 /path/to/v1/packages/core] (more rounds, a steadier median)
 */

import { createHash } from 'node:crypto'
import { existsSync, statSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { PerformanceObserver } from 'node:perf_hooks'
import { type Scent, Tracehound } from '../src/core/index.js'
import { payload, SEVERITIES } from './embedded-payload.js'

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name)
  return i < 0 ? undefined : process.argv[i + 1]
}
const OPS = Number(arg('--ops')) || 50_000
const ROUNDS = Number(arg('--rounds')) || 3
const CAPACITY = Number(arg('--capacity')) || 5_000
const V1_PATH = arg('--v1')
const SOURCES = 512

type Kind = 'clean' | 'threat' | 'duplicate'
type Op = (s: Scent) => unknown
type Mode = 'not full' | 'at capacity'

/** The mix; `base` keeps payloads of different workloads distinct (no accidental duplicates across them). */
function workload(ops: number, base: number): { kinds: Kind[]; scents: Scent[] } {
  const kinds: Kind[] = []
  const scents: Scent[] = []
  const quarantined: Scent['payload'][] = []
  for (let i = 0; i < ops; i++) {
    const roll = (i * 7919) % 100
    const kind: Kind = roll < 70 || (roll >= 90 && quarantined.length === 0) ? 'clean' : roll < 90 ? 'threat' : 'duplicate'
    const p = kind === 'duplicate' ? quarantined[(i * 31) % quarantined.length]! : payload(base + i)
    if (kind === 'threat') quarantined.push(p)
    kinds.push(kind)
    scents.push({
      id: `s${base + i}`,
      payload: p,
      source: `src-${i % SOURCES}`,
      timestamp: 1_700_000_000_000 + i,
      ...(kind !== 'clean' && { threat: { category: 'injection', severity: SEVERITIES[i % 4]! } }),
    })
  }
  return { kinds, scents }
}

/** `count` distinct threats that fill a quarantine before an at-capacity run. */
function fillers(count: number, base: number): Scent[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `f${base + i}`,
    payload: payload(base + i),
    source: `src-${i % SOURCES}`,
    timestamp: 1_600_000_000_000 + i,
    threat: { category: 'injection' as const, severity: SEVERITIES[i % 4]! },
  }))
}

interface Measure {
  opsPerSec: number
  /** Per-op latency in ns of the threats (first captures) of the mix. */
  threat: Float64Array
  /** The measured loop, in performance.now() time (GC pause entries use the same clock). */
  window: [number, number]
}

/** Every GC pause of the process, [start, end] in ms: entries arrive asynchronously, the shares are summed at the end. */
const gcPauses: [number, number][] = []
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcPauses.push([e.startTime, e.startTime + e.duration])
}).observe({ entryTypes: ['gc'] })

/** The share of a measured loop spent in GC pauses. */
const gcShare = ({ window: [from, to] }: Measure) =>
  gcPauses.reduce((sum, [s, e]) => sum + Math.max(0, Math.min(e, to) - Math.max(s, from)), 0) / (to - from)

/** Per-op latencies go into a preallocated typed array: the harness itself must not feed the GC. */
function measure(kinds: Kind[], scents: Scent[], op: Op): Measure {
  const threat = new Float64Array(kinds.filter((k) => k === 'threat').length)
  let t = 0
  const from = performance.now()
  const start = process.hrtime.bigint()
  for (let i = 0; i < scents.length; i++) {
    const t0 = process.hrtime.bigint()
    op(scents[i]!)
    const dt = Number(process.hrtime.bigint() - t0)
    if (kinds[i] === 'threat') threat[t++] = dt
  }
  const opsPerSec = scents.length / (Number(process.hrtime.bigint() - start) / 1e9)
  return { opsPerSec, threat, window: [from, performance.now()] }
}

const pct = (xs: Float64Array, p: number) => {
  const s = xs.slice().sort()
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! / 1000
}

/** An engine under test: a fresh instance per run, given the quarantine's limit. */
interface Contender {
  name: string
  create(maxCount: number): Op
}

const RATE = { windowMs: 60_000, maxRequests: 1_000_000_000, blockDurationMs: 0 }
const roomFor = (maxCount: number) => ({ maxCount, maxBytes: 1e12 })

const ours: Contender = {
  name: 'ours',
  create(maxCount) {
    const th = new Tracehound({ rateLimit: RATE, quarantine: roomFor(maxCount) })
    return (s) => th.intercept(s)
  },
}

const floor: Contender = {
  name: 'floor',
  create() {
    const seen = new Map<string, number>()
    const sigs = new Set<string>()
    return (s) => {
      seen.set(s.source, (seen.get(s.source) ?? 0) + 1)
      if (!s.threat) return
      const sig = s.threat.category + ':' + createHash('sha256').update(JSON.stringify(s.payload)).digest('hex')
      if (!sigs.has(sig)) sigs.add(sig)
    }
  },
}

/** v1 from a checkout the caller built: a package directory (dist/index.js) or the module file itself. */
async function loadV1(path: string): Promise<Contender> {
  const full = resolve(path)
  const file = statSync(full).isDirectory()
    ? [join(full, 'dist/index.js'), join(full, 'packages/core/dist/index.js')].find(existsSync)
    : full
  if (!file) throw new Error(`--v1 ${path}: no dist/index.js there (build v1's packages/core first)`)
  const v1 = (await import(pathToFileURL(file).href)) as {
    createTracehound(o: object): { agent: { intercept(s: Scent): unknown } }
  }
  return {
    name: 'v1',
    create(maxCount) {
      const th = v1.createTracehound({ rateLimit: RATE, quarantine: roomFor(maxCount) })
      return (s) => th.agent.intercept(s)
    },
  }
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {})

/** One run: a fresh instance, pre-filled when at capacity, then the measured mix. */
function run(c: Contender, mode: Mode, round: number): Measure {
  const { kinds, scents } = workload(OPS, (round + 1) * 10_000_000)
  const maxCount = mode === 'not full' ? OPS : CAPACITY
  const op = c.create(maxCount)
  if (mode === 'at capacity') for (const s of fillers(CAPACITY, (round + 1) * 10_000_000 + 5_000_000)) op(s)
  gc()
  return measure(kinds, scents, op)
}

const contenders = [ours, floor, ...(V1_PATH ? [await loadV1(V1_PATH)] : [])]

// Warm-up: every path compiled (including eviction) before anything is measured.
for (const c of contenders) {
  const { kinds, scents } = workload(20_000, 1_000_000)
  for (const maxCount of [OPS, 500]) measure(kinds, scents, c.create(maxCount))
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
const loadBefore = load()
const results: Record<Mode, Record<string, Measure>[]> = { 'not full': [], 'at capacity': [] }
for (let r = 0; r < ROUNDS; r++) {
  for (const mode of ['not full', 'at capacity'] as const) {
    const order = contenders.map((_, i) => contenders[(i + r) % contenders.length]!)
    const row: Record<string, Measure> = {}
    for (const c of order) row[c.name] = run(c, mode, r)
    results[mode].push(row)
  }
}

await new Promise((resolve) => setTimeout(resolve, 100)) // the last GC entries are delivered
const probe = workload(10, 0)
console.log(
  `embedded intercept: ${ROUNDS} rounds of ${fmt(OPS)} ops (70% clean, 20% threat, 10% duplicate), body ${JSON.stringify(probe.scents[1]!.payload).length} B, ` +
    `${SOURCES} sources, at capacity = ${fmt(CAPACITY)} items pre-filled; Node ${process.version}${V1_PATH ? '' : '; v1 not loaded (--v1 PATH)'}; ` +
    `load average (1/5/15 min) ${loadBefore} before, ${load()} after`,
)
const hasV1 = V1_PATH !== undefined
const header = [
  'mode',
  'round',
  'ours ops/s',
  ...(hasV1 ? ['v1 ops/s', 'ours/v1'] : []),
  'floor ops/s',
  'threat p50 µs',
  'p99 µs',
  'floor p50 µs',
  'floor p99 µs',
  'p50/floor',
  'ours gc %',
  'capped/uncapped',
]
const rows: string[][] = []
for (const mode of ['not full', 'at capacity'] as const) {
  results[mode].forEach((m, r) => {
    const o = m.ours!
    const p50 = pct(o.threat, 50)
    const f50 = pct(m.floor!.threat, 50)
    rows.push([
      mode,
      String(r + 1),
      fmt(o.opsPerSec),
      ...(hasV1 ? [fmt(m.v1!.opsPerSec), (o.opsPerSec / m.v1!.opsPerSec).toFixed(2)] : []),
      fmt(m.floor!.opsPerSec),
      p50.toFixed(1),
      pct(o.threat, 99).toFixed(1),
      f50.toFixed(1),
      pct(m.floor!.threat, 99).toFixed(1),
      (p50 / f50).toFixed(2),
      (100 * gcShare(o)).toFixed(1),
      mode === 'at capacity' ? (o.opsPerSec / results['not full'][r]!.ours!.opsPerSec).toFixed(2) : '',
    ])
  })
}
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
const line = (r: string[]) => '| ' + r.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ') + ' |'
console.log(line(header))
console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|')
for (const r of rows) console.log(line(r))

// The targets, each as the range over the rounds.
// The median beside the range: one round can swing with the machine (bench/README.md).
const range = (xs: number[], d = 2) => {
  const sorted = [...xs].sort((a, b) => a - b)
  const median = sorted.length % 2 ? sorted[sorted.length >> 1]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2
  return `${sorted[0]!.toFixed(d)}–${sorted.at(-1)!.toFixed(d)} (median ${median.toFixed(d)})`
}
const nf = results['not full']
const cap = results['at capacity']
const targets: [string, string][] = [
  ...(hasV1
    ? [['mix, not full: ours/v1 (target ≥ 2)', range(nf.map((m) => m.ours!.opsPerSec / m.v1!.opsPerSec))] as [string, string]]
    : []),
  ...(hasV1 ? [['mix, at capacity: ours/v1', range(cap.map((m) => m.ours!.opsPerSec / m.v1!.opsPerSec))] as [string, string]] : []),
  ['threat p50 / floor p50, not full (target ≤ 2.5)', range(nf.map((m) => pct(m.ours!.threat, 50) / pct(m.floor!.threat, 50)))],
  [
    'threat p99 µs, not full (target ≤ 50 on a quiet run)',
    range(
      nf.map((m) => pct(m.ours!.threat, 99)),
      1,
    ),
  ],
  [
    'threat p99 µs, not full, floor (same rounds)',
    range(
      nf.map((m) => pct(m.floor!.threat, 99)),
      1,
    ),
  ],
  [
    'threat p99 µs, at capacity',
    range(
      cap.map((m) => pct(m.ours!.threat, 99)),
      1,
    ),
  ],
  ['at capacity / not full, ours (target ≥ 0.8)', range(cap.map((m, r) => m.ours!.opsPerSec / nf[r]!.ours!.opsPerSec))],
]
console.log('')
for (const [k, v] of targets) console.log(`${k.padEnd(56)} ${v}`)
