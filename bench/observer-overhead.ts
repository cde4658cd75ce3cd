/**
 * What the issue-10 wiring costs on the intercept path: the engine as
 * Tracehound composes it, next to the same parts assembled without the
 * observer. Best of several interleaved runs, ns per intercept.
 * Run: npx tsx bench/observer-overhead.ts [-- --ops 200000]
 */

import {
  Agent,
  AuditChain,
  createIdSource,
  DEFAULT_CONFIG,
  EvidenceFactory,
  nodeCrypto,
  Quarantine,
  RateLimiter,
  type Scent,
  Tracehound,
} from '../src/core/index.js'

const OPS = Number(process.argv[process.argv.indexOf('--ops') + 1]) || 200_000
const ROUNDS = 9
const QUARANTINE = { ...DEFAULT_CONFIG.quarantine, maxCount: 1_000 } // small, so captures also evict
const RATE = { windowMs: 60_000, maxRequests: 1e9, blockDurationMs: 0 }

function scents(threatEvery: number): Scent[] {
  return Array.from({ length: OPS }, (_, i) => ({
    id: `s${i}`,
    source: `10.0.0.${i & 63}`,
    timestamp: i,
    payload: { i, path: `/api/${i}`, body: 'x'.repeat(200) },
    ...(threatEvery > 0 && i % threatEvery === 0 && { threat: { category: 'injection' as const, severity: 'high' as const } }),
  }))
}

/** The parts the engine (Tracehound) uses, without the observer. */
function unwired() {
  const context = { clock: () => Date.now(), newId: createIdSource() }
  const quarantine = new Quarantine(QUARANTINE, new AuditChain({ crypto: nodeCrypto }), { context })
  const factory = new EvidenceFactory({ context, crypto: nodeCrypto })
  return new Agent({ maxPayloadSize: DEFAULT_CONFIG.maxPayloadSize }, quarantine, new RateLimiter(RATE), factory)
}

function wired(listeners: boolean) {
  const th = new Tracehound({ quarantine: QUARANTINE, rateLimit: RATE })
  if (listeners) {
    for (const type of ['threat.detected', 'evidence.quarantined', 'evidence.evicted', 'rate_limit.exceeded'] as const) {
      th.notifications.on(type, () => {})
    }
  }
  return th.agent
}

const variants: Array<[string, () => { intercept(s: Scent): unknown }]> = [
  ['without wiring', unwired],
  ['wired, no listeners', () => wired(false)],
  ['wired, 4 listeners', () => wired(true)],
]
const workloads: Array<[string, Scent[]]> = [
  ['clean only', scents(0)],
  ['20% threats', scents(5)],
]

const rows: string[][] = []
for (const [workload, input] of workloads) {
  const best = new Map<string, number>()
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, make] of variants) {
      const agent = make()
      const start = performance.now()
      for (const s of input) agent.intercept(s)
      best.set(name, Math.min(best.get(name) ?? Infinity, performance.now() - start))
    }
  }
  const base = best.get('without wiring')!
  for (const [name, ms] of best) rows.push([workload, name, ((ms / OPS) * 1e6).toFixed(0), (ms / base).toFixed(2)])
}

const header = ['workload', 'engine', 'ns/op', 'ratio']
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')
console.log(`intercept cost of the wiring, ${OPS.toLocaleString('en-US')} ops, best of ${ROUNDS}, Node ${process.version}`)
console.log(line(header))
for (const row of rows) console.log(line(row))
