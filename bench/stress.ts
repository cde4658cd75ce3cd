/**
 * tracehoundd under unauthenticated floods (outside CI): while 30 unauthenticated 13 MB POSTs
 * and 10,000 unauthenticated grpc.health.v1.Health/Watch streams arrive over TCP, an
 * authenticated client calls Intercept one call after another. Prints that client's p50/p99
 * next to the same client on the quiet daemon (the peer, same run), the daemon's RSS growth
 * (/proc) and its event-loop delay max (perf_hooks.monitorEventLoopDelay inside the daemon, read
 * from prom-client's nodejs_eventloop_lag_max_seconds, which resets on every scrape).
 * The floods come from a child process, so the measuring client's own event loop stays free.
 * Targets: p99 ≤ 50 ms, RSS growth ≤ 100 MB, event-loop delay max ≤ 100 ms. Exit code 1 on a miss.
 * The daemon runs as shipped (dist/, built first).
 * Run: npm run stress [-- --posts 30 --post-mb 13 --streams 10000 --deadline-s 120]
 */

import { type ChildProcess, execFileSync, fork, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import * as http from 'node:http'
import * as http2 from 'node:http2'
import { setMaxListeners } from 'node:events'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { createTracehoundClient } from '../src/client/index.js'

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name)
  const n = i < 0 ? NaN : Number(process.argv[i + 1])
  return Number.isFinite(n) && n > 0 ? n : fallback
}
const POSTS = arg('--posts', 30)
const POST_BYTES = arg('--post-mb', 13) * 1024 * 1024
const STREAMS = arg('--streams', 10_000)
const STREAMS_PER_SESSION = 100
const DEADLINE_MS = arg('--deadline-s', 120) * 1000
const QUIET_CALLS = 500
const TOKEN = 'stress-token-0123456789abcdef'
const ROOT = new URL('..', import.meta.url).pathname
const TARGETS = { p99Ms: 50, rssGrowthMb: 100, loopDelayMaxMs: 100 }

async function startDaemon(dir: string): Promise<{ child: ChildProcess; port: number }> {
  // e.g. STRESS_DAEMON_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof": profiles the daemon under the flood.
  const nodeArgs = (process.env.STRESS_DAEMON_NODE_ARGS ?? '').split(' ').filter(Boolean)
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      // The daemon as shipped (dist/, built by main): tsx's loader adds source-mapped stack traces
      // to every error node creates, which is not the cost a user's daemon pays.
      join(ROOT, 'dist/cli/tracehoundd.js'),
      '--socket',
      join(dir, 'th.sock'),
      '--tcp',
      '127.0.0.1:0',
      '--memory',
      '--log-level',
      'warn',
    ],
    {
      cwd: ROOT,
      env: { ...process.env, TRACEHOUND_TOKEN: TOKEN },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`daemon exited (${code}) before listening`)))
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.includes('"listening"')) return
      const addresses = (JSON.parse(line) as { addresses: string[] }).addresses
      resolve(
        Number(
          addresses
            .find((a) => !a.startsWith('unix:'))!
            .split(':')
            .pop(),
        ),
      )
    })
  })
  return { child, port }
}

/**
 * The floor for the stream flood: a bare node:http2 server that answers every stream with a
 * trailers-only UNAUTHENTICATED and resets it, nothing else; its event-loop delay max under the
 * same Watch flood, measured the same way (monitorEventLoopDelay, 10 ms resolution).
 */
const BARE_SERVER = `
const http2 = require('node:http2')
const h = require('node:perf_hooks').monitorEventLoopDelay({ resolution: 10 })
h.enable()
const srv = http2.createServer({ settings: { maxConcurrentStreams: 100 } })
srv.on('stream', (s) => { s.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '16' }, { endStream: true }); s.close() })
srv.listen(0, '127.0.0.1', () => process.send(srv.address().port))
process.on('message', (m) => { if (m === 'reset') h.reset(); else process.send(h.max / 1e6) })
`

async function bareFloor(streams: number, signal: AbortSignal): Promise<number> {
  const child = spawn(process.execPath, ['-e', BARE_SERVER], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  try {
    const next = () => new Promise<number>((resolve) => child.once('message', (m) => resolve(m as number)))
    const port = await next()
    child.send('reset')
    const flood = await watchFlood(port, streams, signal)
    flood.close()
    child.send('max')
    return await next()
  } finally {
    child.kill('SIGKILL')
  }
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024

async function loopDelayMaxMs(port: number): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`, {
    headers: { authorization: `Bearer ${TOKEN}` },
    signal: AbortSignal.timeout(30_000),
  })
  const text = await res.text()
  const m = /^nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(text)
  if (!m) throw new Error(`no nodejs_eventloop_lag_max_seconds in /metrics (HTTP ${res.status})`)
  return Number(m[1]) * 1000
}

/** One unauthenticated HTTP/1.1 POST of `bytes` random bytes; resolves with the HTTP status or the error. */
function bigPost(port: number, bytes: number, signal: AbortSignal): Promise<string> {
  return new Promise((resolve) => {
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/tracehound.v1.TracehoundService/Intercept',
      headers: { 'content-type': 'application/proto', 'content-length': bytes },
      signal,
    })
    req.once('response', (res) => {
      res.resume()
      resolve(`HTTP ${res.statusCode}`)
    })
    req.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.name))
    const chunk = randomBytes(64 * 1024)
    let sent = 0
    const pump = () => {
      while (sent < bytes) {
        const n = Math.min(chunk.length, bytes - sent)
        sent += n
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void req.once('drain', pump)
      }
      req.end()
    }
    pump()
  })
}

/** `count` unauthenticated Health/Watch streams, STREAMS_PER_SESSION per connection; resolves when each has an answer or failed. */
async function watchFlood(port: number, count: number, signal: AbortSignal) {
  const outcomes = new Map<string, number>()
  const note = (k: string) => outcomes.set(k, (outcomes.get(k) ?? 0) + 1)
  const sessions: http2.ClientHttp2Session[] = []
  const answered: Promise<void>[] = []
  // An empty HealthCheckRequest in one gRPC frame.
  const frame = Buffer.alloc(5)
  for (let opened = 0; opened < count; ) {
    const session = http2.connect(`http://127.0.0.1:${port}`)
    session.on('error', () => undefined)
    sessions.push(session)
    for (let i = 0; i < STREAMS_PER_SESSION && opened < count; i++, opened++) {
      answered.push(
        new Promise<void>((resolve) => {
          const stream = session.request({
            ':method': 'POST',
            ':path': '/grpc.health.v1.Health/Watch',
            'content-type': 'application/grpc',
            te: 'trailers',
          })
          stream.on('error', () => undefined)
          stream.once('response', (h) => {
            note(h['grpc-status'] === undefined ? 'held open (no status)' : `grpc-status ${h['grpc-status']}`)
            resolve()
          })
          stream.once('close', () => {
            note(`closed (rst ${stream.rstCode})`)
            resolve()
          })
          stream.end(frame)
        }),
      )
    }
  }
  const aborted = new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))
  await Promise.race([Promise.all(answered), aborted])
  return { outcomes, close: () => sessions.forEach((s) => s.destroy()) }
}

function percentile(sorted: number[], p: number) {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

interface FloodResult {
  posts: string[]
  watch: [string, number][]
}

/**
 * The floods run in a child process of their own: opening 10,000 streams and writing 390 MB from
 * the measuring process would hold its event loop, and the authenticated client's latency would
 * show the flood generator's pauses instead of the daemon's. The child reports when every flood
 * call has its answer, and keeps its connections open until told to close.
 */
async function floodChild(port: number, deadlineMs: number) {
  const deadline = AbortSignal.timeout(deadlineMs)
  setMaxListeners(POSTS + 10, deadline)
  const [posts, watch] = await Promise.all([
    Promise.all(Array.from({ length: POSTS }, () => bigPost(port, POST_BYTES, deadline))),
    watchFlood(port, STREAMS, deadline),
  ])
  process.send!({ posts, watch: [...watch.outcomes] } satisfies FloodResult)
  process.once('message', () => {
    watch.close()
    process.exit(0)
  })
}

function startFloods(port: number, deadlineMs: number): { done: Promise<FloodResult>; close(): void } {
  const child = fork(
    new URL(import.meta.url).pathname,
    ['--flood-port', String(port), '--deadline-ms', String(deadlineMs), ...process.argv.slice(2)],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  )
  const done = new Promise<FloodResult>((resolve, reject) => {
    child.once('message', (m) => resolve(m as FloodResult))
    child.once('exit', (code) => reject(new Error(`the flood process exited (${code}) before its floods were answered`)))
  })
  return { done, close: () => child.connected && child.send('close') }
}

async function main() {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' })
  const dir = mkdtempSync(join(tmpdir(), 'th-stress-'))
  const { child, port } = await startDaemon(dir)
  const client = createTracehoundClient({ baseUrl: `http://127.0.0.1:${port}`, token: TOKEN, timeoutMs: 5000 })
  let n = 0
  const call = async () => {
    const t = performance.now()
    const v = await client.intercept({
      id: `s${n}`,
      payload: { n: n++, path: '/login' },
      source: `10.0.${n % 250}.${n % 200}`,
      timestamp: Date.now(),
    })
    return { ms: performance.now() - t, failed: v.degraded ? v.degraded.code : undefined }
  }
  try {
    await client.connect()
    for (let i = 0; i < 200; i++) await call() // warm-up, not measured
    // Quiet peer: the same client, the same daemon, no flood. Each scrape resets the daemon's histogram.
    await loopDelayMaxMs(port)
    const quiet: number[] = []
    for (let i = 0; i < QUIET_CALLS; i++) quiet.push((await call()).ms)
    const quietLoop = await loopDelayMaxMs(port)
    const rssBefore = rssMb(child.pid!)

    const deadline = AbortSignal.timeout(DEADLINE_MS)
    const loadBefore = loadavg()[0]!
    let rssPeak = rssBefore
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(child.pid!))), 100)
    const t0 = performance.now()
    const floods = startFloods(port, DEADLINE_MS)
    let flooding = true
    void floods.done.finally(() => (flooding = false)).catch(() => undefined)
    const loud: number[] = []
    const failures = new Map<string, number>()
    // At least QUIET_CALLS calls, and calls for as long as the floods last.
    while ((flooding || loud.length < QUIET_CALLS) && !deadline.aborted) {
      const r = await call()
      loud.push(r.ms)
      if (r.failed) failures.set(r.failed, (failures.get(r.failed) ?? 0) + 1)
    }
    const { posts: postResults, watch } = await floods.done
    const floodMs = performance.now() - t0
    clearInterval(sampler)
    rssPeak = Math.max(rssPeak, rssMb(child.pid!))
    const loopMax = await loopDelayMaxMs(port)
    floods.close()
    const floor = await bareFloor(STREAMS, AbortSignal.timeout(DEADLINE_MS))

    const count = (xs: string[]) =>
      [...xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>())].map(([k, v]) => `${v}× ${k}`).join(', ')
    quiet.sort((a, b) => a - b)
    loud.sort((a, b) => a - b)
    const rows: [string, string, string, string][] = [
      ['Intercept p50 (ms)', percentile(quiet, 50).toFixed(2), percentile(loud, 50).toFixed(2), ''],
      ['Intercept p99 (ms)', percentile(quiet, 99).toFixed(2), percentile(loud, 99).toFixed(2), `≤ ${TARGETS.p99Ms}`],
      ['Intercept max (ms)', quiet.at(-1)!.toFixed(2), loud.at(-1)!.toFixed(2), ''],
      [
        'Intercept calls / failed',
        `${quiet.length} / 0`,
        `${loud.length} / ${[...failures.values()].reduce((a, b) => a + b, 0)}`,
        '0 failed',
      ],
      [
        'RSS (MB), growth to peak',
        rssBefore.toFixed(0),
        `${rssPeak.toFixed(0)} (+${(rssPeak - rssBefore).toFixed(0)})`,
        `≤ +${TARGETS.rssGrowthMb}`,
      ],
      ['event-loop delay max (ms)', quietLoop.toFixed(1), loopMax.toFixed(1), `≤ ${TARGETS.loopDelayMaxMs}`],
    ]
    console.log(
      `\nmachine load average (1 min): ${loadBefore.toFixed(1)} at the flood's start, ${loadavg()[0]!.toFixed(1)} at its end, on ${cpus().length} cores: wall-clock measures (latency, event-loop delay) include time the OS gave to other processes`,
    )
    console.log(
      `\ntracehoundd stress: ${POSTS} unauthenticated ${(POST_BYTES / 2 ** 20).toFixed(0)} MB POSTs + ${STREAMS} unauthenticated Health/Watch streams (${STREAMS / STREAMS_PER_SESSION} h2 connections), over TCP; floods lasted ${(floodMs / 1000).toFixed(1)} s${deadline.aborted ? ' (cut at the deadline)' : ''}\n`,
    )
    console.log(['measure', 'quiet (peer)', 'under flood', 'target'].map((h, i) => h.padEnd(i === 0 ? 28 : 22)).join(''))
    for (const r of rows) console.log(r.map((c, i) => c.padEnd(i === 0 ? 28 : 22)).join(''))
    console.log(
      `\nfloor: a bare node:http2 server answering and resetting each stream, same ${STREAMS}-stream Watch flood: event-loop delay max ${floor.toFixed(1)} ms`,
    )
    console.log(`\nPOST answers: ${count(postResults)}`)
    console.log(`Watch answers: ${watch.map(([k, v]) => `${v}× ${k}`).join(', ')}`)
    if (failures.size) console.log(`Intercept failures: ${[...failures].map(([k, v]) => `${v}× ${k}`).join(', ')}`)
    const pass =
      percentile(loud, 99) <= TARGETS.p99Ms &&
      rssPeak - rssBefore <= TARGETS.rssGrowthMb &&
      loopMax <= TARGETS.loopDelayMaxMs &&
      failures.size === 0
    console.log(pass ? '\nPASS: every target met' : '\nFAIL: a target was missed')
    process.exitCode = pass ? 0 : 1
  } finally {
    client.close()
    // SIGTERM: a graceful exit writes any profile the daemon was asked for.
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000).unref())])
    child.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  }
}

const floodPort = arg('--flood-port', 0)
;(floodPort ? floodChild(floodPort, arg('--deadline-ms', DEADLINE_MS)) : main()).catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
