/**
 * Soak (issue 18), outside CI: the real tracehoundd (as shipped: dist/, built first) under a mixed flood that keeps evicting (a
 * 100-item quarantine; threats of 200 B to 16 KiB, clean scents between them, 16 concurrent
 * streams of unary calls). Every 10 s it prints RSS, V8 heap, audit tree size, intercepts/s and
 * the p99 latency of that interval; at the end, the RSS slope after warm-up (least squares, MB per
 * hour), which should be about 0 for memory that stays flat.
 * Run: npm run soak -- --minutes N [--memory [--audit-retention N]] [--warmup-minutes W]
 * (memory mode grows until its audit retention, default 100 000 leaves, is full: warm up past it)
 */

import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTracehoundClient } from '../src/client/index.js'
import { createSeededRandom, type Scent } from '../src/core/index.js'
import { startDaemonProcess } from '../test/daemon-harness.js'

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}
const MINUTES = arg('--minutes', 30)
const WARMUP_MINUTES = arg('--warmup-minutes', Math.min(5, MINUTES / 3))
const MEMORY = process.argv.includes('--memory')
const RETENTION = arg('--audit-retention', 0)
const CONCURRENCY = 16
const INTERVAL_MS = 10_000

const dir = mkdtempSync(join(tmpdir(), 'th-soak-'))
const config = join(dir, 'config.json')
writeFileSync(
  config,
  JSON.stringify({ quarantine: { maxCount: 100 }, rateLimit: { windowMs: 60000, maxRequests: 1_000_000_000, blockDurationMs: 0 } }),
)
const rand = createSeededRandom('soak')
const below = (n: number) => rand(4).reduce((a, b) => a * 256 + b, 0) % n

let n = 0
function scent(): Scent {
  const i = n++
  const size = [200, 1024, 4096, 16384][below(4)]!
  const base = { id: `k${i}`, payload: { i, pad: 'x'.repeat(size) }, source: `src-${i % 5000}`, timestamp: Date.now() }
  // One in four is clean: the flood is mixed, not only evictions.
  return i % 4 === 3
    ? base
    : { ...base, threat: { category: 'injection', severity: (['low', 'medium', 'high', 'critical'] as const)[i % 4]! } }
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024

async function heapMb(tcp: string): Promise<number> {
  const text = await (await fetch(`http://${tcp}/metrics`)).text()
  const m = /^nodejs_heap_size_used_bytes (\S+)/m.exec(text)
  return m ? Number(m[1]) / 2 ** 20 : NaN
}

async function main() {
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' }) // the daemon as shipped (dist/)
  const d = await startDaemonProcess(
    [
      '--config',
      config,
      '--no-watch',
      '--tcp',
      '127.0.0.1:0',
      '--insecure-no-auth',
      ...(MEMORY ? ['--memory'] : ['--data-dir', join(dir, 'state')]),
      ...(RETENTION > 0 ? ['--audit-retention', String(RETENTION)] : []),
    ],
    {},
    { built: true, startTimeoutMs: 300_000 },
  )
  const c = createTracehoundClient({ socketPath: d.socketPath })
  const end = Date.now() + MINUTES * 60_000
  let latencies: number[] = []
  let done = 0
  let errors = 0
  const worker = async () => {
    while (Date.now() < end) {
      const t = performance.now()
      const v = await c.intercept(scent())
      latencies.push(performance.now() - t)
      done++
      if (v.status === 'error' || v.degraded) errors++
    }
  }
  const samples: Sample[] = []
  const started = Date.now()
  console.log(
    `soak: ${MINUTES} min, ${MEMORY ? '--memory' : 'durable (data dir)'}${RETENTION > 0 ? `, --audit-retention ${RETENTION}` : ''}, quarantine 100, ${CONCURRENCY} concurrent callers`,
  )
  console.log('| t (s) | RSS MB | heap MB | audit tree size | intercepts/s | p99 ms | errors |')
  console.log('|---|---|---|---|---|---|---|')
  const timer = setInterval(() => {
    void (async () => {
      const lat = latencies
      const count = done
      latencies = []
      done = 0
      const p99 = lat.length ? [...lat].sort((a, b) => a - b)[Math.floor(lat.length * 0.99)]! : NaN
      const rss = rssMb(d.child.pid!)
      const minutes = (Date.now() - started) / 60_000
      samples.push({ minutes, rss, heap: NaN })
      // A sample the loaded daemon does not answer in time is shown as such; it never ends the run.
      const treeSize = await c.getTreeHead().then(
        (h) => String(h.treeSize),
        () => 'no answer',
      )
      const heap = await heapMb(d.tcp!).then(
        (h) => {
          samples.at(-1)!.heap = h
          return h.toFixed(0)
        },
        () => 'no answer',
      )
      console.log(
        `| ${Math.round(minutes * 60)} | ${rss.toFixed(0)} | ${heap} | ${treeSize} | ${Math.round(count / (INTERVAL_MS / 1000))} | ${p99.toFixed(2)} | ${errors} |`,
      )
    })()
  }, INTERVAL_MS)
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  clearInterval(timer)
  c.close()
  await d.stop()
  const after = samples.filter((s) => s.minutes >= WARMUP_MINUTES)
  if (after.length >= 3) {
    const first = after[0]!.rss.toFixed(0)
    const last = after.at(-1)!.rss.toFixed(0)
    console.log(
      `\nRSS slope after ${WARMUP_MINUTES} min warm-up: ${perHour(after.map((s) => [s.minutes, s.rss])).toFixed(1)} MB/hour over ${after.length} samples (${first} → ${last} MB)`,
    )
    // RSS swings with when V8 last collected; the lowest sample of each minute is the floor after a
    // collection, which is what a slow growth would lift.
    const floors = [...groupBy(after, (s) => Math.floor(s.minutes)).values()].map((g) => [
      g[0]!.minutes,
      Math.min(...g.map((s) => s.rss)),
    ]) as [number, number][]
    console.log(`slope of each minute's lowest RSS: ${perHour(floors).toFixed(1)} MB/hour over ${floors.length} minutes`)
    console.log('\n| minutes | RSS min / median / max MB | heap median MB |\n|---|---|---|')
    for (const [w, g] of groupBy(after, (s) => Math.floor(s.minutes / 5))) {
      const rss = g.map((s) => s.rss).sort((a, b) => a - b)
      const heap = g
        .map((s) => s.heap)
        .filter(Number.isFinite)
        .sort((a, b) => a - b)
      console.log(
        `| ${w * 5}–${w * 5 + 5} | ${rss[0]!.toFixed(0)} / ${rss[rss.length >> 1]!.toFixed(0)} / ${rss.at(-1)!.toFixed(0)} | ${heap.length ? heap[heap.length >> 1]!.toFixed(0) : 'no answer'} |`,
      )
    }
  } else console.log('\nrun longer than the warm-up for an RSS slope')
  rmSync(dir, { recursive: true, force: true })
}

interface Sample {
  minutes: number
  rss: number
  heap: number
}

/** Samples by key, in order (Map.groupBy is Node ≥ 21). */
function groupBy(samples: Sample[], key: (s: Sample) => number): Map<number, Sample[]> {
  const groups = new Map<number, Sample[]>()
  for (const s of samples) {
    const group = groups.get(key(s))
    if (group) group.push(s)
    else groups.set(key(s), [s])
  }
  return groups
}

/** Least-squares slope of [minutes, MB] points, in MB per hour. */
function perHour(points: [number, number][]): number {
  const mx = points.reduce((a, [x]) => a + x, 0) / points.length
  const my = points.reduce((a, [, y]) => a + y, 0) / points.length
  const num = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0)
  return (num / points.reduce((a, [x]) => a + (x - mx) ** 2, 0)) * 60
}

await main()
