import { describe, expect, it } from 'vitest'
import { AuditChain } from '../audit/audit-chain.js'
import { createManualClock } from '../ports/clock.js'
import { Evidence } from './evidence.js'
import { hashBuffer } from '../encoding/hash.js'
import { Quarantine } from './quarantine.js'
import { createSeededRandom } from '../ports/random.js'
import { createIdSource } from './secure-id.js'
import type { EvidenceHandle, Severity } from '../types.js'

const clock = createManualClock(1_000)
const context = { clock: clock.now, newId: createIdSource(clock.now, createSeededRandom('q')) }

function evidence(tag: string, severity: Severity, captured = 0, size = 4): Evidence {
  const bytes = new TextEncoder().encode(tag.padEnd(size, '.')).buffer as ArrayBuffer
  const hash = hashBuffer(bytes)
  return new Evidence({ bytes, signature: `spam:${hash}`, hash, severity, captured, context })
}

function setup(maxCount: number, maxBytes = 1e9) {
  const chain = new AuditChain()
  const evicted: EvidenceHandle[] = []
  const q = new Quarantine({ maxCount, maxBytes }, chain, {
    context,
    onEvict: (e) => evicted.push(e),
  })
  return { q, chain, evicted }
}

describe('Quarantine', () => {
  it('evicts the lowest severity: high, low, medium → low goes, neutralized and audited', () => {
    const { q, chain, evicted } = setup(2)
    const high = evidence('h', 'high')
    const low = evidence('l', 'low')
    const medium = evidence('m', 'medium')
    q.insert(high)
    q.insert(low)
    expect(q.insert(medium)).toEqual({ status: 'inserted' })
    expect(evicted).toEqual([low])
    expect(low.disposed).toBe(true)
    expect(q.has(low.signature)).toBe(false)
    expect(q.stats).toMatchObject({ count: 2, bySeverity: { low: 0, medium: 1, high: 1, critical: 0 } })
    expect(chain.length).toBe(1)
    expect(chain.export()[0]).toMatchObject({ type: 'neutralization', signature: low.signature })
    expect(chain.verify()).toBe(true)
  })

  it('breaks severity ties by oldest captured, then insertion order', () => {
    const { q, evicted } = setup(2)
    const a = evidence('a', 'low', 50)
    const b = evidence('b', 'low', 10)
    const c = evidence('c', 'low', 10)
    q.insert(a)
    q.insert(b)
    q.insert(c)
    expect(evicted).toEqual([b])
    q.insert(evidence('d', 'critical', 0))
    expect(evicted).toEqual([b, c])
  })

  it('reports an item that evicts itself as inserted, disposed', () => {
    const { q, evicted } = setup(1)
    q.insert(evidence('x', 'critical'))
    const weak = evidence('y', 'low')
    expect(q.insert(weak).status).toBe('inserted')
    expect(weak.disposed).toBe(true)
    expect(evicted).toEqual([weak])
  })

  it('evicts by bytes as well as by count', () => {
    const { q } = setup(100, 10)
    q.insert(evidence('a', 'medium', 0, 6))
    q.insert(evidence('b', 'high', 0, 6))
    expect(q.stats).toMatchObject({ count: 1, bytes: 6 })
  })

  it('detects duplicates and keeps the first capture', () => {
    const { q } = setup(10)
    const first = evidence('same', 'low')
    q.insert(first)
    const again = evidence('same', 'critical')
    expect(q.insert(again)).toEqual({ status: 'duplicate', existing: first })
    expect(q.get(first.signature)?.severity).toBe('low')
  })

  it('neutralizes on demand and skips the removed entry when evicting later', () => {
    const { q, chain, evicted } = setup(2)
    const low = evidence('l', 'low')
    q.insert(low)
    expect(q.neutralize(low.signature)).toMatchObject({ status: 'neutralized', signature: low.signature })
    expect(q.neutralize(low.signature)).toBeNull()
    q.insert(evidence('a', 'high'))
    q.insert(evidence('b', 'high'))
    q.insert(evidence('c', 'medium'))
    expect(evicted.map((e) => e.severity)).toEqual(['medium'])
    expect(chain.length).toBe(2)
  })

  it('still audits evidence whose bytes the host already transferred', () => {
    const { q, chain } = setup(1)
    const taken = evidence('t', 'low')
    q.insert(taken)
    taken.transfer()
    q.insert(evidence('n', 'high'))
    expect(chain.export().map((r) => r.signature)).toEqual([taken.signature])
    expect(q.stats).toMatchObject({ count: 1, bytes: 4 })
  })

  it('flushes everything into the chain and purges without a record', () => {
    const { q, chain } = setup(10)
    const a = evidence('a', 'low')
    q.insert(a)
    q.insert(evidence('b', 'low'))
    const purged = q.purge(a.signature, 'panic')
    expect(purged).toMatchObject({ reason: 'panic', scent: { payloadHash: a.hash, payloadSize: 4 } })
    expect(a.disposed).toBe(true)
    expect(q.flush()).toHaveLength(1)
    expect(chain.length).toBe(1)
    expect(q.stats).toMatchObject({ count: 0, bytes: 0 })
  })
})
