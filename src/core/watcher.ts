/**
 * Watcher: pull-based observability. Producers record into it; consumers poll
 * snapshot(). Alerts are rate-limited per fixed window so a flood of threats
 * cannot become a flood of alerts.
 */

import { type Clock, systemClock } from './clock.js'
import { type ThreatStats, ThreatTally } from './threat-tally.js'
import type { Severity } from './types.js'

export type { ThreatStats }

export type AlertSeverity = 'info' | 'warning' | 'critical'

export type AlertType =
  | 'threat_detected'
  | 'evidence_neutralized'
  | 'quarantine_full'
  | 'quarantine_high'
  | 'rate_limit_exceeded'
  | 'hound_timeout'
  | 'system_overload'

export interface Alert {
  /** `alert-<n>`, n counting accepted alerts from 1 */
  id: string
  type: AlertType
  severity: AlertSeverity
  message: string
  timestamp: number
  context?: Record<string, unknown>
}

export interface WatcherQuarantineStats {
  count: number
  bytes: number
  /** 0..100 (bytes over maxBytes) */
  capacityPercent: number
}

export interface WatcherSnapshot {
  uptimeMs: number
  threats: ThreatStats
  quarantine: WatcherQuarantineStats
  totalAlerts: number
  alertsInWindow: number
  lastAlert: Alert | null
  overloaded: boolean
  snapshotTime: number
}

export interface WatcherConfig {
  maxAlertsPerWindow: number
  alertWindowMs: number
  /** 0..1: a quarantine update at or above this fill raises `quarantine_high` */
  quarantineHighWatermark: number
}

export interface IWatcher {
  snapshot(): Readonly<WatcherSnapshot>
  recordThreat(category: string, severity: Severity): void
  updateQuarantine(count: number, bytes: number, maxBytes: number): void
  /** false when the alert window is full and the alert was dropped */
  alert(alert: Omit<Alert, 'id' | 'timestamp'>): boolean
  setOverloaded(overloaded: boolean): void
}

export const DEFAULT_WATCHER_CONFIG: Readonly<WatcherConfig> = Object.freeze({
  maxAlertsPerWindow: 10,
  alertWindowMs: 60_000,
  quarantineHighWatermark: 0.8,
})

export class Watcher implements IWatcher {
  private readonly config: WatcherConfig
  private readonly clock: Clock
  private readonly startTime: number
  private readonly threats = new ThreatTally()
  private windowStart: number
  private alertsInWindow = 0
  private totalAlerts = 0
  private lastAlert: Alert | null = null
  private quarantine: WatcherQuarantineStats = { count: 0, bytes: 0, capacityPercent: 0 }
  private overloaded = false

  constructor(config: Partial<WatcherConfig> = {}, options: { clock?: Clock } = {}) {
    this.config = { ...DEFAULT_WATCHER_CONFIG, ...config }
    this.clock = options.clock ?? systemClock
    this.startTime = this.clock()
    this.windowStart = this.startTime
  }

  snapshot(): Readonly<WatcherSnapshot> {
    const now = this.clock()
    return Object.freeze({
      uptimeMs: now - this.startTime,
      threats: this.threats.toStats(),
      quarantine: { ...this.quarantine },
      totalAlerts: this.totalAlerts,
      alertsInWindow: this.alertsInWindow,
      lastAlert: this.lastAlert,
      overloaded: this.overloaded,
      snapshotTime: now,
    })
  }

  recordThreat(category: string, severity: Severity): void {
    this.threats.add(category, severity)
  }

  updateQuarantine(count: number, bytes: number, maxBytes: number): void {
    const capacityPercent = maxBytes > 0 ? (bytes / maxBytes) * 100 : 0
    this.quarantine = { count, bytes, capacityPercent }
    if (capacityPercent >= this.config.quarantineHighWatermark * 100) {
      this.alert({
        type: 'quarantine_high',
        severity: 'warning',
        message: `Quarantine at ${capacityPercent.toFixed(1)}% capacity`,
        context: { count, bytes, maxBytes },
      })
    }
  }

  alert(input: Omit<Alert, 'id' | 'timestamp'>): boolean {
    const now = this.clock()
    if (now - this.windowStart >= this.config.alertWindowMs) {
      this.windowStart = now
      this.alertsInWindow = 0
    }
    if (this.alertsInWindow >= this.config.maxAlertsPerWindow) return false
    this.totalAlerts++
    this.alertsInWindow++
    this.lastAlert = { ...input, id: `alert-${this.totalAlerts}`, timestamp: now }
    return true
  }

  setOverloaded(overloaded: boolean): void {
    const rising = overloaded && !this.overloaded
    this.overloaded = overloaded
    if (rising) this.alert({ type: 'system_overload', severity: 'critical', message: 'System is overloaded' })
  }
}

export function createWatcher(config: Partial<WatcherConfig> = {}, options: { clock?: Clock } = {}): IWatcher {
  return new Watcher(config, options)
}
