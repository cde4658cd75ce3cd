/**
 * What an oversized payload costs tracehoundd: a 1,000,000-key object (13.9 MB of TH-CJSON-1,
 * under the 16 MiB read limit, far over maxPayloadSize), next to two peers in the same run: a
 * small threat, and one string of the same byte length (no structure at all: what receiving
 * 13.9 MB costs by itself, so any per-key cost would show as the difference).
 * Per call: the client's wall time and the daemon's CPU time and peak RSS growth (from /proc).
 * The big payload's keys ("999999" … "0") run backwards, so its bytes are not canonical: the daemon answers
 * payload_too_large only if it never read them (a read would answer InvalidArgument).
 * Run: npm run bench:oversize [-- --rounds 5]
 */

import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { create } from '@bufbuild/protobuf'
import { canonicalBytes } from '../src/core/kernel/index.js'
import { createTracehoundClient } from '../src/client/index.js'
import { ScentSchema } from '../src/gen/tracehound/v1/scent_pb.js'
import { startDaemonProcess } from '../test/daemon-harness.js'

const ROUNDS = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 5
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }))

function proc(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)![1]) / 1024
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return { rssMb: kb('VmRSS'), peakMb: kb('VmHWM'), cpuMs: ((Number(stat[11]) + Number(stat[12])) * 1000) / CLOCK_TICKS }
}

const parts: string[] = []
for (let i = 999_999; i >= 0; i--) parts.push(`"${i}":null`)
const big = new TextEncoder().encode(`{${parts.join(',')}}`)
const flat = canonicalBytes('x'.repeat(big.length - 2))
let unique = 0
const small = () => canonicalBytes({ path: "/login?q=' OR 1=1 --", n: unique++ })

const d = await startDaemonProcess(['--memory'])
const pid = d.child.pid!
const client = createTracehoundClient({ socketPath: d.socketPath, timeoutMs: 60_000 })
const scent = (bytes: Uint8Array, n: number) =>
  create(ScentSchema, {
    id: `o${n}`,
    source: `oversize-${n}`,
    threat: { category: 4, severity: 3 },
    payloadForm: { case: 'payloadCjson', value: bytes },
  })
await client.service.intercept({ scent: scent(small(), -1) }) // warm up: handshake, code paths

const rows: string[][] = []
let n = 0
for (const [name, payload] of [
  ['small threat', small],
  ['one 13.9 MB string', () => flat],
  ['1,000,000 keys', () => big],
] as const) {
  for (let round = 0; round < ROUNDS; round++) {
    const bytes = payload()
    const before = proc(pid)
    const start = process.hrtime.bigint()
    const res = await client.service.intercept({ scent: scent(bytes, n++) })
    const ms = Number(process.hrtime.bigint() - start) / 1e6
    const after = proc(pid)
    rows.push([
      name,
      bytes.length.toLocaleString('en'),
      res.verdict?.outcome.case ?? '?',
      ms.toFixed(1),
      (after.cpuMs - before.cpuMs).toFixed(0),
      before.rssMb.toFixed(1),
      (after.peakMb - before.peakMb).toFixed(1),
    ])
  }
}
client.close()
await d.stop()

const headers = ['payload', 'bytes', 'verdict', 'client wall ms', 'daemon CPU ms', 'daemon RSS before MB', 'daemon peak RSS growth MB']
const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
console.log(line(headers))
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
for (const r of rows) console.log(line(r))
console.log(`(CPU from /proc in ${1000 / CLOCK_TICKS} ms ticks; peak RSS is VmHWM, so growth shows only a new high.)`)
