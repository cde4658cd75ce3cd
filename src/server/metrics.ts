/** Prometheus metrics: verdict counts, RPC latency, reloads, engine gauges. */

import { Code, ConnectError, type Interceptor } from '@connectrpc/connect'
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { InterceptResult, TracehoundStats } from '../core/index.js'

export type Outcome = InterceptResult['status']
const OUTCOMES: Outcome[] = ['clean', 'rate_limited', 'payload_too_large', 'ignored', 'quarantined', 'error']

/** Why the daemon refused a connection or request without running it. */
export type RefusalReason =
  | 'unauthenticated'
  | 'deadline'
  | 'max_connections'
  | 'concurrent_streams'
  | 'first_byte_timeout'
  | 'headers_timeout'
  | 'idle_timeout'
  | 'header_bytes'
  | 'message_bytes'
  | 'in_flight_bytes'
  | 'server_streams_per_connection'
  | 'server_streams'

export interface Metrics {
  registry: Registry
  countVerdict(outcome: Outcome): void
  countReload(result: 'ok' | 'rejected'): void
  setGeneration(generation: number): void
  /** A request or connection refused before it ran: a cap reached, no token, an expired deadline. */
  countRefused(reason: RefusalReason, count?: number): void
  /** Exposes the gate's live counts (request bytes in flight, open server streams). */
  gaugeGate(gate: { readonly inFlightBytes: number; readonly serverStreams: number }): void
  /** Records unary RPC latency by method and status code (the calls connect-node serves). */
  interceptor: Interceptor
  /** The same record for a unary call served on the HTTP/2 stream (grpc-direct.ts). */
  observeRpc(method: string, code: string, seconds: number): void
}

export function createMetrics(stats: () => TracehoundStats): Metrics {
  const registry = new Registry()
  const registers = [registry]
  collectDefaultMetrics({ register: registry })

  // Counted in plain numbers on the hot path (one per intercepted scent); prom-client is told at
  // scrape time, so a verdict costs an increment, not prom-client's label lookup and update.
  const tally = new Map<Outcome, number>(OUTCOMES.map((o) => [o, 0]))
  new Counter({
    name: 'tracehound_intercepts_total',
    help: 'Intercepted scents by verdict outcome.',
    labelNames: ['outcome'],
    registers,
    collect() {
      this.reset()
      for (const [o, n] of tally) this.labels(o).inc(n)
    },
  })

  const latency = new Histogram({
    name: 'tracehound_rpc_duration_seconds',
    help: 'Unary RPC handling time in the daemon, by method and code.',
    labelNames: ['method', 'code'],
    // 5 ms: the proof latency target (docs/storage.md) is read off this histogram.
    buckets: [0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.25, 1],
    registers,
  })
  const reloads = new Counter({
    name: 'tracehound_config_reloads_total',
    help: 'Config reload attempts by result.',
    labelNames: ['result'],
    registers,
  })
  const refused = new Counter({
    name: 'tracehound_refused_total',
    help: 'Connections and requests refused before they ran, by reason (a cap, no token, an expired deadline).',
    labelNames: ['reason'],
    registers,
  })
  const generation = new Gauge({ name: 'tracehound_config_generation', help: 'Generation of the config in force.', registers })
  const gauge = (name: string, help: string, read: (s: TracehoundStats) => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        this.set(read(stats()))
      },
    })
  gauge('tracehound_quarantine_items', 'Evidence items held in quarantine.', (s) => s.quarantine.count)
  gauge('tracehound_quarantine_bytes', 'Evidence bytes held in quarantine.', (s) => s.quarantine.bytes)
  gauge('tracehound_audit_tree_size', 'Records in the audit Merkle tree.', (s) => s.audit.treeSize)
  gauge('tracehound_rate_limited_sources', 'Sources currently blocked by the rate limiter.', (s) => s.rateLimiter.blocked)

  const timers = new Map<string, ReturnType<typeof latency.labels>>()
  const observe = (method: string, code: string, seconds: number) => {
    const key = `${method} ${code}`
    let child = timers.get(key)
    if (!child) timers.set(key, (child = latency.labels(method, code)))
    child.observe(seconds)
  }
  const interceptor: Interceptor = (next) => async (req) => {
    if (req.stream) return next(req)
    const start = performance.now()
    let code = 'ok'
    try {
      return await next(req)
    } catch (e) {
      code = Code[ConnectError.from(e).code] ?? 'unknown'
      throw e
    } finally {
      observe(req.method.name, code, (performance.now() - start) / 1000)
    }
  }

  return {
    registry,
    countVerdict: (o) => tally.set(o, tally.get(o)! + 1),
    countReload: (result) => reloads.inc({ result }),
    setGeneration: (g) => generation.set(g),
    countRefused: (reason, count = 1) => refused.inc({ reason }, count),
    gaugeGate(gate) {
      new Gauge({
        name: 'tracehound_in_flight_request_bytes',
        help: 'Request bytes the daemon holds (bodies and partial messages).',
        registers,
        collect() {
          this.set(gate.inFlightBytes)
        },
      })
      new Gauge({
        name: 'tracehound_server_streams',
        help: 'Open server streams (Health/Watch, WatchEvents).',
        registers,
        collect() {
          this.set(gate.serverStreams)
        },
      })
    },
    interceptor,
    observeRpc: observe,
  }
}
