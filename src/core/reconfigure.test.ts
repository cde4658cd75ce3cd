import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG, type EngineSettings, resolveSettings } from './config.js'
import type { StoragePort } from './ports/storage-port.js'
import { Tracehound } from './tracehound.js'
import type { Scent } from './types.js'

const base: EngineSettings = resolveSettings({})
const threat = (i: number, severity: 'low' | 'high' = 'low'): Scent => ({
  id: `s${i}`,
  payload: { i },
  source: `src${i}`,
  timestamp: 1000 + i,
  threat: { category: 'spam', severity },
})

describe('resolveSettings', () => {
  it('fills what is left out, or undefined, from DEFAULT_CONFIG', () => {
    expect(base).toEqual({
      maxPayloadSize: DEFAULT_CONFIG.maxPayloadSize,
      quarantine: DEFAULT_CONFIG.quarantine,
      rateLimit: DEFAULT_CONFIG.rateLimit,
      macKeys: [],
    })
    expect(resolveSettings({ quarantine: { maxCount: undefined, maxBytes: 5 }, rateLimit: { maxRequests: 3 } })).toMatchObject({
      quarantine: { maxCount: DEFAULT_CONFIG.quarantine.maxCount, maxBytes: 5 },
      rateLimit: { ...DEFAULT_CONFIG.rateLimit, maxRequests: 3 },
    })
  })

  it('refuses a quarantine that can hold nothing', () => {
    expect(() => resolveSettings({ quarantine: { maxCount: 0 } })).toThrow(/maxCount/)
    expect(() => resolveSettings({ quarantine: { maxBytes: Number.NaN } })).toThrow(/maxBytes/)
  })
})

describe('Tracehound.reconfigure', () => {
  it('keeps evidence, the audit chain, its tree and the counters', () => {
    const e = new Tracehound(base)
    const chain = e.auditChain
    e.intercept(threat(1, 'high'))
    e.intercept(threat(2))
    const sig = e.quarantine.list()[0]?.signature ?? ''
    e.quarantine.neutralize(e.quarantine.list()[1]?.signature ?? '')
    const head = e.treeHead().rootHash
    e.reconfigure({ ...base, maxPayloadSize: 10, macKeys: [{ kid: 'k', key: 'ab'.repeat(16) }] })
    expect(e.auditChain).toBe(chain)
    expect(e.quarantine.get(sig)?.severity).toBe('high')
    expect(e.treeHead()).toMatchObject({ treeSize: 3, rootHash: head, kid: 'k' }) // two captures and a neutralization
    expect(e.stats().agent.totalIntercepts).toBe(2)
    expect(e.intercept({ ...threat(3), payload: 'x'.repeat(20) })).toEqual({ status: 'payload_too_large', limit: 10 })
    expect(e.agent.intercept(threat(4)).status).toBe('quarantined') // v1's th.agent is the current agent
    expect(e.stats().agent.totalIntercepts).toBe(4)
  })

  it('evicts at once, with audit records, when quarantine limits shrink', () => {
    const evicted: string[] = []
    const e = new Tracehound({ ...base, onEvict: (r) => evicted.push(r.hash) })
    e.intercept(threat(1, 'high'))
    e.intercept(threat(2))
    e.intercept(threat(3))
    e.reconfigure({ ...base, quarantine: { maxCount: 1 } })
    expect(e.quarantine.list().map((h) => h.severity)).toEqual(['high'])
    expect(e.auditChain.length).toBe(2)
    expect(e.auditChain.verify()).toBe(true)
    expect(evicted).toEqual(e.auditChain.export().map((r) => r.hash)) // the chained records, as stored
  })

  it('changes nothing when the new settings are invalid', () => {
    const e = new Tracehound(base)
    e.intercept(threat(1))
    const before = e.settings
    expect(() => e.reconfigure({ ...base, rateLimit: { maxRequests: 0 } })).toThrow(/maxRequests/)
    expect(() => e.reconfigure({ ...base, macKeys: [{ kid: 'k', key: 'ab' }] })).toThrow(/MAC key/)
    expect(() => e.reconfigure({ quarantine: { maxCount: -1 } })).toThrow(/maxCount/)
    expect(e.settings).toBe(before)
    expect(e.quarantine.list()).toHaveLength(1)
  })

  it('keeps rate-limit windows when the limits are unchanged, and resets them when they change', () => {
    const e = new Tracehound({ ...base, rateLimit: { windowMs: 60_000, maxRequests: 1, blockDurationMs: 0 } })
    const hit = () => e.intercept({ id: 'x', payload: 1, source: 'same', timestamp: 1 }).status
    expect(hit()).toBe('clean')
    e.reconfigure({ ...e.settings, maxPayloadSize: 500 })
    expect(hit()).toBe('rate_limited')
    e.reconfigure({ ...e.settings, rateLimit: { windowMs: 60_000, maxRequests: 2, blockDurationMs: 0 } })
    expect(hit()).toBe('clean')
  })

  it('reset starts over: no evidence, an empty chain, zero counters', () => {
    const e = new Tracehound(base)
    e.intercept(threat(1))
    e.reconfigure({ maxPayloadSize: 100 })
    e.reset({ quarantine: { maxCount: 5 } })
    expect(e.quarantine.list()).toEqual([])
    expect(e.auditChain.treeSize).toBe(0)
    expect(e.stats().agent.totalIntercepts).toBe(0)
    expect(e.settings.quarantine.maxCount).toBe(5)
  })
})

/** A storage port that records what the engine reports and counts commits; `fail` makes commit throw. */
function countingStorage(fail = false) {
  const calls = { commits: 0, inserted: 0 }
  const storage: StoragePort = {
    load: () => ({ evidence: [], blocks: [] }),
    evidenceInserted: () => void calls.inserted++,
    evidenceRemoved: () => undefined,
    sourceBlocked: () => undefined,
    commit: () => {
      calls.commits++
      if (fail) throw new Error('disk full')
    },
  }
  return { storage, calls }
}

describe('durability port', () => {
  it('the library default commits once per verdict, before it returns', () => {
    const { storage, calls } = countingStorage()
    const e = new Tracehound({ storage })
    e.intercept(threat(1))
    e.intercept({ id: 'c', payload: 1, source: 's', timestamp: 0 })
    expect(calls).toEqual({ commits: 2, inserted: 1 })
    expect(e.durable()).toBeUndefined() // nothing left to wait for
  })

  it('a failed synchronous commit turns the verdict into an error, never a throw', () => {
    const { storage } = countingStorage(true)
    const e = new Tracehound({ storage })
    const r = e.intercept(threat(1))
    expect(r.status).toBe('error')
    expect(r.status === 'error' && r.error.code).toBe('STORAGE_COMMIT_FAILED')
  })

  it('a grouped policy answers at once and hands the host the commit to await', async () => {
    const { storage, calls } = countingStorage()
    let release!: () => void
    const batch = new Promise<void>((resolve) => (release = resolve))
    const e = new Tracehound({ storage, durability: { commit: () => batch } })
    expect(e.intercept(threat(1)).status).toBe('quarantined')
    expect(calls.commits).toBe(0) // the group commits later, not per verdict
    const pending = e.durable()
    expect(pending).toBe(batch)
    release()
    await expect(pending).resolves.toBeUndefined()
  })
})
