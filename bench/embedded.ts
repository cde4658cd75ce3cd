/**
 * Embedded intercept throughput and latency (issue 3): a realistic mix of 70% clean, 20% threats
 * with ~1 KiB JSON payloads and 10% duplicates, next to a floor doing only the unavoidable work
 * (a Map lookup for clean; JSON.stringify + SHA-256 for a threat) in the same run.
 * Run: npm run bench:embedded [-- --ops 300000]
 */

import { createHash } from 'node:crypto'
import { type Scent, Tracehound } from '../src/core/index.js'

const OPS = Number(process.argv[process.argv.indexOf('--ops') + 1]) || 300_000
const SOURCES = 10_000

type Kind = 'clean' | 'threat' | 'duplicate'

function payload(i: number) {
  // ~1 KiB of realistic request JSON: nested headers, query and body.
  return {
    method: 'POST',
    path: `/api/v1/accounts/${i}/transfers`,
    query: { page: i % 7, sort: 'desc', filter: `amount>${i}` },
    headers: {
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
      'content-type': 'application/json',
      'x-request-id': `req-${i.toString(16).padStart(12, '0')}`,
      accept: 'application/json, text/plain, */*',
    },
    body: {
      amount: (i * 37) % 10_000,
      currency: 'EUR',
      memo: "'; DROP TABLE accounts; -- ".repeat(17),
      tags: ['a', 'b', 'c', i],
      nested: { level1: { level2: { level3: [1, 2, 3, { k: 'v'.repeat(64) }] } } },
    },
    ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
  }
}

function workload(ops: number): { kinds: Kind[]; scents: Scent[] } {
  const kinds: Kind[] = []
  const scents: Scent[] = []
  const quarantined: Scent['payload'][] = []
  for (let i = 0; i < ops; i++) {
    const roll = (i * 7919) % 100
    const kind: Kind = roll < 70 || (roll >= 90 && quarantined.length === 0) ? 'clean' : roll < 90 ? 'threat' : 'duplicate'
    const p = kind === 'duplicate' ? quarantined[(i * 31) % quarantined.length]! : payload(i)
    if (kind === 'threat') quarantined.push(p)
    kinds.push(kind)
    scents.push({
      id: `s${i}`,
      payload: p,
      source: `src-${i % SOURCES}`,
      timestamp: 1_700_000_000_000 + i,
      ...(kind !== 'clean' && { threat: { category: 'injection', severity: (['low', 'medium', 'high', 'critical'] as const)[i % 4]! } }),
    })
  }
  return { kinds, scents }
}

interface Measure {
  ops: number
  seconds: number
  lat: Record<Kind, Float64Array>
}

/** Latencies go into preallocated typed arrays: the harness itself must not feed the GC. */
function measure(kinds: Kind[], scents: Scent[], op: (s: Scent) => unknown): Measure {
  const count = (k: Kind) => kinds.filter((x) => x === k).length
  const lat = { clean: new Float64Array(count('clean')), threat: new Float64Array(count('threat')), duplicate: new Float64Array(count('duplicate')) }
  const next = { clean: 0, threat: 0, duplicate: 0 }
  const start = process.hrtime.bigint()
  for (let i = 0; i < scents.length; i++) {
    const t0 = process.hrtime.bigint()
    op(scents[i]!)
    const kind = kinds[i]!
    lat[kind][next[kind]++] = Number(process.hrtime.bigint() - t0)
  }
  return { ops: scents.length, seconds: Number(process.hrtime.bigint() - start) / 1e9, lat }
}

/** Throughput of one kind alone, timed as a batch (no per-op clock reads). */
function batch(scents: Scent[], op: (s: Scent) => unknown): number {
  const start = process.hrtime.bigint()
  for (const s of scents) op(s)
  return scents.length / (Number(process.hrtime.bigint() - start) / 1e9)
}

const pct = (xs: Float64Array, p: number) => {
  const s = xs.slice().sort()
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! / 1000
}

function engine() {
  return new Tracehound({ rateLimit: { windowMs: 60_000, maxRequests: 1_000_000_000, blockDurationMs: 0 } })
}

function floor() {
  const seen = new Map<string, number>()
  const sigs = new Set<string>()
  return (s: Scent) => {
    seen.set(s.source, (seen.get(s.source) ?? 0) + 1)
    if (!s.threat) return
    const sig = s.threat.category + ':' + createHash('sha256').update(JSON.stringify(s.payload)).digest('hex')
    if (!sigs.has(sig)) sigs.add(sig)
  }
}

const { kinds, scents } = workload(OPS)
// Warm up both paths so the JIT has compiled them before we measure.
const warm = workload(20_000)
measure(warm.kinds, warm.scents, (s) => engine().intercept(s))
const ours = engine()
measure(warm.kinds, warm.scents, ours.intercept.bind(ours))
measure(warm.kinds, warm.scents, floor())

const th = engine()
const mixOurs = measure(kinds, scents, (s) => th.intercept(s))
const mixFloor = measure(kinds, scents, floor())

const cleanScents = scents.filter((_, i) => kinds[i] === 'clean')
const threatScents = scents.filter((_, i) => kinds[i] === 'threat').map((s, i) => ({ ...s, payload: payload(OPS + i) }))
const cleanOurs = batch(cleanScents, ((e) => (s: Scent) => e.intercept(s))(engine()))
const cleanFloor = batch(cleanScents, floor())
const threatOurs = batch(threatScents, ((e) => (s: Scent) => e.intercept(s))(engine()))
const threatFloor = batch(threatScents, floor())

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
const rows: [string, string, string, string][] = [
  ['mix throughput (ops/s)', fmt(mixOurs.ops / mixOurs.seconds), fmt(mixFloor.ops / mixFloor.seconds), ((mixFloor.seconds / mixOurs.seconds)).toFixed(2)],
  ['clean only (ops/s)', fmt(cleanOurs), fmt(cleanFloor), (cleanOurs / cleanFloor).toFixed(2)],
  ['threat only (ops/s)', fmt(threatOurs), fmt(threatFloor), (threatOurs / threatFloor).toFixed(2)],
]
for (const k of ['clean', 'threat', 'duplicate'] as const) {
  for (const p of [50, 99] as const) {
    const a = pct(mixOurs.lat[k], p)
    const b = pct(mixFloor.lat[k], p)
    rows.push([`${k} p${p} latency (µs)`, a.toFixed(2), b.toFixed(2), (a / b).toFixed(2)])
  }
}

console.log(`embedded intercept, ${fmt(OPS)} ops (${fmt(mixOurs.lat.clean.length)} clean, ${fmt(mixOurs.lat.threat.length)} threat, ${fmt(mixOurs.lat.duplicate.length)} duplicate), payload ${JSON.stringify(payload(1)).length} B, Node ${process.version}`)
console.log(`final quarantine: ${th.stats().quarantine.count} items, audit records: ${th.stats().audit.records}`)
const header: [string, string, string, string] = ['metric', 'tracehound', 'floor', 'ratio (ours/floor)']
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
const line = (r: string[]) => '| ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ') + ' |'
console.log(line(header))
console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|')
for (const r of rows) console.log(line(r))
