import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clientTarget } from '../conformance/lib/client-target.js'
import { embeddedTarget } from '../conformance/lib/embedded-target.js'
import { runSequence, type EngineSetup } from '../conformance/lib/intercept-sequence.js'
import { type RunningDaemon, startDaemonProcess } from './daemon-harness.js'

const setup: EngineSetup = {
  config: {
    maxPayloadSize: 100,
    quarantine: { maxCount: 1, maxBytes: 1000 },
    rateLimit: { windowMs: 1000, maxRequests: 3, blockDurationMs: 0 },
  },
  clockStart: 1_700_000_000_000,
  idSeed: 'mode-test',
  macKeys: [{ kid: 'k', key: '00'.repeat(16) }],
}
const threat = { category: 'spam', severity: 'low' } as const
const steps = [
  { scent: { id: '1', payload: { a: 1 }, source: 's', timestamp: 1, threat } },
  { advanceMs: 10, scent: { id: '2', payload: { a: NaN }, source: 's', timestamp: 2, threat } },
  { advanceMs: 10, scent: { id: '3', payload: { a: 2 }, source: 's', timestamp: 3, threat: { ...threat, severity: 'high' as const } } },
  { advanceMs: 10, scent: { id: '4', payload: { a: 3 }, source: 's', timestamp: 4 } },
]

describe('daemon conformance mode', () => {
  let plain: RunningDaemon
  let conformance: RunningDaemon
  beforeAll(async () => {
    ;[plain, conformance] = await Promise.all([startDaemonProcess(), startDaemonProcess(['--conformance'])])
  })
  afterAll(async () => {
    await Promise.all([plain?.stop(), conformance?.stop()])
  })

  it('is refused by a daemon started without --conformance', async () => {
    const target = clientTarget(`unix://${plain.socketPath}`)
    await expect(target.reset(setup)).rejects.toThrow(/conformance mode is off/)
    target.close()
  })

  it('replays a sequence exactly as the embedded engine does: verdicts, NaN refusal, ids, audit, MACs', async () => {
    const target = clientTarget(`unix://${conformance.socketPath}`)
    const viaDaemon = await runSequence(target, setup, steps)
    const embedded = await runSequence(embeddedTarget(), setup, steps)
    expect(viaDaemon.steps.map((s) => s.verdict?.status)).toEqual(['quarantined', 'error', 'quarantined', 'rate_limited'])
    expect(viaDaemon.steps[2]!.audit).toHaveLength(1)
    expect(viaDaemon.final.treeHead.mac).toMatch(/^[0-9a-f]{64}$/)
    expect(viaDaemon).toEqual(embedded)
    // A second reset starts from nothing again.
    expect(await runSequence(target, setup, steps)).toEqual(embedded)
    target.close()
  })
})
