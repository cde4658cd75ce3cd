/**
 * Every SDK client's intercept latency in one table (npm run bench:sdks): one tracehoundd
 * (--memory, rate limit off) and one bare node:http2 echo (fixed response bytes) are started, then
 * each client's own bench runs against both: sequential intercepts on the unary path and on the
 * default stream path, and the floor (unary Intercept against the echo through that same client's
 * transport). The ratio p50 / floor p50 is the target (≤ 1.5), since absolute times on a shared
 * machine move with its load. A client whose toolchain is missing is listed as SKIPPED.
 * Run: npm run bench:sdks [-- --calls 3000 --warmup 500 --only go,python]
 */

import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEcho, startServerScript } from './echo-floor.js'

const ROOT = new URL('..', import.meta.url).pathname
const arg = (name: string) => {
  const i = process.argv.indexOf(name)
  return i < 0 ? undefined : process.argv[i + 1]
}
const CALLS = arg('--calls') ?? '3000'
const WARMUP = arg('--warmup') ?? '500'
const ONLY = arg('--only')?.split(',')

interface Client {
  name: string
  /** Why it cannot run here, or undefined. */
  missing(): string | undefined
  cmd: string
  args: string[]
  cwd: string
}

const has = (cmd: string, ...args: string[]) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0
const PY = process.env.TRACEHOUND_PY_VENV ? join(process.env.TRACEHOUND_PY_VENV, 'bin/python') : join(ROOT, 'sdks/python/.venv/bin/python')

const clients: Client[] = [
  {
    name: 'typescript',
    missing: () => undefined,
    cmd: process.execPath,
    args: ['--import', 'tsx', 'bench/ts-client-latency.ts'],
    cwd: ROOT,
  },
  {
    name: 'go',
    missing: () => (has('go', 'version') ? undefined : 'no go toolchain on PATH'),
    cmd: 'go',
    args: ['run', './bench'],
    cwd: join(ROOT, 'sdks/go'),
  },
  {
    name: 'java',
    missing: () => (!has('java', '-version') ? 'java not found' : !has('mvn', '-v') ? 'mvn not found' : undefined),
    cmd: 'bash',
    args: ['sdks/java/bench.sh'],
    cwd: ROOT,
  },
  {
    name: 'python',
    missing: () =>
      !existsSync(PY)
        ? `no venv at ${PY} (bash sdks/python/test.sh makes it)`
        : has(PY, '-c', 'import tracehound, grpc')
          ? undefined
          : `${PY} cannot import tracehound and grpc`,
    cmd: PY,
    args: ['sdks/python/bench/latency.py'],
    cwd: ROOT,
  },
]

interface Row {
  client: string
  path: string
  p50Us: number
  p99Us: number
  /** The daemon's CPU per call, where the bench measures it. */
  cpuUs?: number
}

async function run(c: Client, daemon: string, echo: string, daemonPid: number): Promise<Row[] | string> {
  const why = c.missing()
  if (why) return `SKIPPED: ${c.name} (${why})`
  // The TS bench also reads the daemon's CPU time per call from /proc.
  const extra = c.name === 'typescript' ? ['--daemon-pid', String(daemonPid)] : []
  const res = spawnSync(c.cmd, [...c.args, '--daemon', daemon, '--echo', echo, '--calls', CALLS, '--warmup', WARMUP, ...extra], {
    cwd: c.cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  })
  const rows = res.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Row)
  if (res.status !== 0 || rows.length === 0)
    return `FAILED: ${c.name} (exit ${res.status}${res.stdout.trim() ? `: ${res.stdout.trim().split('\n').at(-1)}` : ''})`
  return rows
}

const dir = mkdtempSync(join(tmpdir(), 'th-bench-sdks-'))
const config = join(dir, 'bench.json')
writeFileSync(config, JSON.stringify({ rateLimit: { maxRequests: 1_000_000_000 } }))
const daemonSock = join(dir, 'd.sock')
const echoSock = join(dir, 'h.sock')
const servers = [
  await startServerScript(['src/cli/tracehoundd.ts', '--socket', daemonSock, '--config', config, '--memory', '--no-watch'], {
    ...process.env,
    TRACEHOUND_TOKEN: '',
  }),
  await startEcho(echoSock),
]
const table: string[][] = []
let failed = false
try {
  for (const c of clients.filter((c) => !ONLY || ONLY.includes(c.name))) {
    const rows = await run(c, daemonSock, echoSock, servers[0]!.pid!)
    if (typeof rows === 'string') {
      console.log(rows)
      failed ||= rows.startsWith('FAILED')
      continue
    }
    for (const r of rows) {
      const floor = rows.find((f) => f.path === 'floor' && f.client === r.client)
      const ratio = floor && r.path !== 'floor' ? `${(r.p50Us / floor.p50Us).toFixed(2)}×` : ''
      table.push([r.client, r.path, r.p50Us.toFixed(0), r.p99Us.toFixed(0), ratio, r.cpuUs === undefined ? '' : r.cpuUs.toFixed(0)])
    }
  }
} finally {
  for (const s of servers) s.kill('SIGTERM')
  rmSync(dir, { recursive: true, force: true })
}
const headers = ['client', 'path', 'p50 µs', 'p99 µs', 'p50 / floor p50 (target ≤ 1.5×)', 'daemon CPU µs/call']
const widths = headers.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)))
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
console.log(
  `\nSequential intercepts over UDS, ${CALLS} calls after ${WARMUP} warm-up per row; floor = unary Intercept against a bare node:http2 echo, same client, same run.\n`,
)
console.log(line(headers))
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
for (const r of table) console.log(line(r))
console.log('\nInterceptStream throughput (batches of 1000) is measured by npm run bench:daemon, beside a bare connect-node stream.')
if (failed) process.exit(1)
