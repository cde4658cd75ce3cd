/** Hot reload under load: file change, SIGHUP and ReloadConfig swap limits with zero failed calls; bad configs bounce. */

import { writeFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { Code, ConnectError } from '@connectrpc/connect'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createTracehoundClient, type ClientVerdict, type NodeTracehoundClient } from '../src/client/index.js'
import { type RunningDaemon, startDaemonProcess } from './daemon-harness.js'
import { watchEvents } from './watch-events.js'

let d: RunningDaemon
let configPath: string
let client: NodeTracehoundClient

/** Saves as editors do: write a temp file, rename over the config. */
function writeConfig(config: unknown) {
  const tmp = `${configPath}.tmp`
  writeFileSync(tmp, typeof config === 'string' ? config : JSON.stringify(config))
  renameSync(tmp, configPath)
}

beforeAll(async () => {
  const { mkdtempSync } = await import('node:fs')
  const { tmpdir } = await import('node:os')
  configPath = join(mkdtempSync(join(tmpdir(), 'thd-cfg-')), 'tracehound.json')
  writeConfig({ rateLimit: { maxRequests: 1000 }, quarantine: { maxCount: 100 } })
  d = await startDaemonProcess(['--config', configPath])
  client = createTracehoundClient({ socketPath: d.socketPath, failMode: 'closed', timeoutMs: 5000 })
  await client.connect()
})

afterAll(async () => {
  client?.close()
  await d?.stop()
})

/** Drives intercepts until stopped; every degraded or error verdict counts as a failure. */
function traffic() {
  let running = true
  let calls = 0
  const failures: ClientVerdict[] = []
  const waiting: { calls: number; resolve: () => void }[] = []
  const worker = async (w: number) => {
    for (let i = 0; running; i++) {
      const v = await client.intercept({ id: `${w}-${i}`, payload: { w, i }, source: `load-${w}-${i}`, timestamp: 1 })
      calls++
      if (v.status !== 'clean' || v.degraded) failures.push(v)
      for (const x of waiting.filter((x) => calls >= x.calls)) {
        waiting.splice(waiting.indexOf(x), 1)
        x.resolve()
      }
    }
  }
  const workers = Promise.all([0, 1, 2, 3].map(worker))
  return {
    /** Resolves once `n` more calls have completed: the signal that traffic is flowing at this point. */
    more(n: number): Promise<void> {
      return new Promise((resolve) => waiting.push({ calls: calls + n, resolve }))
    },
    async stop() {
      running = false
      await workers
      return { calls, failures }
    },
  }
}

it('reloads on file change, SIGHUP and RPC under continuous traffic with zero failed calls', async () => {
  const quarantined = await client.intercept({
    id: 'keep',
    payload: 'evidence',
    source: 'keep',
    timestamp: 1,
    threat: { category: 'malware', severity: 'critical' },
  })
  expect(quarantined.status).toBe('quarantined')
  const sig = quarantined.status === 'quarantined' ? quarantined.handle.signature : ''
  const treeBefore = (await client.getTreeHead()).treeSize
  expect((await client.admin.getConfig({})).generation).toBe(1n)

  // Each reload happens while calls are completing, and calls still complete after the last one.
  const load = traffic()
  await load.more(20)
  writeConfig({ rateLimit: { maxRequests: 2, windowMs: 60000 }, quarantine: { maxCount: 50 } })
  expect(await d.nextLog('config reloaded')).toMatchObject({ trigger: 'file', generation: 2 })

  await load.more(20)
  d.child.kill('SIGHUP')
  expect(await d.nextLog('config reloaded')).toMatchObject({ trigger: 'signal', generation: 3 })

  await load.more(20)
  const res = await client.admin.reloadConfig({})
  await load.more(20)
  expect(res.generation).toBe(4n)
  const { failures } = await load.stop()
  expect(failures).toEqual([])

  // The new limit is in force: a third hit from one source inside the window is refused.
  const hit = () => client.intercept({ id: 'rl', payload: 1, source: 'limited', timestamp: 1 })
  expect((await hit()).status).toBe('clean')
  expect((await hit()).status).toBe('clean')
  expect((await hit()).status).toBe('rate_limited')

  // Evidence and the audit chain survived every swap.
  expect((await client.getEvidence(sig))?.handle.severity).toBe('critical')
  expect((await client.getTreeHead()).treeSize).toBe(treeBefore + 1) // + the block of "limited", logged
  const stats = await client.service.getStats({})
  expect(stats.quarantine?.count).toBe(1n)
})

it('rejects an invalid config with a clear error and keeps serving the old one', async () => {
  const before = await client.admin.getConfig({})
  writeConfig({ rateLimit: { maxRequest: 5 } })
  const rejected = await d.nextLog('config rejected')
  expect(rejected.reason).toMatch(/maxRequest/)

  const err = await client.admin.reloadConfig({}).catch((e: unknown) => ConnectError.from(e))
  expect(err).toBeInstanceOf(ConnectError)
  expect((err as ConnectError).code).toBe(Code.InvalidArgument)
  expect((err as ConnectError).rawMessage).toContain(configPath)

  writeConfig({ macKeys: [{ kid: 'short', key: 'abcd' }] })
  expect((await d.nextLog('config rejected')).reason).toMatch(/key/)
  writeConfig({ macKeys: [{ kid: 'a', key: 'ab'.repeat(16) }], activeKid: 'b' })
  expect((await d.nextLog('config rejected')).reason).toMatch(/activeKid must name one of macKeys/)

  const after = await client.admin.getConfig({})
  expect(after.generation).toBe(before.generation)
  expect(after.config?.rateLimit?.maxRequests).toBe(2n)
  expect((await client.intercept({ id: 'ok', payload: 1, source: 'still-serving', timestamp: 1 })).status).toBe('clean')
})

it('reports reloads on WatchEvents', async () => {
  const abort = new AbortController()
  const stream = await watchEvents(client.admin, abort.signal)
  const first = (async () => {
    for await (const ev of stream) return ev
  })()
  writeConfig({ rateLimit: { maxRequests: 3 } })
  const ev = await first
  abort.abort()
  expect(ev?.event.case).toBe('configReloaded')
})
