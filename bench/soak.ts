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
  const samples: { minutes: number; rss: number }[] = []
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
      samples.push({ minutes, rss })
      // A sample the loaded daemon does not answer in time is shown as such; it never ends the run.
      const treeSize = await c.getTreeHead().then(
        (h) => String(h.treeSize),
        () => 'no answer',
      )
      const heap = await heapMb(d.tcp!).then(
        (h) => h.toFixed(0),
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
    const mx = after.reduce((a, s) => a + s.minutes, 0) / after.length
    const my = after.reduce((a, s) => a + s.rss, 0) / after.length
    const slope = after.reduce((a, s) => a + (s.minutes - mx) * (s.rss - my), 0) / after.reduce((a, s) => a + (s.minutes - mx) ** 2, 0)
    console.log(
      `\nRSS slope after ${WARMUP_MINUTES} min warm-up: ${(slope * 60).toFixed(1)} MB/hour over ${after.length} samples (${after[0]!.rss.toFixed(0)} → ${after.at(-1)!.rss.toFixed(0)} MB)`,
    )
  } else console.log('\nrun longer than the warm-up for an RSS slope')
  rmSync(dir, { recursive: true, force: true })
}

await main()
