/**
 * The TS client's unary Intercept latency over a given socket: the reference every SDK's latency
 * bench runs in the same run, on the same daemon and workload. Prints one JSON line
 * {calls, p50Us, p99Us, meanUs}.
 * Usage: tsx bench/ts-client-latency.ts <socket-path> <calls> <warmup>
 */

import { createTracehoundClient } from '../src/client/index.js'

const [socketPath, callsArg, warmupArg] = process.argv.slice(2)
const calls = Number(callsArg)
const warmup = Number(warmupArg)
const client = createTracehoundClient({ socketPath: socketPath!, timeoutMs: 5000 })
const payload = { path: '/login', query: 'user=admin', body: "' OR 1=1 --", headers: { 'user-agent': 'bench' } }
const scent = (i: number) => ({
  id: `ts-${i}`,
  payload,
  source: 'bench',
  timestamp: Date.now(),
  threat: { category: 'injection' as const, severity: 'high' as const },
})

await client.connect()
for (let i = 0; i < warmup; i++) await client.intercept(scent(i))
const us: number[] = []
for (let i = 0; i < calls; i++) {
  const t0 = process.hrtime.bigint()
  const v = await client.intercept(scent(i))
  us.push(Number(process.hrtime.bigint() - t0) / 1000)
  if ('degraded' in v && v.degraded) throw new Error(`degraded: ${JSON.stringify(v.degraded)}`)
}
us.sort((a, b) => a - b)
const pick = (q: number) => us[Math.min(us.length - 1, Math.floor(q * us.length))]!
console.log(JSON.stringify({ calls, p50Us: pick(0.5), p99Us: pick(0.99), meanUs: us.reduce((a, b) => a + b, 0) / us.length }))
client.close()
