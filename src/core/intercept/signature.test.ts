import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { thrown } from '../../../test/thrown.js'
import { signature as kernelSignature } from '../kernel/index.js'
import { compareSignatures, generateSignature, validateSignature } from './signature.js'
import type { JsonSerializable, Scent, ThreatCategory } from '../types.js'

const threat = (category: ThreatCategory, payload: JsonSerializable) => ({
  category,
  severity: 'high' as const,
  scent: { id: 's', payload, source: 'src', timestamp: 0 } satisfies Scent,
})

describe('signature', () => {
  it.each([
    ['injection', { b: 2, a: 1 }, 'injection:43258cff783fe7036d8a43033f830adfc60ec037382473548ac742b888292777'],
    ['ddos', 'hello', 'ddos:5aa762ae383fbb727af3c7a36d4940a5b8c40a989452d2304fc958ff3f354e7a'],
    ['spam', null, 'spam:74234e98afe7498fb5daf1f36ac2d78acc339464f950703b8c019892f982b90b'],
  ] as const)('%s of %j is pinned', (category, payload, expected) => {
    expect(generateSignature(threat(category, payload as JsonSerializable))).toBe(expected)
    expect(kernelSignature(category, payload)).toBe(expected)
  })

  it('kernel (pure JS) and engine (node:crypto) agree on every JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (payload) => {
        expect(kernelSignature('malware', payload)).toBe(generateSignature(threat('malware', payload as JsonSerializable)))
      }),
      { numRuns: 500 },
    )
  })

  it('does not depend on key order', () => {
    expect(generateSignature(threat('spam', { a: 1, b: [1, { d: 1, c: 2 }] }))).toBe(
      generateSignature(threat('spam', { b: [1, { c: 2, d: 1 }], a: 1 })),
    )
  })

  it('refuses payloads over the limit with v1 error objects', () => {
    expect(thrown(() => generateSignature(threat('spam', 'x'.repeat(20)), { maxPayloadSize: 10 }))).toMatchObject({
      code: 'AGENT_PAYLOAD_TOO_LARGE',
      state: 'agent',
    })
  })

  it('validates and compares signatures', () => {
    const sig = generateSignature(threat('ddos', 1))
    expect(validateSignature(sig)).toBe(true)
    expect(validateSignature('ddos:' + 'A'.repeat(64))).toBe(false)
    expect(validateSignature(':' + 'a'.repeat(64))).toBe(false)
    expect(validateSignature('ddos:' + 'a'.repeat(63))).toBe(false)
    expect(compareSignatures(sig, sig)).toBe(true)
    expect(compareSignatures(sig, sig.replace('ddos', 'spam'))).toBe(false)
  })
})
