import { describe, expect, it, vi } from 'vitest'
import { createManualClock } from '../ports/clock.js'
import { createFailSafe, DEFAULT_FAIL_SAFE_CONFIG, type PanicEvent } from './fail-safe.js'

describe('FailSafe', () => {
  it.each([
    [0.69, null],
    [0.7, 'warning'],
    [0.85, 'critical'],
    [0.95, 'emergency'],
    [1.5, 'emergency'],
  ] as const)('quarantine ratio %d reaches %s', (ratio, level) => {
    const fs = createFailSafe()
    const seen: PanicEvent[] = []
    fs.onAny((e) => {
      seen.push(e)
    })
    fs.checkQuarantine(ratio * 100, 100)
    expect(fs.quarantineLevel(ratio * 100, 100)).toBe(level)
    expect(seen.map((e) => e.level)).toEqual(level ? [level] : [])
  })

  it('fires only the callbacks of the level reached', () => {
    const fs = createFailSafe()
    const warning = vi.fn()
    const emergency = vi.fn()
    fs.on('warning', warning)
    fs.on('emergency', emergency)
    fs.checkMemory(96, 100)
    expect(emergency).toHaveBeenCalledOnce()
    expect(warning).not.toHaveBeenCalled()
  })

  it('describes the trigger with the injected clock', () => {
    const clock = createManualClock(42)
    const fs = createFailSafe({}, { clock: clock.now })
    fs.checkErrorRate(60)
    expect(fs.lastPanic).toEqual({
      level: 'critical',
      reason: 'error_rate',
      timestamp: 42,
      context: { current: 60, threshold: 50, details: 'Error rate: 60/min' },
    })
    fs.checkMemory(72, 100)
    expect(fs.lastPanic!.context.details).toBe('Memory usage: 72.0%')
  })

  it('merges partial thresholds over the defaults without touching them', () => {
    const fs = createFailSafe({ quarantine: { warning: 0.5 } })
    expect(fs.quarantineLevel(5, 10)).toBe('warning')
    expect(fs.quarantineLevel(85, 100)).toBe('critical')
    expect(DEFAULT_FAIL_SAFE_CONFIG.quarantine.warning).toBe(0.7)
  })

  it('contains callbacks that throw or reject', async () => {
    const fs = createFailSafe()
    const last = vi.fn()
    fs.on('critical', () => {
      throw new Error('sync')
    })
    fs.on('critical', () => Promise.reject(new Error('async')))
    fs.on('critical', last)
    expect(() => fs.panic('critical', 'drill')).not.toThrow()
    await Promise.resolve()
    expect(last).toHaveBeenCalledWith(expect.objectContaining({ reason: 'manual', context: { details: 'drill' } }))
  })

  it('keeps the last 100 panics, oldest first', () => {
    const fs = createFailSafe()
    for (let i = 0; i < 105; i++) fs.panic('warning', String(i))
    expect(fs.history).toHaveLength(100)
    expect(fs.history[0]!.context.details).toBe('5')
    expect(fs.lastPanic!.context.details).toBe('104')
  })

  it('ignores NaN (0/0) rather than panicking', () => {
    const fs = createFailSafe()
    fs.checkQuarantine(0, 0)
    expect(fs.history).toHaveLength(0)
  })
})
