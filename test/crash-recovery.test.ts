/**
 * Crash test (issue 9): the real tracehoundd under sustained intercept (unary and stream) + neutralize load is
 * killed with SIGKILL at random points, restarted on the same data directory, and must still
 * hold every quarantine and neutralization a client saw acknowledged, with a verifying chain.
 */

import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createTracehoundClient, recordHash, GENESIS_HASH } from '../src/client/index.js'
import { Ledger } from '../src/storage/index.js'
import { createSeededRandom, isChainRecord } from '../src/core/index.js'
import { type RunningDaemon, startDaemonProcess } from './daemon-harness.js'
import { tempDirs } from './storage-tmp.js'

const KILLS = 20
const WORKERS = 8
// The kill points are drawn from a seeded stream: a failing run can be replayed with its seed.
const SEED = process.env.TRACEHOUND_CRASH_SEED ?? 'crash-recovery-1'
const random = createSeededRandom(SEED)
/** A delay in [0, maxMs) from the seeded stream. */
const delayMs = (maxMs: number) => (new DataView(random(4).buffer).getUint32(0) / 2 ** 32) * maxMs
const temp = tempDirs('th-crash')
const dataDir = temp.dir()
const config = join(temp.root, 'config.json')
// Room for everything: an acknowledged quarantine must not be evicted, only lost if the ledger failed.
writeFileSync(config, JSON.stringify({ quarantine: { maxCount: '1000000', maxBytes: '1000000000' } }))

const acked = new Set<string>()
const neutralized = new Set<string>()
const neutralizing = new Set<string>()
const counts = { kills: 0, intercepts: 0, quarantined: 0, neutralized: 0, unacknowledged: 0, checkedAfterRestart: 0 }
let seq = 0
let running: RunningDaemon | undefined

afterAll(async () => {
  await running?.stop()
})

const start = () => startDaemonProcess(['--config', config, '--no-watch'], { TRACEHOUND_DATA_DIR: dataDir })

interface Stop {
  done: boolean
  /** Called at each acknowledged write. */
  onAck?: () => void
}

async function load(socketPath: string, stop: Stop): Promise<void> {
  const client = createTracehoundClient({ socketPath, timeoutMs: 5_000, callTimeoutMs: 5_000 })
  const scent = (n: number) => ({
    id: `c${n}`,
    payload: { n, pad: 'x'.repeat(n % 200) },
    source: `src-${n}`,
    timestamp: Date.now(),
    threat: { category: 'injection' as const, severity: 'high' as const },
  })
  // Unary Intercept, or (every other worker) batches of 4 over InterceptStream.
  const worker = async (w: number) => {
    while (!stop.done) {
      const batch = Array.from({ length: w % 2 === 0 ? 1 : 4 }, () => seq++)
      counts.intercepts += batch.length
      const verdicts = batch.length === 1 ? [await client.intercept(scent(batch[0]!))] : await client.interceptMany(batch.map(scent))
      const v = verdicts.at(-1)!
      for (const verdict of verdicts) {
        if (verdict.degraded || verdict.status !== 'quarantined') {
          counts.unacknowledged++
          continue
        }
        acked.add(verdict.handle.signature)
        counts.quarantined++
        stop.onAck?.()
      }
      if (v.degraded || v.status !== 'quarantined' || batch.at(-1)! % 7 !== 0) continue
      neutralizing.add(v.handle.signature)
      try {
        if (await client.neutralize(v.handle.signature)) {
          neutralized.add(v.handle.signature)
          counts.neutralized++
        }
      } catch {
        counts.unacknowledged++ // killed mid-call: either outcome is allowed
      }
    }
  }
  await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)))
  client.close()
}

/** Every acknowledged write is in the restarted daemon; writes unknown at the kill may be either way. */
async function checkRestored(d: RunningDaemon): Promise<void> {
  expect(d.logs.filter((l) => l.msg === 'ledger integrity problem')).toEqual([])
  const client = createTracehoundClient({ socketPath: d.socketPath, callTimeoutMs: 10_000 })
  const present = new Set((await client.listQuarantine()).map((h) => h.signature))
  for (const sig of acked) {
    if (neutralized.has(sig)) expect(present.has(sig), `neutralized ${sig} came back`).toBe(false)
    else if (!neutralizing.has(sig)) expect(present.has(sig), `acknowledged ${sig} lost`).toBe(true)
  }
  expect((await client.getTreeHead()).treeSize).toBeGreaterThanOrEqual(neutralized.size)
  client.close()
  counts.checkedAfterRestart++
}

describe('tracehoundd crash recovery', () => {
  it(`loses no acknowledged write across ${KILLS} SIGKILLs under load (seed ${SEED})`, { timeout: 600_000 }, async () => {
    for (let round = 0; round < KILLS; round++) {
      const d = await start()
      running = d
      if (round > 0) await checkRestored(d)
      const stop: Stop = { done: false }
      const acknowledged = new Promise<void>((resolve) => (stop.onAck = resolve))
      const loading = load(d.socketPath, stop)
      // Kill at a random point once this round has had a write acknowledged (a signal, not a guess
      // at how fast a loaded machine answers), or after 15 s without one.
      await Promise.race([acknowledged, new Promise((r) => setTimeout(r, 15_000))])
      await new Promise((r) => setTimeout(r, delayMs(300)))
      const exited = new Promise((r) => d.child.once('exit', r))
      stop.done = true // no new calls; the ones in flight (one per worker) are cut by the kill
      d.child.kill('SIGKILL')
      await exited
      counts.kills++
      await loading
    }
    running = await start()
    await checkRestored(running)
    expect(await running.stop()).toBe(0)
    running = undefined

    // Offline: the ledger opens clean, and the chain re-verifies with the client's own kernel.
    const ledger = new Ledger({ dataDir })
    try {
      expect(ledger.problems).toEqual([])
      const entries = [...ledger.entries()]
      const { evidence } = ledger.load()
      const records = entries.filter(isChainRecord)
      let previous = GENESIS_HASH
      for (const r of records) {
        expect(r.previousHash).toBe(previous)
        expect(recordHash(r)).toBe(r.hash)
        previous = r.hash
      }
      const audited = new Set(records.map((r) => r.signature))
      for (const sig of neutralized) expect(audited.has(sig)).toBe(true)
      console.log(
        `crash test: ${counts.kills} SIGKILLs, ${counts.checkedAfterRestart} restarts checked, ${counts.intercepts} intercepts, ` +
          `${counts.quarantined} quarantines and ${counts.neutralized} neutralizations acknowledged, ${counts.unacknowledged} verdicts or calls cut off by a kill; ` +
          `ledger: ${evidence.length} evidence, ${records.length} audit records, 0 lost`,
      )
    } finally {
      ledger.close()
    }
    expect(counts.kills).toBeGreaterThanOrEqual(20)
    expect(counts.quarantined).toBeGreaterThan(counts.kills)
  })
})
