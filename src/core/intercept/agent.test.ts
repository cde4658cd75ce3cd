import { describe, expect, it, vi } from 'vitest'
import { AuditChain } from '../audit/audit-chain.js'
import { hashBuffer } from '../encoding/hash.js'
import type { Scent } from '../types.js'
import { Agent } from './agent.js'
import { EvidenceFactory, type IEvidenceFactory } from './evidence-factory.js'
import { Quarantine } from './quarantine.js'
import { RateLimiter } from './rate-limiter.js'

const threat = (id: string, payload: Scent['payload']): Scent => ({
  id,
  source: 'src',
  timestamp: 1_700_000_000_000,
  payload,
  threat: { category: 'injection', severity: 'high' },
})

function agentWith(factory: IEvidenceFactory) {
  const quarantine = new Quarantine({ maxCount: 100, maxBytes: 1e9 }, new AuditChain())
  const limiter = new RateLimiter({ windowMs: 60_000, maxRequests: 1_000, blockDurationMs: 0 }, () => 0)
  return { agent: new Agent({ maxPayloadSize: 1_000_000 }, quarantine, limiter, factory), quarantine }
}

describe('Agent', () => {
  it('answers a duplicate from its signature alone: no evidence is built for it', () => {
    const factory = new EvidenceFactory()
    const build = vi.spyOn(factory, 'build')
    const { agent } = agentWith(factory)
    const first = agent.intercept(threat('a', { q: "' OR 1=1" }))
    expect(first.status).toBe('quarantined')
    expect(build).toHaveBeenCalledTimes(1)
    const again = agent.intercept(threat('b', { q: "' OR 1=1" }))
    expect(again).toEqual({ status: 'ignored', signature: first.status === 'quarantined' ? first.handle.signature : '' })
    expect(build).toHaveBeenCalledTimes(1)
  })

  it.each([
    ['no codec', new EvidenceFactory()],
    ['a codec that passes bytes through', new EvidenceFactory({ codec: { encode: (b) => b } })],
  ])('keeps evidence bytes of their own with %s: later encodings of the shared buffer do not reach them', (_, factory) => {
    const { agent, quarantine } = agentWith(factory)
    // Exactly the encoder's 16 KiB buffer (numbers never grow it ahead): bytes that fill it must still be copied.
    const filling = [10, ...new Array<number>(8190).fill(1)]
    expect(JSON.stringify(filling).length).toBe(16 * 1024)
    expect(agent.intercept(threat('a', filling)).status).toBe('quarantined')
    expect(agent.intercept(threat('b', [2, 3])).status).toBe('quarantined')
    const [first, second] = quarantine.list()
    expect(new TextDecoder().decode(first!.bytes)).toBe(JSON.stringify(filling))
    expect(hashBuffer(first!.bytes)).toBe(first!.hash)
    expect(new TextDecoder().decode(second!.bytes)).toBe('[2,3]')
  })

  it('still drives a v1 evidence factory that only has create', () => {
    const inner = new EvidenceFactory()
    const create = vi.fn<IEvidenceFactory['create']>((...args) => inner.create(...args))
    const { agent, quarantine } = agentWith({ create })
    expect(agent.intercept(threat('a', { n: 1 })).status).toBe('quarantined')
    expect(agent.intercept(threat('b', { n: 1 })).status).toBe('ignored')
    expect(agent.intercept(threat('c', { n: 2 })).status).toBe('quarantined')
    expect(agent.intercept(threat('d', { big: 'x'.repeat(2_000_000) })).status).toBe('payload_too_large')
    expect(create).toHaveBeenCalledTimes(4)
    expect(quarantine.count).toBe(2)
  })
})
