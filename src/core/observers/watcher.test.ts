import { describe, expect, it } from 'vitest'
import { createManualClock } from '../ports/clock.js'
import { createWatcher, Watcher } from './watcher.js'

const setup = (config = {}) => {
  const clock = createManualClock(1_000)
  return { clock, watcher: new Watcher(config, { clock: clock.now }) }
}

describe('Watcher', () => {
  it('counts threats by category and severity, and reports uptime from the injected clock', () => {
    const { clock, watcher } = setup()
    watcher.recordThreat('injection', 'high')
    watcher.recordThreat('injection', 'low')
    watcher.recordThreat('ddos', 'high')
    clock.advance(250)
    const snap = watcher.snapshot()
    expect(snap.threats).toEqual({
      total: 3,
      byCategory: { injection: 2, ddos: 1 },
      bySeverity: { low: 1, medium: 0, high: 2, critical: 0 },
    })
    expect(snap.uptimeMs).toBe(250)
    expect(snap.snapshotTime).toBe(1_250)
  })

  it('returns frozen snapshots that later records do not change', () => {
    const { watcher } = setup()
    const before = watcher.snapshot()
    watcher.recordThreat('spam', 'medium')
    expect(Object.isFrozen(before)).toBe(true)
    expect(before.threats.total).toBe(0)
  })

  it('raises quarantine_high at the watermark, not below it', () => {
    const { watcher } = setup({ quarantineHighWatermark: 0.5 })
    watcher.updateQuarantine(1, 49, 100)
    expect(watcher.snapshot().lastAlert).toBeNull()
    watcher.updateQuarantine(2, 50, 100)
    const snap = watcher.snapshot()
    expect(snap.quarantine).toEqual({ count: 2, bytes: 50, capacityPercent: 50 })
    expect(snap.lastAlert).toMatchObject({ id: 'alert-1', type: 'quarantine_high', severity: 'warning', timestamp: 1_000 })
    expect(snap.lastAlert!.message).toBe('Quarantine at 50.0% capacity')
  })

  it('treats maxBytes 0 as 0% rather than dividing by zero', () => {
    const { watcher } = setup()
    watcher.updateQuarantine(3, 10, 0)
    expect(watcher.snapshot().quarantine.capacityPercent).toBe(0)
  })

  it('rate-limits alerts per window and opens a new window after alertWindowMs', () => {
    const { clock, watcher } = setup({ maxAlertsPerWindow: 2, alertWindowMs: 100 })
    const alert = { type: 'hound_timeout' as const, severity: 'info' as const, message: 'x' }
    expect(watcher.alert(alert)).toBe(true)
    expect(watcher.alert(alert)).toBe(true)
    expect(watcher.alert(alert)).toBe(false)
    clock.advance(99)
    expect(watcher.alert(alert)).toBe(false)
    clock.advance(1)
    expect(watcher.alert(alert)).toBe(true)
    const snap = watcher.snapshot()
    expect(snap.totalAlerts).toBe(3)
    expect(snap.alertsInWindow).toBe(1)
    expect(snap.lastAlert!.id).toBe('alert-3')
  })

  it('alerts once on the transition to overloaded', () => {
    const { watcher } = setup()
    watcher.setOverloaded(true)
    watcher.setOverloaded(true)
    expect(watcher.snapshot()).toMatchObject({ overloaded: true, totalAlerts: 1, lastAlert: { type: 'system_overload' } })
    watcher.setOverloaded(false)
    expect(watcher.snapshot().overloaded).toBe(false)
  })

  it('createWatcher fills missing config from the v1 defaults', () => {
    const watcher = createWatcher({ maxAlertsPerWindow: 1 })
    expect(watcher.alert({ type: 'threat_detected', severity: 'info', message: 'a' })).toBe(true)
    expect(watcher.alert({ type: 'threat_detected', severity: 'info', message: 'b' })).toBe(false)
  })
})
