import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createTracehoundClient } from '../src/client/index.js'
import { verifyInclusion } from '../src/core/kernel/index.js'
import { type RunningDaemon, startDaemonProcess } from './daemon-harness.js'
import { watchEvents } from './watch-events.js'

let d: RunningDaemon
beforeAll(async () => {
  const config = join(mkdtempSync(join(tmpdir(), 'th-evict-')), 'tracehound.json')
  writeFileSync(config, JSON.stringify({ quarantine: { maxCount: 1 }, rateLimit: { windowMs: 60000, maxRequests: 3, blockDurationMs: 0 } }))
  d = await startDaemonProcess(['--memory', '--config', config, '--no-watch'])
})
afterAll(async () => {
  await d?.stop()
})

it('streams a capacity eviction to WatchEvents as a neutralization with its audit record', async () => {
  const c = createTracehoundClient({ socketPath: d.socketPath })
  const abort = new AbortController()
  const seen: { case: string; signature?: string; hash?: string }[] = []
  const stream = await watchEvents(c.admin, abort.signal)
  const watching = (async () => {
    for await (const ev of stream) {
      const e = ev.event
      if (e.case === 'evidenceNeutralized') seen.push({ case: e.case, signature: e.value.record?.signature, hash: e.value.record?.hash })
      else if (e.case === 'evidenceQuarantined') seen.push({ case: e.case, signature: e.value.handle?.signature })
      if (seen.length === 3) return
    }
  })()
  const threat = (payload: unknown, severity: 'low' | 'high') =>
    c.intercept({ id: String(payload), payload: payload as never, source: 'evict', timestamp: 1, threat: { category: 'spam', severity } })
  const first = await threat('first', 'low')
  const second = await threat('second', 'high')
  await watching
  abort.abort()
  expect(first.status === 'quarantined' && second.status === 'quarantined').toBe(true)
  const [firstSig, secondSig] = [first, second].map((v) => (v.status === 'quarantined' ? v.handle.signature : ''))
  expect(seen.map((e) => [e.case, e.signature])).toEqual([
    ['evidenceQuarantined', firstSig],
    ['evidenceNeutralized', firstSig],
    ['evidenceQuarantined', secondSig],
  ])
  // The streamed record is the one in the audit tree.
  const head = await c.getTreeHead()
  // Leaves: capture of first, capture of second, then the eviction record (the last leaf).
  expect(head.treeSize).toBe(3)
  const { proof, record } = await c.getInclusionProof(head.treeSize - 1)
  expect(record?.hash).toBe(seen[1]!.hash)
  expect(verifyInclusion({ ...proof, rootHash: head.rootHash })).toBe(true)
  c.close()
})

it('streams threats and rate limiting to WatchEvents and reports the watcher in GetStats', async () => {
  const c = createTracehoundClient({ socketPath: d.socketPath })
  const before = (await c.service.getStats({})).watcher!
  const abort = new AbortController()
  const seen: string[] = []
  const stream = await watchEvents(c.admin, abort.signal)
  const watching = (async () => {
    for await (const ev of stream) {
      const e = ev.event
      if (e.case === 'threatDetected') seen.push(`threat:${e.value.scentId}:${e.value.source}`)
      if (e.case === 'rateLimitExceeded') seen.push(`limited:${e.value.source}:${e.value.retryAfterMs > 0n}`)
      if (seen.length === 3) return
    }
  })()
  const scent = (id: string, threat: boolean) => ({
    id,
    payload: { id },
    source: 'rl',
    timestamp: 1,
    ...(threat && { threat: { category: 'malware' as const, severity: 'critical' as const } }),
  })
  await c.intercept(scent('t1', true))
  await c.intercept(scent('c1', false))
  await c.intercept(scent('t2', true))
  expect((await c.intercept(scent('t3', true))).status).toBe('rate_limited')
  await watching
  abort.abort()
  expect(seen).toEqual(['threat:t1:rl', 'threat:t2:rl', 'limited:rl:true'])
  const after = (await c.service.getStats({})).watcher!
  expect(after.totalThreats - before.totalThreats).toBe(2n)
  expect((after.byCategory.malware ?? 0n) - (before.byCategory.malware ?? 0n)).toBe(2n)
  c.close()
})
