import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createManualClock } from './ports/clock.js'
import { leafHash, verifyConsistency, verifyInclusion, verifyRecordMac } from './kernel/index.js'
import { createSeededRandom } from './ports/random.js'
import { Tracehound, type TracehoundOptions } from './tracehound.js'
import type { JsonSerializable, Scent, Severity, ThreatCategory } from './types.js'

let n = 0
const scent = (payload: unknown, threat?: [ThreatCategory, Severity], source = 'src', timestamp = 0): Scent => ({
  id: `s${n++}`,
  payload: payload as JsonSerializable,
  source,
  timestamp,
  ...(threat && { threat: { category: threat[0], severity: threat[1] } }),
})

function engine(options: TracehoundOptions = {}) {
  const clock = createManualClock(1_700_000_000_000)
  const th = new Tracehound({ clock: clock.now, random: createSeededRandom('seed'), ...options })
  return { th, clock }
}

describe('intercept', () => {
  it('answers clean without inspecting the payload', () => {
    const { th } = engine()
    expect(th.intercept(scent({ x: NaN }))).toEqual({ status: 'clean' })
    expect(th.agent.intercept(scent('hi'))).toEqual({ status: 'clean' })
  })

  it('allows a payload exactly at maxPayloadSize and refuses one byte more', () => {
    const { th } = engine({ maxPayloadSize: 10 })
    expect(th.intercept(scent('abcdefgh', ['spam', 'low'])).status).toBe('quarantined')
    expect(th.intercept(scent('abcdefghi', ['spam', 'low']))).toEqual({ status: 'payload_too_large', limit: 10 })
  })

  it('answers error AGENT_SERIALIZATION_FAILED for NaN with a threat', () => {
    const { th } = engine()
    const r = th.intercept(scent({ v: NaN }, ['injection', 'high']))
    expect(r).toMatchObject({ status: 'error', error: { code: 'AGENT_SERIALIZATION_FAILED', state: 'agent' } })
  })

  it('quarantines with a handle, then ignores the duplicate without upgrading severity', () => {
    const { th } = engine()
    const r = th.intercept(scent({ b: 2, a: 1 }, ['injection', 'low']))
    expect(r.status).toBe('quarantined')
    const sig = 'injection:43258cff783fe7036d8a43033f830adfc60ec037382473548ac742b888292777'
    if (r.status === 'quarantined') expect(r.handle).toMatchObject({ signature: sig, severity: 'low', size: 13 })
    expect(th.intercept(scent({ a: 1, b: 2 }, ['injection', 'critical']))).toEqual({ status: 'ignored', signature: sig })
    expect(th.quarantine.get(sig)?.severity).toBe('low')
    expect(th.intercept(scent({ a: 1, b: 2 }, ['spam', 'critical'])).status).toBe('quarantined')
  })

  it('rate-limits every scent by source before anything else', () => {
    const { th, clock } = engine({ rateLimit: { windowMs: 1000, maxRequests: 2, blockDurationMs: 0 } })
    th.intercept(scent(1, undefined, 'a'))
    th.intercept(scent(NaN, ['spam', 'low'], 'a'))
    clock.advance(300)
    expect(th.intercept(scent(2, ['spam', 'low'], 'a'))).toEqual({ status: 'rate_limited', retryAfter: 700 })
    expect(th.intercept(scent(2, undefined, 'b'))).toEqual({ status: 'clean' })
    clock.advance(700)
    expect(th.intercept(scent(3, undefined, 'a'))).toEqual({ status: 'clean' })
  })

  it('evicts low when high, low, medium meet maxCount 2, and records it in the audit chain', () => {
    const { th } = engine({ quarantine: { maxCount: 2 } })
    th.intercept(scent('h', ['ddos', 'high']))
    const low = th.intercept(scent('l', ['ddos', 'low']))
    th.intercept(scent('m', ['ddos', 'medium']))
    expect(low.status === 'quarantined' && low.handle.disposed).toBe(true)
    const [record] = th.auditChain.export()
    expect(record).toMatchObject({ type: 'neutralization', signature: low.status === 'quarantined' ? low.handle.signature : '' })
    expect(th.auditChain.verify()).toBe(true)
  })

  it('never throws, whatever it is given', () => {
    const { th } = engine()
    const cyclic: Record<string, unknown> = {}
    cyclic.me = cyclic
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('boom')
        },
      },
    )
    const inputs: unknown[] = [null, undefined, 42, 'x', {}, hostile, scent(cyclic, ['spam', 'low']), scent(10n, ['spam', 'low'])]
    for (const input of inputs) {
      const r = th.intercept(input as Scent)
      expect(['error', 'clean']).toContain(r.status)
    }
    expect(th.intercept(scent(cyclic, ['spam', 'low']))).toMatchObject({
      status: 'error',
      error: { code: 'AGENT_SERIALIZATION_FAILED' },
    })
    expect(th.intercept(null as unknown as Scent)).toMatchObject({ status: 'error', error: { code: 'INTERCEPT_FAILED' } })
  })

  it('counts every outcome', () => {
    const { th } = engine({ maxPayloadSize: 5, rateLimit: { maxRequests: 5, blockDurationMs: 0 } })
    th.intercept(scent(1))
    th.intercept(scent(1, ['spam', 'low']))
    th.intercept(scent(1, ['spam', 'low']))
    th.intercept(scent('toolong', ['spam', 'low']))
    th.intercept(scent(NaN, ['spam', 'low']))
    th.intercept(scent(1))
    expect(th.stats()).toMatchObject({
      agent: {
        totalIntercepts: 6,
        cleanCount: 1,
        quarantinedCount: 1,
        ignoredCount: 1,
        validationFailures: 1,
        errorCount: 1,
        rateLimitedCount: 1,
      },
      quarantine: { count: 1 },
      rateLimiter: { totalRejections: 1 },
      audit: { records: 0, treeSize: 1 }, // one capture entry, no v1 record
      mac: { enabled: false },
    })
  })

  it('rejects invalid configuration at construction with a clear message', () => {
    expect(() => new Tracehound({ maxPayloadSize: 0 })).toThrow('maxPayloadSize must be positive')
    expect(() => new Tracehound({ quarantine: { maxCount: 0 } })).toThrow('quarantine.maxCount must be positive')
    expect(() => new Tracehound({ rateLimit: { windowMs: -1 } })).toThrow('windowMs must be positive')
    expect(() => new Tracehound({ macKeys: [{ kid: 'k', key: 'abcd' }] })).toThrow('at least 16')
  })
})

describe('verifiable audit', () => {
  const key = '00112233445566778899aabbccddeeff'

  function filled(count: number) {
    const e = engine({ quarantine: { maxCount: 1 }, macKeys: [{ kid: 'k1', key }] })
    for (let i = 0; i < count + 1; i++) e.th.intercept(scent(`p${i}`, ['malware', 'medium']))
    return e
  }

  it('keeps v1 record hashes bit-exact', () => {
    const { th } = filled(3)
    for (const r of th.auditChain.export()) {
      const input = JSON.stringify({ id: r.id, signature: r.signature, timestamp: r.timestamp, previousHash: r.previousHash })
      expect(r.hash).toBe(createHash('sha256').update(input).digest('hex'))
    }
    expect(th.auditChain.export()[0]!.previousHash).toBe('0'.repeat(64))
  })

  it('serves tree heads with MACs and proofs the kernel verifies', () => {
    const { th } = filled(9)
    const head = th.treeHead()
    // Ten captures and nine evictions: every entry is a leaf, the v1 records are nine of them.
    expect(head).toMatchObject({ treeSize: 19, kid: 'k1' })
    expect(th.auditChain.length).toBe(9)
    expect(verifyRecordMac(key, head)).toBe(true)
    expect(verifyRecordMac(key, { ...head, treeSize: 8 })).toBe(false)
    expect(verifyRecordMac('ff' + key.slice(2), head)).toBe(false)
    for (let i = 0; i < 19; i++) {
      const p = th.inclusionProof(i)
      expect(verifyInclusion({ ...p, rootHash: head.rootHash })).toBe(true)
      const record = th.auditChain.recordAtLeaf(i)
      if (record) expect(leafHash(record)).toBe(p.leafHash)
    }
    const old = th.auditChain.rootHash(4)
    const c = th.consistencyProof(4)
    expect(verifyConsistency({ ...c, firstRoot: old, secondRoot: head.rootHash })).toBe(true)
  })

  it('MACs evidence records and reports when no key is configured', () => {
    const { th } = filled(0)
    const [handle] = th.quarantine.list()
    const rec = th.evidenceRecord(handle!.signature)!
    expect(verifyRecordMac(key, rec)).toBe(true)
    expect(verifyRecordMac(key, { ...rec, severity: 'critical' })).toBe(false)
    const unkeyed = engine().th
    expect(unkeyed.treeHead()).not.toHaveProperty('mac')
    expect(unkeyed.stats().mac).toEqual({ enabled: false })
  })

  it('verifies MACs of rotated-out keys but signs with the active one', () => {
    const old = { kid: 'old', key }
    const fresh = { kid: 'new', key: 'ff'.repeat(16) }
    const { th } = engine({ macKeys: [old, fresh], activeKid: 'new' })
    const head = th.treeHead()
    expect(head.kid).toBe('new')
    const { kid: _k, mac, ...body } = engine({ macKeys: [old] }).th.treeHead()
    expect(th.verifyMac(body, { kid: 'old', mac: mac! })).toBe(true)
  })

  it('detects tampering with a record', () => {
    const { th } = filled(3)
    th.auditChain.export()[1]!.signature = 'spam:forged'
    expect(th.auditChain.verify()).toBe(false)
  })
})

describe('determinism', () => {
  function run() {
    const { th, clock } = engine({ quarantine: { maxCount: 2 } })
    const out: unknown[] = []
    for (let i = 0; i < 20; i++) {
      clock.advance(7)
      const r = th.intercept(scent({ i }, ['flood', (['low', 'medium', 'high'] as const)[i % 3]!], 'x', i))
      out.push(r.status)
    }
    return { out, records: th.auditChain.export(), head: th.treeHead() }
  }

  it('same clock and seed give the same ids, hashes and tree head', () => {
    const a = run()
    const b = run()
    expect(a.records.length).toBeGreaterThan(10)
    expect(a).toEqual(b)
    expect(a.records[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}-[0-9a-f]{8}$/)
  })
})
