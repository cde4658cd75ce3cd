import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { RefusalReason } from './metrics.js'
import { RefusalLog } from './refusal-log.js'
import { deadlineExpired, EnvelopeTracker, headerListSize } from './request-gate.js'

const envelope = (n: number) => {
  const b = Buffer.alloc(5 + n)
  b.writeUInt32BE(n, 1)
  return b
}

describe('EnvelopeTracker', () => {
  it('reports the bytes of each completed envelope, however the stream is cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1 }),
        (sizes, cuts) => {
          const bytes = Buffer.concat(sizes.map(envelope))
          const t = new EnvelopeTracker()
          let completed = 0
          for (let i = 0, c = 0; i < bytes.length; c++) {
            const n = cuts[c % cuts.length]!
            completed += t.push(bytes.subarray(i, i + n))
            i += n
          }
          expect(completed).toBe(bytes.length)
        },
      ),
      { seed: 14 },
    )
  })

  it('holds a partial envelope back', () => {
    const t = new EnvelopeTracker()
    expect(t.push(envelope(100).subarray(0, 50))).toBe(0)
    expect(t.push(Buffer.alloc(55))).toBe(105)
  })
})

describe('deadlineExpired', () => {
  it.each([
    [{ 'grpc-timeout': '0n' }, true],
    [{ 'grpc-timeout': '00000000S' }, true],
    [{ 'grpc-timeout': '-1m' }, true],
    [{ 'grpc-timeout': '1n' }, false],
    [{ 'grpc-timeout': 'soon' }, false], // malformed: connect's to answer
    [{ 'connect-timeout-ms': '0' }, true],
    [{ 'connect-timeout-ms': '-5' }, true],
    [{ 'connect-timeout-ms': '1' }, false],
    [{}, false],
  ])('%o → %s', (headers, expired) => {
    expect(deadlineExpired(headers)).toBe(expired)
  })
})

describe('headerListSize', () => {
  it('counts name, value and 32 per field (RFC 7541), repeated values each', () => {
    expect(headerListSize({ a: 'bc', 'set-cookie': ['x', 'yz'] })).toBe(1 + 2 + 32 + (10 + 1 + 32) + (10 + 2 + 32))
  })
})

describe('RefusalLog', () => {
  it('counts every refusal and logs each reason once per interval, with how many it folded', () => {
    let now = 0
    const counted: RefusalReason[] = []
    const logged: Record<string, unknown>[] = []
    const r = new RefusalLog(
      { countRefused: (reason) => counted.push(reason) },
      { warn: ((o: Record<string, unknown>) => logged.push(o)) as never },
      1000,
      () => now,
    )
    for (let i = 0; i < 5; i++) r.refused('unauthenticated')
    r.refused('server_streams')
    now = 999
    r.refused('unauthenticated')
    now = 1000
    r.refused('unauthenticated')
    expect(counted).toHaveLength(8)
    expect(logged).toEqual([{ reason: 'unauthenticated' }, { reason: 'server_streams' }, { reason: 'unauthenticated', sinceLastLog: 5 }])
  })

  it('counts refusals found several at once (streams refused at the HTTP/2 cap) by their number', () => {
    let now = 0
    const counted = new Map<RefusalReason, number>()
    const logged: Record<string, unknown>[] = []
    const r = new RefusalLog(
      { countRefused: (reason, n = 1) => counted.set(reason, (counted.get(reason) ?? 0) + n) },
      { warn: ((o: Record<string, unknown>) => logged.push(o)) as never },
      1000,
      () => now,
    )
    r.refused('concurrent_streams', undefined, 5)
    r.refused('concurrent_streams', undefined, 3)
    now = 1000
    r.refused('concurrent_streams')
    expect(counted.get('concurrent_streams')).toBe(9)
    expect(logged).toEqual([
      { reason: 'concurrent_streams', count: 5 },
      { reason: 'concurrent_streams', sinceLastLog: 3 },
    ])
  })
})
