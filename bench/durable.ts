/**
 * Threat intercept throughput, durable (SQLite ledger, synchronous FULL) vs memory, same run
 * (issue 9). Two levels:
 *  - engine: the daemon's engine in process; durable answers after GroupCommit's fsync, with
 *    B concurrent calls per event-loop turn (B = 1 is one fsync per verdict: no grouping);
 *  - daemon: the real tracehoundd over its Unix socket, C concurrent unary Intercepts, --memory
 *    vs a data directory.
 * Every intercept is a new ~1 KiB threat (quarantined, or evicting the oldest once 10 000 are held).
 * Run: npm run bench:durable [-- --seconds 2]
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTracehoundClient } from '../src/client/index.js'
import { DEFAULT_CONFIG, nodeCrypto, type Scent, Tracehound } from '../src/core/index.js'
import type { EngineSettings } from '../src/server/engine.js'
import { GroupCommit, Ledger } from '../src/storage/index.js'
import { startDaemonProcess } from '../test/daemon-harness.js'

const ROOT = mkdtempSync(join(tmpdir(), 'th-durable-'))
const SECONDS = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 2
const CONCURRENCY = 64
const settings: EngineSettings = { ...DEFAULT_CONFIG, rateLimit: { ...DEFAULT_CONFIG.rateLimit, maxRequests: 1e9 }, macKeys: [] }

let n = 0
function threat(): Scent {
  const i = n++
  return {
    id: `b${i}`,
    payload: { i, path: `/api/v1/accounts/${i}/transfers`, memo: "'; DROP TABLE accounts; -- ".repeat(34), tags: ['a', 'b', i] },
    source: `src-${i % 1000}`,
    timestamp: Date.now(),
    threat: { category: 'injection', severity: 'high' },
  }
}

async function timed(run: (deadline: number) => Promise<number>): Promise<number> {
  const start = performance.now()
  const ops = await run(start + SECONDS * 1000)
  return ops / ((performance.now() - start) / 1000)
}

const nextTurn = () => new Promise<void>((r) => setImmediate(r))

/**
 * B intercepts arrive per event-loop turn, as at a busy server: a turn's verdicts count once the
 * group commit covering them is fsynced, while the next turn's intercepts already run (one batch
 * being written, one filling).
 */
function engineRun(batch: number, durable: boolean): Promise<number> {
  const ledger = durable ? new Ledger({ dataDir: mkdtempSync(join(ROOT, 'engine-')) }) : undefined
  const commits = ledger && new GroupCommit(ledger)
  const engine = new Tracehound({
    ...settings,
    crypto: nodeCrypto,
    ...(ledger && commits && { storage: ledger, durability: { commit: () => commits.durable() } }),
  })
  return timed(async (deadline) => {
    let ops = 0
    const acknowledged: Promise<number>[] = []
    while (performance.now() < deadline) {
      let quarantined = 0
      for (let i = 0; i < batch; i++) if (engine.intercept(threat()).status === 'quarantined') quarantined++
      acknowledged.push((commits?.durable() ?? Promise.resolve()).then(() => quarantined))
      if (acknowledged.length > 1) ops += await acknowledged.shift()!
      else await nextTurn()
    }
    for (const a of acknowledged) ops += await a
    return ops
  }).finally(() => ledger?.close())
}

async function daemonRun(durable: boolean): Promise<number> {
  const config = join(ROOT, 'config.json')
  writeFileSync(config, JSON.stringify({ rateLimit: { maxRequests: '1000000000' } }))
  const d = await startDaemonProcess(['--config', config, '--no-watch', ...(durable ? [] : ['--memory'])], {
    TRACEHOUND_DATA_DIR: mkdtempSync(join(ROOT, 'daemon-')),
  })
  const client = createTracehoundClient({ socketPath: d.socketPath, timeoutMs: 10_000 })
  await client.connect()
  const drive = async (deadline: number) => {
    let ops = 0
    const worker = async () => {
      while (performance.now() < deadline) if ((await client.intercept(threat())).status === 'quarantined') ops++
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))
    return ops
  }
  try {
    await drive(performance.now() + 1000) // warm-up: JIT, HTTP/2 session, SQLite pages
    return await timed(drive)
  } finally {
    client.close()
    await d.stop()
  }
}

const rows: [string, number, number][] = []
for (const batch of [1, 16, 256]) {
  const memory = await engineRun(batch, false)
  const durable = await engineRun(batch, true)
  rows.push([`engine, ${batch} call(s) per turn`, memory, durable])
}
// ABBA order, averaged: the bench process's own warm-up must not favour whichever runs second.
const abba = [await daemonRun(false), await daemonRun(true), await daemonRun(true), await daemonRun(false)]
rows.push([`tracehoundd over UDS, ${CONCURRENCY} concurrent`, (abba[0]! + abba[3]!) / 2, (abba[1]! + abba[2]!) / 2])
rmSync(ROOT, { recursive: true, force: true })

const fmt = (x: number) => Math.round(x).toLocaleString('en-US').padStart(9)
console.log(`\nthreat intercepts/s, ${SECONDS} s each, every verdict acknowledged only after its fsync (durable)\n`)
console.log('| setting                                | memory    | durable   | durable/memory |')
console.log('|----------------------------------------|-----------|-----------|----------------|')
for (const [name, memory, durable] of rows) {
  console.log(`| ${name.padEnd(38)} | ${fmt(memory)} | ${fmt(durable)} | ${(durable / memory).toFixed(2).padStart(13)}× |`)
}
