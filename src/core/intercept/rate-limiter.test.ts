import { describe, expect, it } from 'vitest'
import { createManualClock } from '../ports/clock.js'
import { MAX_SOURCE_KEY, RateLimiter, rateLimitKey } from './rate-limiter.js'

describe('RateLimiter', () => {
  it('sliding log without block: retryAfter from the oldest hit, free exactly windowMs later', () => {
    const clock = createManualClock(10_000)
    const rl = new RateLimiter({ windowMs: 1000, maxRequests: 2, blockDurationMs: 0 }, clock.now)
    expect(rl.check('a')).toEqual({ allowed: true })
    expect(rl.check('a')).toEqual({ allowed: true })
    clock.advance(300)
    expect(rl.check('a')).toMatchObject({ allowed: false, blocked: false, retryAfter: 700 })
    clock.advance(699)
    expect(rl.check('a')).toMatchObject({ allowed: false, retryAfter: 1 })
    clock.advance(1)
    expect(rl.check('a')).toEqual({ allowed: true })
  })

  it('does not record rejected hits', () => {
    const clock = createManualClock(0)
    const rl = new RateLimiter({ windowMs: 1000, maxRequests: 1, blockDurationMs: 0 }, clock.now)
    rl.check('a')
    clock.advance(500)
    rl.check('a')
    clock.advance(500)
    expect(rl.check('a')).toEqual({ allowed: true })
  })

  it('blocks for blockDurationMs, then counts down', () => {
    const clock = createManualClock(0)
    const rl = new RateLimiter({ windowMs: 1000, maxRequests: 1, blockDurationMs: 5000 }, clock.now)
    rl.check('a')
    expect(rl.check('a')).toMatchObject({ allowed: false, blocked: true, retryAfter: 5000 })
    clock.advance(2000)
    expect(rl.check('a')).toMatchObject({ allowed: false, blocked: true, retryAfter: 3000 })
    expect(rl.stats.blocked).toBe(1)
    clock.advance(3000)
    expect(rl.check('a')).toEqual({ allowed: true })
  })

  it('keeps sources independent and counts checks and rejections', () => {
    const rl = new RateLimiter({ windowMs: 1000, maxRequests: 1, blockDurationMs: 0 }, () => 0)
    rl.check('a')
    rl.check('a')
    expect(rl.check('b')).toEqual({ allowed: true })
    expect(rl.stats).toEqual({ sources: 2, blocked: 0, totalChecks: 3, totalRejections: 1 })
    rl.reset('a')
    expect(rl.check('a')).toEqual({ allowed: true })
  })

  it('sweeps idle sources without changing verdicts', () => {
    const clock = createManualClock(0)
    const rl = new RateLimiter({ windowMs: 100, maxRequests: 1, blockDurationMs: 0 }, clock.now)
    for (let i = 0; i < 50; i++) rl.check(`s${i}`)
    clock.advance(101)
    rl.check('fresh')
    expect(rl.stats.sources).toBe(1)
  })

  it('rejects invalid configuration with a clear error', () => {
    expect(() => new RateLimiter({ windowMs: 0, maxRequests: 1, blockDurationMs: 0 })).toThrow('windowMs must be positive')
    expect(() => new RateLimiter({ windowMs: 1, maxRequests: 0, blockDurationMs: 0 })).toThrow('maxRequests must be positive')
    expect(() => new RateLimiter({ windowMs: 1, maxRequests: 1, blockDurationMs: -1 })).toThrow('cannot be negative')
  })
})

describe('long sources', () => {
  it('keys a source longer than 256 units by its hash: still counted, memory bounded, distinct from others', () => {
    const clock = () => 1000
    const blocked: string[] = []
    const limiter = new RateLimiter({ windowMs: 60_000, maxRequests: 2, blockDurationMs: 5000 }, clock, (s) => blocked.push(s))
    const long = '203.0.113.7, '.repeat(10_000)
    const longer = `${long}x`
    expect(limiter.check(long).allowed).toBe(true)
    expect(limiter.check(long).allowed).toBe(true)
    expect(limiter.check(long)).toMatchObject({ allowed: false, blocked: true })
    expect(limiter.check(longer).allowed).toBe(true) // another long source, another bucket
    expect(blocked).toEqual([rateLimitKey(long)])
    expect(rateLimitKey(long)).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(rateLimitKey('x'.repeat(MAX_SOURCE_KEY))).toBe('x'.repeat(MAX_SOURCE_KEY))
    limiter.reset(long)
    expect(limiter.check(long).allowed).toBe(true)
  })
})
