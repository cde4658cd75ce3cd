/**
 * Quarantine byte accounting against the real retained size (issue 18), measured with V8 heap
 * snapshots: for 10 000 items of 1 KiB, of 16 KiB and mixed (200 B – 16 KiB), the total self size
 * of the heap (ArrayBuffer data included) with the quarantine full, minus the same once every item
 * is neutralized (the engine, observers and history stay): what the quarantine really retains.
 * Compared with `stats.bytes` (payload bytes, v1's limit) and `quarantine.retainedBytes` (the
 * estimate: payload plus EVIDENCE_OVERHEAD_BYTES per item). Target: retainedBytes within ±10% of the snapshot.
 * Run: npm run bench:quarantine-bytes
 */

import { readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import v8 from 'node:v8'
import { createManualClock, createSeededRandom, Tracehound } from '../src/core/index.js'

const ITEMS = 10_000

function heapTotal(): number {
  const file = v8.writeHeapSnapshot(join(tmpdir(), `th-qbytes-${process.pid}.heapsnapshot`))
  const s = JSON.parse(readFileSync(file, 'utf8')) as { snapshot: { meta: { node_fields: string[] } }; nodes: number[] }
  rmSync(file)
  const fields = s.snapshot.meta.node_fields
  let total = 0
  for (let i = fields.indexOf('self_size'); i < s.nodes.length; i += fields.length) total += s.nodes[i]!
  return total
}

function measure(name: string, sizeOf: (i: number) => number) {
  const clock = createManualClock(1_700_000_000_000)
  const th = new Tracehound({
    clock: clock.now,
    random: createSeededRandom(name),
    auditRetention: 1,
    quarantine: { maxCount: ITEMS * 2, maxBytes: 2 ** 40 },
    rateLimit: { windowMs: 60_000, maxRequests: 1e12, blockDurationMs: 0 },
    securityState: { maxHistorySize: 1 },
  })
  for (let i = 0; i < ITEMS; i++) {
    const v = th.intercept({
      id: `q${i}`,
      payload: { i, pad: 'x'.repeat(sizeOf(i)) },
      source: 's',
      timestamp: i,
      threat: { category: 'injection', severity: 'high' },
    })
    if (v.status !== 'quarantined') throw new Error(`item ${i}: ${v.status}`)
  }
  const stats = { ...th.quarantine.stats, retainedBytes: th.quarantine.retainedBytes }
  const full = heapTotal()
  for (const h of th.quarantine.list()) th.quarantine.neutralize(h.signature)
  if (th.quarantine.stats.count !== 0) throw new Error('not emptied')
  const empty = heapTotal()
  const real = full - empty
  const err = (x: number) => `${(((x - real) / real) * 100).toFixed(1)}%`
  return `| ${name} | ${ITEMS} | ${(stats.bytes / ITEMS).toFixed(0)} | ${(real / 2 ** 20).toFixed(2)} | ${(stats.bytes / 2 ** 20).toFixed(2)} (${err(stats.bytes)}) | ${(stats.retainedBytes / 2 ** 20).toFixed(2)} (${err(stats.retainedBytes)}) | ${((real - stats.bytes) / ITEMS).toFixed(0)} |`
}

const rand = createSeededRandom('mixed')
const mixed = Array.from({ length: ITEMS }, () => 200 + (rand(4).reduce((a, b) => a * 256 + b, 0) % (16 * 1024 - 200)))
console.log(
  '| items | count | mean payload B | real retained MiB (heap snapshots) | stats.bytes MiB (error) | quarantine.retainedBytes MiB (error) | real overhead B/item |',
)
console.log('|---|---|---|---|---|---|---|')
console.log(measure('1 KiB', () => 1024 - 20))
console.log(measure('16 KiB', () => 16 * 1024 - 20))
console.log(measure('mixed 200 B–16 KiB', (i) => mixed[i]!))
