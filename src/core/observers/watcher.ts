/**
 * Watcher: pull-based observability. Producers record into it; consumers poll
 * snapshot(). Alerts are rate-limited per fixed window so a flood of threats
 * cannot become a flood of alerts.
 */

import { type Clock, systemClock } from '../ports/clock.js'
import { type ThreatStats, ThreatTally } from './threat-tally.js'
import type { Severity } from '../types.js'

export type { ThreatStats }

/** How urgent an alert is. */
export type AlertSeverity = 'info' | 'warning' | 'critical'

/** What an alert is about. */
export type AlertType =
  | 'threat_detected'
  | 'evidence_neutralized'
  | 'quarantine_full'
  | 'quarantine_high'
  | 'rate_limit_exceeded'
  | 'hound_timeout'
  | 'system_overload'

/** One alert raised by the watcher. */
export interface Alert {
  /** `alert-<n>`, n counting accepted alerts from 1 */
  id: string
  type: AlertType
  severity: AlertSeverity
  message: string
  timestamp: number
  context?: Record<string, unknown>
}

/** Quarantine fill as the watcher sees it. */
export interface WatcherQuarantineStats {
  count: number
  bytes: number
  /** 0..100 (bytes over maxBytes) */
  capacityPercent: number
}

/** What the watcher has seen since start: threats, quarantine fill, alerts, overload. */
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

/** Alert budget per window and the quarantine fill that raises an alert. */
export interface WatcherConfig {
  maxAlertsPerWindow: number
  alertWindowMs: number
  /** 0..1: a quarantine update at or above this fill raises `quarantine_high` */
  quarantineHighWatermark: number
}

/** v1's Watcher contract. */
export interface IWatcher {
  /** A frozen view of what the watcher has seen. */
  snapshot(): Readonly<WatcherSnapshot>
  /** Counts a threat by category and severity. */
  recordThreat(category: string, severity: Severity): void
  /** Updates the quarantine fill; crossing the high watermark raises an alert. */
  updateQuarantine(count: number, bytes: number, maxBytes: number): void
  /** false when the alert window is full and the alert was dropped */
  alert(alert: Omit<Alert, 'id' | 'timestamp'>): boolean
  /** Marks the host overloaded (or not) in snapshots. */
  setOverloaded(overloaded: boolean): void
}

/** 10 alerts per minute; alert at 80 % quarantine fill. */
export const DEFAULT_WATCHER_CONFIG: Readonly<WatcherConfig> = Object.freeze({
  maxAlertsPerWindow: 10,
  alertWindowMs: 60_000,
  quarantineHighWatermark: 0.8,
})

/** Counts threats, tracks quarantine fill and raises rate-limited alerts (v1's Watcher). */
export class Watcher implements IWatcher {
  private readonly config: WatcherConfig
  private readonly clock: Clock
  private readonly startTime: number
  private readonly threats = new ThreatTally()
  private windowStart: number
  private alertsInWindow = 0
  private totalAlerts = 0
  private lastAlert: Alert | null = null
  private readonly quarantine: WatcherQuarantineStats = { count: 0, bytes: 0, capacityPercent: 0 }
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
    // In place (snapshot copies it): this runs after every capture.
    this.quarantine.count = count
    this.quarantine.bytes = bytes
    this.quarantine.capacityPercent = capacityPercent
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

/** A Watcher with DEFAULT_WATCHER_CONFIG overridden by `config`. */
export function createWatcher(config: Partial<WatcherConfig> = {}, options: { clock?: Clock } = {}): IWatcher {
  return new Watcher(config, options)
}
