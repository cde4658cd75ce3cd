/**
 * tracehoundd unary Intercept latency (p50/p99, sequential) and throughput (concurrent) over
 * UDS and TCP, gRPC and Connect, next to two floors in the same run, same transport, same
 * client: a bare connect-node service answering a fixed verdict, and a bare node:http2 server
 * writing fixed response bytes; plus each server's CPU time per call (from /proc), which the
 * client's share of the 2 cores does not blur. Then InterceptStream throughput in batches of 1000
 * (target ≥ 100k intercepts/s over UDS), with the server's CPU per intercept, which stays
 * meaningful when other work on the machine holds the wall-clock rate down.
 * Run: npm run bench:daemon [-- --calls 2000 --concurrency 32 --rounds 3] [--stream-only]
 */

import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import * as http2 from 'node:http2'
import * as net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { create, toBinary } from '@bufbuild/protobuf'
import { createClient, type Transport } from '@connectrpc/connect'
import { bearerInterceptor } from '../src/client/client.js'
import { connectNodeAdapter, createConnectTransport, createGrpcTransport, Http2SessionManager } from '@connectrpc/connect-node'
import { scentToWire } from '../src/wire/index.js'
import { InterceptResponseSchema, TracehoundService } from '../src/gen/tracehound/v1/tracehound_service_pb.js'
import type { MessageInitShape } from '@bufbuild/protobuf'
import type { InterceptRequestSchema } from '../src/gen/tracehound/v1/tracehound_service_pb.js'

const arg = (name: string) => {
  const i = process.argv.indexOf(name)
  return i < 0 ? undefined : process.argv[i + 1]
}
const CALLS = Number(arg('--calls')) || 2000
const ROUNDS = Number(arg('--rounds')) || 3
const CONCURRENCY = Number(arg('--concurrency')) || 32
const STREAM_SCENTS = Number(arg('--stream-scents')) || 200_000
const STREAM_ONLY = process.argv.includes('--stream-only')
const TOKEN = 'bench-token-0123456789'
const ROOT = new URL('..', import.meta.url).pathname

const CLEAN = create(InterceptResponseSchema, { verdict: { outcome: { case: 'clean', value: {} } } })
const CLEAN_BYTES = toBinary(InterceptResponseSchema, CLEAN)

/** Floor servers: same listeners as the daemon would have, nothing else. */
async function serve(kind: string, socketPath: string) {
  let handler: Parameters<typeof http2.createServer>[1] | undefined
  const server = () => http2.createServer(handler)
  let servers: http2.Http2Server[]
  if (kind === 'connect-echo') {
    handler = connectNodeAdapter({
      routes: (r) =>
        r.service(TracehoundService, {
          intercept: () => CLEAN,
          async *interceptStream(reqs) {
            for await (const req of reqs) yield { requestId: req.requestId, verdicts: req.scents.map(() => CLEAN.verdict!) }
          },
        }),
    })
    servers = [server(), server()]
  } else {
    const grpcFrame = Buffer.alloc(5 + CLEAN_BYTES.length)
    grpcFrame.writeUInt32BE(CLEAN_BYTES.length, 1)
    grpcFrame.set(CLEAN_BYTES, 5)
    servers = [server(), server()]
    for (const s of servers) {
      s.on('stream', (stream, headers) => {
        const grpc = String(headers['content-type']).startsWith('application/grpc')
        stream.on('data', () => undefined)
        stream.on('end', () => {
          if (grpc) {
            stream.respond({ ':status': 200, 'content-type': 'application/grpc+proto' }, { waitForTrailers: true })
            stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }))
            stream.end(grpcFrame)
          } else {
            stream.respond({ ':status': 200, 'content-type': 'application/proto' })
            stream.end(CLEAN_BYTES)
          }
        })
      })
    }
  }
  const [uds, tcp] = servers as [http2.Http2Server, http2.Http2Server]
  await new Promise<void>((r) => uds.listen(socketPath, r))
  await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r))
  console.log(
    JSON.stringify({ msg: 'listening', addresses: [`unix:${socketPath}`, `127.0.0.1:${(tcp.address() as net.AddressInfo).port}`] }),
  )
}

interface Server {
  name: string
  child: ChildProcess
  uds: string
  tcp: string
  token?: string
}

async function start(name: string, args: string[]): Promise<Server> {
  // e.g. BENCH_DAEMON_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof": profiles tracehoundd (written at SIGTERM).
  const nodeArgs = name === 'tracehoundd' ? (process.env.BENCH_DAEMON_NODE_ARGS ?? '').split(' ').filter(Boolean) : []
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, TRACEHOUND_TOKEN: TOKEN },
  })
  const addresses = await new Promise<string[]>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)))
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const l = JSON.parse(line) as { msg?: string; addresses?: string[] }
        if (l.msg === 'listening' && l.addresses) resolve(l.addresses)
      } catch {
        // not a log line
      }
    })
  })
  return { name, child, uds: addresses[0]!.slice('unix:'.length), tcp: addresses[1]!, ...(name === 'tracehoundd' && { token: TOKEN }) }
}

function transport(server: Server, over: 'uds' | 'tcp', protocol: 'grpc' | 'connect'): { transport: Transport; close(): void } {
  const baseUrl = over === 'uds' ? 'http://localhost' : `http://${server.tcp}`
  const sessionManager = new Http2SessionManager(baseUrl, {}, over === 'uds' ? { createConnection: () => net.connect(server.uds) } : {})
  const options = {
    baseUrl,
    httpVersion: '2' as const,
    sessionManager,
    interceptors: server.token ? [bearerInterceptor(server.token)] : [],
  }
  return {
    transport: protocol === 'grpc' ? createGrpcTransport(options) : createConnectTransport(options),
    close: () => sessionManager.abort(),
  }
}

/**
 * 80% clean scents, 20% threats with a unique ~200-byte payload; 10,000 sources (as bench:embedded).
 * Built as the clients build them (scentToWire): a threat's payload as the kernel's TH-CJSON-1
 * bytes, a clean scent without its payload (the engine never reads it).
 */
let seq = 0
function request(): MessageInitShape<typeof InterceptRequestSchema> {
  const i = seq++
  const payload = { path: `/api/v1/accounts/${i}/transfers?sort=desc&q=${"'OR 1=1--".repeat(12)}` }
  return {
    scent: scentToWire({
      id: `b${i}`,
      source: `bench-${i % 10_000}`,
      timestamp: 1_700_000_000_000,
      payload,
      ...(i % 5 === 0 && { threat: { category: 'injection', severity: 'low' } }),
    }),
  }
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!

type Row = { name: string; p50: number; p99: number; ops: number; cpu: number }

/** CPU time (user + system) a server process has used, in µs: what it costs per call, free of client noise. */
function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS
}
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }))

async function measure(t: Transport, pid: number) {
  const client = createClient(TracehoundService, t)
  for (let i = 0; i < 300; i++) await client.intercept(request())
  const lat: number[] = []
  for (let i = 0; i < CALLS; i++) {
    const s = process.hrtime.bigint()
    await client.intercept(request())
    lat.push(Number(process.hrtime.bigint() - s) / 1000)
  }
  lat.sort((a, b) => a - b)
  const total = CALLS * 5
  const cpuStart = cpuMicros(pid)
  let next = 0
  const start = process.hrtime.bigint()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < total) await client.intercept(request())
    }),
  )
  const secs = Number(process.hrtime.bigint() - start) / 1e9
  return { p50: pct(lat, 50), p99: pct(lat, 99), ops: total / secs, cpu: (cpuMicros(pid) - cpuStart) / total }
}

async function streamThroughput(t: Transport, pid: number) {
  const client = createClient(TracehoundService, t)
  const batches = Math.ceil(STREAM_SCENTS / 1000)
  const prepared = Array.from({ length: batches }, (_, b) => ({
    requestId: BigInt(b + 1),
    scents: Array.from({ length: 1000 }, () => request().scent!),
  }))
  async function* requests() {
    yield* prepared
  }
  const cpuStart = cpuMicros(pid)
  const start = process.hrtime.bigint()
  let n = 0
  for await (const res of client.interceptStream(requests())) {
    if (res.error) throw new Error(`request ${res.requestId} refused: ${res.error.message}`)
    n += res.verdicts.length
  }
  return { perSec: n / (Number(process.hrtime.bigint() - start) / 1e9), cpuPerIntercept: (cpuMicros(pid) - cpuStart) / n }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'th-bench-'))
  const config = join(dir, 'bench.json')
  // Info level: the daemon logs nothing per call, only start-up (whose "listening" line this script reads).
  writeFileSync(config, JSON.stringify({ rateLimit: { maxRequests: 1_000_000 } }))
  const servers = [
    await start('tracehoundd', [
      'src/cli/tracehoundd.ts',
      '--socket',
      join(dir, 'd.sock'),
      '--tcp',
      '127.0.0.1:0',
      '--config',
      config,
      '--memory',
    ]),
    await start('connect-node echo', ['bench/daemon.ts', '--serve', 'connect-echo', join(dir, 'c.sock')]),
    await start('node:http2 echo', ['bench/daemon.ts', '--serve', 'http2-echo', join(dir, 'h.sock')]),
  ]
  const rows: string[][] = []
  for (const over of STREAM_ONLY ? [] : (['uds', 'tcp'] as const)) {
    for (const protocol of ['grpc', 'connect'] as const) {
      // Rounds in rotating order, medians reported: a shared 2-core machine is noisy.
      const samples = servers.map(() => [] as Omit<Row, 'name'>[])
      for (let round = 0; round < ROUNDS; round++) {
        for (let k = 0; k < servers.length; k++) {
          const i = (k + round) % servers.length
          const t = transport(servers[i]!, over, protocol)
          samples[i]!.push(await measure(t.transport, servers[i]!.child.pid!))
          t.close()
        }
      }
      const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
      const results: Row[] = servers.map((s, i) => ({
        name: s.name,
        p50: median(samples[i]!.map((x) => x.p50)),
        p99: median(samples[i]!.map((x) => x.p99)),
        ops: median(samples[i]!.map((x) => x.ops)),
        cpu: median(samples[i]!.map((x) => x.cpu)),
      }))
      const [ours, connectEcho, h2Echo] = results as [Row, Row, Row]
      for (const r of results) {
        const ratio = (floor: Row) =>
          `${(r.p50 / floor.p50).toFixed(2)}× / ${(floor.ops / r.ops).toFixed(2)}× / ${(r.cpu / floor.cpu).toFixed(2)}×`
        const vs = (floor: Row) => (r === ours ? ratio(floor) : '')
        rows.push([
          over,
          protocol,
          r.name,
          r.p50.toFixed(0),
          r.p99.toFixed(0),
          r.ops.toFixed(0),
          r.cpu.toFixed(0),
          vs(connectEcho),
          vs(h2Echo),
        ])
      }
    }
  }
  const headers = [
    'transport',
    'protocol',
    'server',
    'p50 µs',
    'p99 µs',
    `ops/s (c=${CONCURRENCY})`,
    'server CPU µs/call',
    'vs connect echo (p50 / ops / CPU)',
    'vs http2 echo (p50 / ops / CPU)',
  ]
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  if (rows.length > 0) {
    console.log(line(headers))
    console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
    for (const r of rows) console.log(line(r))
  }

  console.log('\nInterceptStream, gRPC, batches of 1000 (target ≥ 100k intercepts/s over UDS, i.e. ≤ 10 µs of server CPU each):')
  for (const over of ['uds', 'tcp'] as const) {
    for (const s of servers.slice(0, 2)) {
      const t = transport(s, over, 'grpc')
      const r = await streamThroughput(t.transport, s.child.pid!)
      console.log(
        `  ${over} ${s.name}: ${r.perSec.toFixed(0)} intercepts/s, server CPU ${r.cpuPerIntercept.toFixed(1)} µs/intercept (${(1e6 / r.cpuPerIntercept).toFixed(0)}/s per core)`,
      )
      t.close()
    }
  }
  for (const s of servers) s.child.kill('SIGTERM')
}

const serveKind = arg('--serve')
if (serveKind) await serve(serveKind, process.argv[process.argv.indexOf('--serve') + 2]!)
else
  await main().catch((e: unknown) => {
    console.error(e)
    process.exit(1)
  })
