/**
 * The TS client's latency bench (run by `npm run bench:sdks`, which starts the servers): sequential
 * intercepts over a Unix socket on the default path (one long-lived InterceptStream) and on the
 * unary path, against tracehoundd, and the floor: unary Intercept against a bare node:http2 echo
 * through the same transport, same run. Prints JSON lines {client, path, calls, p50Us, p99Us}; with
 * --daemon-pid also cpuUs, the daemon's CPU time per measured call (from /proc), which shows what
 * each path costs the server free of the client's share of the machine.
 * Usage: tsx bench/ts-client-latency.ts --daemon SOCKET --echo SOCKET [--calls 3000] [--warmup 500] [--daemon-pid PID]
 */

import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createTracehoundClient } from '../src/client/index.js'
import { scentToWire } from '../src/wire/index.js'
import { echoClient } from './echo-floor.js'

const arg = (name: string) => {
  const i = process.argv.indexOf(name)
  return i < 0 ? undefined : process.argv[i + 1]
}
const daemonSocket = arg('--daemon')
const echoSocket = arg('--echo')
if (!daemonSocket || !echoSocket) throw new Error('usage: --daemon SOCKET --echo SOCKET [--calls N] [--warmup N]')
const daemonPid = arg('--daemon-pid')
const calls = Number(arg('--calls') ?? 3000)
const warmup = Number(arg('--warmup') ?? 500)
const payload = { path: '/login', query: 'user=admin', body: "' OR 1=1 --", headers: { 'user-agent': 'bench' } }
const scent = (i: number) => ({
  id: `ts-${i}`,
  payload,
  source: 'bench',
  timestamp: Date.now(),
  threat: { category: 'injection' as const, severity: 'high' as const },
})

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }))
/** CPU time (user + system) the daemon has used, in µs; NaN without --daemon-pid. */
function daemonCpu(): number {
  if (!daemonPid) return Number.NaN
  const fields = readFileSync(`/proc/${daemonPid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS
}

async function sample(call: (i: number) => Promise<unknown>) {
  for (let i = 0; i < warmup; i++) await call(i)
  const cpu0 = daemonCpu()
  const us: number[] = []
  for (let i = 0; i < calls; i++) {
    const t0 = process.hrtime.bigint()
    await call(i)
    us.push(Number(process.hrtime.bigint() - t0) / 1000)
  }
  us.sort((a, b) => a - b)
  const pick = (q: number) => us[Math.min(us.length - 1, Math.floor(q * us.length))]!
  const cpuUs = (daemonCpu() - cpu0) / calls
  return { calls, p50Us: pick(0.5), p99Us: pick(0.99), ...(Number.isFinite(cpuUs) && { cpuUs }) }
}

const row = (path: string, r: object) => console.log(JSON.stringify({ client: 'typescript', path, ...r }))

for (const path of ['unary', 'stream'] as const) {
  const client = createTracehoundClient({ socketPath: daemonSocket, timeoutMs: 5000, failMode: 'closed', interceptPath: path })
  await client.connect()
  row(
    path,
    await sample(async (i) => {
      const v = await client.intercept(scent(i))
      if ('degraded' in v && v.degraded) throw new Error(`degraded: ${JSON.stringify(v.degraded)}`)
    }),
  )
  client.close()
}

// The floor: the same transport as the client's (unary calls straight onto the HTTP/2 session), a
// server that only writes fixed bytes.
const echo = echoClient(echoSocket)
const wire = scentToWire(scent(0))
row('floor', await sample(() => echo.client.intercept({ scent: wire })))
echo.close()

process.exit(0)
