import { describe, expect, it } from 'vitest'
import { createManualClock, createSeededRandom, createTracehound, DEFAULT_CONFIG, type Scent } from '../core/index.js'
import { DaemonEngine, type EngineSettings } from './engine.js'

const base: EngineSettings = {
  maxPayloadSize: DEFAULT_CONFIG.maxPayloadSize,
  quarantine: { ...DEFAULT_CONFIG.quarantine },
  rateLimit: { ...DEFAULT_CONFIG.rateLimit },
  macKeys: [],
}
const threat = (i: number, severity: 'low' | 'high' = 'low'): Scent => ({
  id: `s${i}`,
  payload: { i },
  source: `src${i}`,
  timestamp: 1000 + i,
  threat: { category: 'spam', severity },
})

describe('DaemonEngine', () => {
  it('answers exactly as createTracehound does for the same inputs', () => {
    const deps = () => ({ clock: createManualClock(5000).now, random: createSeededRandom('daemon') })
    const ours = new DaemonEngine({ ...base, quarantine: { ...base.quarantine, maxCount: 2 } }, deps())
    const { clock, random } = deps()
    const theirs = createTracehound({ quarantine: { maxCount: 2 }, clock, random })
    const project = (r: ReturnType<typeof ours.intercept>) => (r.status === 'quarantined' ? { ...r, handle: r.handle.signature } : r)
    for (let i = 0; i < 4; i++) expect(project(ours.intercept(threat(i)))).toEqual(project(theirs.intercept(threat(i))))
    expect(ours.auditChain.export()).toEqual(theirs.auditChain.export())
    expect(ours.treeHead()).toEqual(theirs.treeHead())
    expect(ours.stats()).toEqual(theirs.stats())
  })

  it('keeps evidence, the audit chain and counters across a reconfigure', () => {
    const e = new DaemonEngine(base)
    e.intercept(threat(1, 'high'))
    e.intercept(threat(2))
    const sig = e.quarantine.list()[0]?.signature ?? ''
    e.quarantine.neutralize(e.quarantine.list()[1]?.signature ?? '')
    const head = e.treeHead().rootHash
    e.reconfigure({ ...base, maxPayloadSize: 10, macKeys: [{ kid: 'k', key: 'ab'.repeat(16) }] })
    expect(e.quarantine.get(sig)?.severity).toBe('high')
    expect(e.treeHead()).toMatchObject({ treeSize: 3, rootHash: head, kid: 'k' }) // two captures and a neutralization
    expect(e.stats().agent.totalIntercepts).toBe(2)
    expect(e.intercept({ ...threat(3), payload: 'x'.repeat(20) })).toEqual({ status: 'payload_too_large', limit: 10 })
    expect(e.stats().agent.totalIntercepts).toBe(3)
  })

  it('evicts at once, with audit records, when quarantine limits shrink', () => {
    const e = new DaemonEngine(base)
    e.intercept(threat(1, 'high'))
    e.intercept(threat(2))
    e.intercept(threat(3))
    e.reconfigure({ ...base, quarantine: { ...base.quarantine, maxCount: 1 } })
    expect(e.quarantine.list().map((h) => h.severity)).toEqual(['high'])
    expect(e.auditChain.length).toBe(2)
    expect(e.auditChain.verify()).toBe(true)
  })

  it('changes nothing when the new settings are invalid', () => {
    const e = new DaemonEngine(base)
    e.intercept(threat(1))
    expect(() => e.reconfigure({ ...base, rateLimit: { ...base.rateLimit, maxRequests: 0 } })).toThrow(/maxRequests/)
    expect(() => e.reconfigure({ ...base, macKeys: [{ kid: 'k', key: 'ab' }] })).toThrow(/MAC key/)
    expect(e.settings).toBe(base)
    expect(e.quarantine.list()).toHaveLength(1)
  })

  it('keeps rate-limit windows when the limits are unchanged, and resets them when they change', () => {
    const e = new DaemonEngine({ ...base, rateLimit: { windowMs: 60_000, maxRequests: 1, blockDurationMs: 0 } })
    const hit = () => e.intercept({ id: 'x', payload: 1, source: 'same', timestamp: 1 }).status
    expect(hit()).toBe('clean')
    e.reconfigure({ ...e.settings, maxPayloadSize: 500 })
    expect(hit()).toBe('rate_limited')
    e.reconfigure({ ...e.settings, rateLimit: { windowMs: 60_000, maxRequests: 2, blockDurationMs: 0 } })
    expect(hit()).toBe('clean')
  })
})
