import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { createManualClock } from '../ports/clock.js'
import type { EventType, TracehoundEvent } from './notification-hub.js'
import { createSeededRandom } from '../ports/random.js'
import { Tracehound, type TracehoundOptions } from '../tracehound.js'
import type { InterceptResult, JsonSerializable, Scent, Severity, ThreatCategory } from '../types.js'

let n = 0
const scent = (payload: unknown, threat?: [ThreatCategory, Severity], source = 'src'): Scent => ({
  id: `s${n++}`,
  payload: payload as JsonSerializable,
  source,
  timestamp: 1_000 + n,
  ...(threat && { threat: { category: threat[0], severity: threat[1] } }),
})

function engine(options: TracehoundOptions = {}) {
  const clock = createManualClock(1_700_000_000_000)
  const th = new Tracehound({ clock: clock.now, random: createSeededRandom('seed'), ...options })
  const events: TracehoundEvent[] = []
  const listen = (...types: EventType[]) => types.forEach((t) => th.notifications.on(t, (e) => events.push(e)))
  return { th, clock, events, listen }
}

describe('engine wiring: events', () => {
  it('emits nothing, and builds nothing, when nobody listens', () => {
    const { th } = engine()
    const emit = vi.spyOn(th.notifications, 'emit')
    th.intercept(scent({ a: 1 }, ['injection', 'high']))
    expect(emit).not.toHaveBeenCalled()
    expect(th.notifications.stats.totalEmitted).toBe(0)
  })

  it('announces a capture as threat.detected then evidence.quarantined', () => {
    const { th, events, listen } = engine()
    listen('threat.detected', 'evidence.quarantined', 'evidence.evicted', 'rate_limit.exceeded')
    const s = scent({ a: 1 }, ['injection', 'high'], '10.0.0.1')
    const r = th.intercept(s)
    if (r.status !== 'quarantined') throw new Error(r.status)
    expect(events.map((e) => [e.type, e.payload])).toEqual([
      ['threat.detected', { scentId: s.id, category: 'injection', severity: 'high', source: '10.0.0.1' }],
      ['evidence.quarantined', { signature: r.handle.signature, severity: 'high', sizeBytes: 7 }],
    ])
    expect(events[0]!.timestamp).toBe(1_700_000_000_000)
  })

  it('a duplicate is a threat seen again, but not a new capture', () => {
    const { th, events, listen } = engine()
    listen('threat.detected', 'evidence.quarantined')
    th.intercept(scent({ a: 1 }, ['spam', 'low']))
    th.intercept(scent({ a: 1 }, ['spam', 'critical']))
    expect(events.map((e) => e.type)).toEqual(['threat.detected', 'evidence.quarantined', 'threat.detected'])
  })

  it('announces capacity evictions with reason capacity', () => {
    const { th, events, listen } = engine({ quarantine: { maxCount: 1 } })
    listen('evidence.evicted')
    const first = th.intercept(scent('first', ['spam', 'low']))
    th.intercept(scent('second', ['spam', 'high']))
    if (first.status !== 'quarantined') throw new Error(first.status)
    expect(events.map((e) => e.payload)).toEqual([{ signature: first.handle.signature, reason: 'capacity' }])
    expect(th.securityState.history.filter((h) => h.type === 'eviction')).toHaveLength(1)
  })

  it('announces rate limiting with the retry delay', () => {
    const { th, events, listen } = engine({ rateLimit: { windowMs: 1000, maxRequests: 1, blockDurationMs: 5000 } })
    listen('rate_limit.exceeded')
    th.intercept(scent(1, undefined, 'flood'))
    th.intercept(scent(2, undefined, 'flood'))
    expect(events.map((e) => e.payload)).toEqual([{ source: 'flood', retryAfterMs: 5000 }])
    expect(th.securityState.snapshot().rateLimits.blockedSources).toBe(1)
  })
})

describe('engine wiring: watcher, security state, fail-safe', () => {
  it('the watcher and security state see threats and quarantine fill, clean traffic costs them nothing', () => {
    const { th } = engine({ quarantine: { maxBytes: 100 } })
    th.intercept(scent('clean'))
    th.intercept(scent({ a: 1 }, ['injection', 'high']))
    th.intercept(scent({ a: 2 }, ['ddos', 'low']))
    th.intercept(scent({ v: NaN }, ['malware', 'critical'])) // error verdict, still a flagged scent
    const w = th.watcher.snapshot()
    expect(w.threats).toEqual({
      total: 3,
      byCategory: { injection: 1, ddos: 1, malware: 1 },
      bySeverity: { low: 1, medium: 0, high: 1, critical: 1 },
    })
    expect(w.quarantine).toEqual({ count: 2, bytes: 14, capacityPercent: expect.closeTo(14, 9) })
    const s = th.securityState.snapshot()
    expect(s.threats.total).toBe(3)
    expect(s.quarantine).toEqual({ count: 2, bytes: 14, capacityPercent: expect.closeTo(14, 9) })
    expect(th.securityState.history.map((h) => h.type)).toEqual(['threat', 'evidence', 'threat', 'evidence', 'threat'])
  })

  it('fires fail-safe panics when quarantine fill rises through a level, once per level', () => {
    const { th, events, listen } = engine({ quarantine: { maxCount: 10 } })
    listen('system.panic')
    const levels: string[] = []
    th.failSafe.onAny((e) => void levels.push(e.level))
    for (let i = 0; i < 10; i++) th.intercept(scent({ i }, ['spam', 'high']))
    // 7/10 warning, 8 stays warning, 9/10 critical; 10/10 emergency
    expect(levels).toEqual(['warning', 'critical', 'emergency'])
    expect(events.map((e) => (e.payload as { level: string }).level)).toEqual(['warning', 'critical', 'fatal'])
    expect(th.securityState.history.filter((h) => h.type === 'panic')).toHaveLength(3)
  })

  it('re-arms a level once a capture finds the fill back below it', () => {
    const { th } = engine({ quarantine: { maxCount: 10 }, failSafe: { quarantine: { warning: 0.3, critical: 2, emergency: 3 } } })
    const levels: string[] = []
    th.failSafe.onAny((e) => void levels.push(`${e.level} ${e.context.details}`))
    const sigs = ['a', 'b', 'c'].map((p) => th.intercept(scent(p, ['spam', 'low']))) // 3/10: warning
    th.intercept(scent('d', ['spam', 'low'])) // 4/10: still warning, no second panic
    for (const r of sigs.slice(0, 2)) if (r.status === 'quarantined') th.quarantine.neutralize(r.handle.signature)
    th.intercept(scent('e', ['spam', 'low'])) // 3/10 again; no capture saw it below: no panic
    expect(levels).toEqual(['warning Quarantine: 3/10'])
    th.quarantine.flush()
    th.intercept(scent('g', ['spam', 'low'])) // 1/10: below, re-armed
    th.intercept(scent('h', ['spam', 'low']))
    th.intercept(scent('i', ['spam', 'low'])) // 3/10: warning again
    expect(levels).toEqual(['warning Quarantine: 3/10', 'warning Quarantine: 3/10'])
  })

  it('uses the tighter of the count and byte limits', () => {
    const { th } = engine({ quarantine: { maxCount: 1000, maxBytes: 100 } })
    const levels: string[] = []
    th.failSafe.onAny((e) => void levels.push(`${e.level} ${e.context.details}`))
    th.intercept(scent('x'.repeat(70), ['spam', 'low'])) // 72 bytes of JSON
    expect(levels).toEqual(['warning Quarantine: 72/100'])
  })
})

describe('engine wiring: results unchanged', () => {
  const arbScent = fc.record({
    payload: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constant(Number.NaN), fc.string({ maxLength: 40 })),
    threat: fc.option(
      fc.tuple(fc.constantFrom<ThreatCategory>('injection', 'spam'), fc.constantFrom<Severity>('low', 'high', 'critical')),
      { nil: undefined },
    ),
    source: fc.constantFrom('a', 'b', 'c'),
    wait: fc.integer({ min: 0, max: 400 }),
  })

  const normalise = (r: InterceptResult) =>
    r.status === 'quarantined' ? { status: r.status, signature: r.handle.signature, disposed: r.handle.disposed } : r

  it('gives the same verdicts and audit chain with noisy observers as with none', () => {
    fc.assert(
      fc.property(fc.array(arbScent, { maxLength: 60 }), (inputs) => {
        const options = {
          quarantine: { maxCount: 5, maxBytes: 60 },
          rateLimit: { windowMs: 1000, maxRequests: 4, blockDurationMs: 700 },
        }
        const quiet = engine(options)
        const noisy = engine(options)
        for (const type of [
          'threat.detected',
          'evidence.quarantined',
          'evidence.evicted',
          'rate_limit.exceeded',
          'system.panic',
        ] as const) {
          noisy.th.notifications.on(type, () => {
            throw new Error('observer bug')
          })
        }
        noisy.th.notifications.subscribe()
        noisy.th.failSafe.onAny(() => {
          throw new Error('panic handler bug')
        })
        for (const input of inputs) {
          const s = scent(input.payload, input.threat, input.source)
          expect(normalise(noisy.th.intercept(s))).toEqual(normalise(quiet.th.intercept(s)))
          quiet.clock.advance(input.wait)
          noisy.clock.advance(input.wait)
        }
        expect(noisy.th.auditChain.rootHash()).toBe(quiet.th.auditChain.rootHash())
        expect(noisy.th.quarantine.stats).toEqual(quiet.th.quarantine.stats)
      }),
      { numRuns: 60 },
    )
  })
})
