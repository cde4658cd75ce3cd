import { describe, expect, it } from 'vitest'
import { createManualClock } from '../ports/clock.js'
import { SecurityState } from './security-state.js'

const setup = (config = {}) => {
  const clock = createManualClock(10)
  return { clock, state: new SecurityState({ clock: clock.now, ...config }) }
}

describe('SecurityState', () => {
  it('starts healthy and empty', () => {
    const { state } = setup()
    expect(state.snapshot()).toEqual({
      timestamp: 10,
      uptimeMs: 0,
      threats: { total: 0, byCategory: {}, bySeverity: { low: 0, medium: 0, high: 0, critical: 0 } },
      quarantine: { count: 0, bytes: 0, capacityPercent: 0 },
      rateLimits: { activeWindows: 0, blockedSources: 0 },
      license: { tier: 'starter', status: 'none', daysRemaining: undefined },
      health: 'healthy',
    })
    expect(state.stats).toEqual({ historySize: 0, oldestEntry: null, newestEntry: null })
  })

  it('records every kind of event in time order with the injected clock', () => {
    const { clock, state } = setup()
    state.recordThreat('injection', 'critical')
    clock.advance(1)
    state.recordEvidence('injection:ab', 12, 'critical')
    clock.advance(1)
    state.recordEviction('injection:ab', 'capacity')
    state.recordRateLimit('10.0.0.1', true)
    state.recordRateLimit('10.0.0.2', false)
    state.recordPanic('fatal', 'quarantine_capacity')
    expect(state.history.map((h) => [h.timestamp, h.type])).toEqual([
      [10, 'threat'],
      [11, 'evidence'],
      [12, 'eviction'],
      [12, 'rate_limit'],
      [12, 'rate_limit'],
      [12, 'panic'],
    ])
    expect(state.history[1]!.data).toEqual({ signature: 'injection:ab', size: 12, severity: 'critical' })
    expect(state.snapshot().rateLimits.blockedSources).toBe(1)
    expect(state.snapshot().threats.bySeverity.critical).toBe(1)
    expect(state.stats).toEqual({ historySize: 6, oldestEntry: 10, newestEntry: 12 })
  })

  it('keeps only the newest maxHistorySize entries', () => {
    const { clock, state } = setup({ maxHistorySize: 3 })
    for (let i = 0; i < 5; i++) {
      state.recordThreat(`c${i}`, 'low')
      clock.advance(1)
    }
    expect(state.history.map((h) => h.data['category'])).toEqual(['c2', 'c3', 'c4'])
    expect(state.stats).toEqual({ historySize: 3, oldestEntry: 12, newestEntry: 14 })
  })

  it.each([
    [70, 'none', 'healthy'],
    [71, 'none', 'degraded'],
    [90, 'valid', 'degraded'],
    [91, 'valid', 'critical'],
    [0, 'grace', 'degraded'],
    [0, 'expired', 'critical'],
  ] as const)('health at %d%% fill with license %s is %s', (percent, status, health) => {
    const { state } = setup({ quarantineMaxBytes: 100 })
    state.updateQuarantine(1, percent)
    state.updateLicense('pro', status, 3)
    const snap = state.snapshot()
    expect(snap.quarantine.capacityPercent).toBe(percent)
    expect(snap.health).toBe(health)
    expect(snap.license).toEqual({ tier: 'pro', status, daysRemaining: 3 })
  })

  it('takes rate-limit gauges as given', () => {
    const { state } = setup()
    state.updateRateLimits(4, 2)
    expect(state.snapshot().rateLimits).toEqual({ activeWindows: 4, blockedSources: 2 })
  })

  it('hands out copies: mutating a snapshot or the history does not reach the state', () => {
    const { state } = setup()
    state.recordThreat('spam', 'low')
    ;(state.history as unknown[]).length = 0
    expect(state.stats.historySize).toBe(1)
    expect(Object.isFrozen(state.snapshot())).toBe(true)
  })
})
