/**
 * SecurityState: one substrate for everything security-related the engine
 * knows (threat counts, quarantine fill, rate-limit pressure, license), with
 * frozen snapshots for readers and a bounded history for a ledger.
 */

import { HistoryRing } from './history-ring.js'
import { type Clock, systemClock } from '../ports/clock.js'
import { type ThreatStats, ThreatTally } from './threat-tally.js'
import type { Severity } from '../types.js'

/** Quarantine fill as SecurityState sees it. */
export interface QuarantineStateStats {
  count: number
  bytes: number
  /** 0..100 (bytes over the configured quarantineMaxBytes) */
  capacityPercent: number
}

/** Rate-limit pressure: active windows and blocked sources. */
export interface RateLimitStats {
  activeWindows: number
  blockedSources: number
}

/** v1's license state (kept for compatibility). */
export interface LicenseState {
  tier: 'starter' | 'pro' | 'enterprise'
  status: 'valid' | 'expired' | 'grace' | 'invalid' | 'none'
  daysRemaining?: number | undefined
}

/** A frozen view of everything security-related the engine knows, with an overall health. */
export interface SecuritySnapshot {
  timestamp: number
  uptimeMs: number
  threats: ThreatStats
  quarantine: QuarantineStateStats
  rateLimits: RateLimitStats
  license: LicenseState
  /** critical above 90% fill or expired license; degraded above 70% or grace */
  health: 'healthy' | 'degraded' | 'critical'
}

/** One recorded security event, kept in a bounded history. */
export interface SecurityHistoryEntry {
  timestamp: number
  type: 'threat' | 'evidence' | 'eviction' | 'rate_limit' | 'panic'
  data: Record<string, unknown>
}

/** History size, quarantine capacity (for fill percentages) and clock. */
export interface SecurityStateConfig {
  /** Oldest entries are dropped beyond this. Default 10 000. */
  maxHistorySize?: number
  /** Denominator of capacityPercent. Default 100 000 000 (v1's quarantine maxBytes). */
  quarantineMaxBytes?: number
  clock?: Clock
}

/** Size and time span of the security history. */
export interface SecurityStateStats {
  historySize: number
  oldestEntry: number | null
  newestEntry: number | null
}

/** v1's SecurityState contract: record events, read frozen snapshots. */
export interface ISecurityState {
  /** A frozen view of the current security state. */
  snapshot(): Readonly<SecuritySnapshot>
  /** Records a threat by category and severity. */
  recordThreat(category: string, severity: Severity): void
  /** Records evidence entering quarantine. */
  recordEvidence(signature: string, size: number, severity: Severity): void
  /** Records evidence leaving quarantine, and why. */
  recordEviction(signature: string, reason: 'capacity' | 'policy' | 'manual'): void
  /** `blocked` also counts one more blocked source. */
  recordRateLimit(source: string, blocked: boolean): void
  /** Records a fail-safe trip. */
  recordPanic(level: 'warning' | 'critical' | 'fatal', reason: string): void
  /** Sets v1's license state. */
  updateLicense(tier: LicenseState['tier'], status: LicenseState['status'], daysRemaining?: number): void
  /** Sets the quarantine fill. */
  updateQuarantine(count: number, bytes: number): void
  /** Sets the rate-limit pressure. */
  updateRateLimits(activeWindows: number, blockedSources: number): void
  readonly history: readonly SecurityHistoryEntry[]
  readonly stats: SecurityStateStats
}

/**
 * Collects threats, evidence, evictions, rate limits and panics into snapshots and a
 * bounded history (see the module comment).
 */
export class SecurityState implements ISecurityState {
  private readonly quarantineMaxBytes: number
  private readonly clock: Clock
  private readonly startTime: number
  private readonly threats = new ThreatTally()
  private readonly entries: HistoryRing
  private readonly quarantine = { count: 0, bytes: 0 }
  private rateLimits: RateLimitStats = { activeWindows: 0, blockedSources: 0 }
  private license: LicenseState = { tier: 'starter', status: 'none', daysRemaining: undefined }

  constructor(config: SecurityStateConfig = {}) {
    this.entries = new HistoryRing(config.maxHistorySize ?? 10_000)
    this.quarantineMaxBytes = config.quarantineMaxBytes ?? 100_000_000
    this.clock = config.clock ?? systemClock
    this.startTime = this.clock()
  }

  snapshot(): Readonly<SecuritySnapshot> {
    const now = this.clock()
    const capacityPercent = this.quarantineMaxBytes > 0 ? (this.quarantine.bytes / this.quarantineMaxBytes) * 100 : 0
    const { status } = this.license
    const health: SecuritySnapshot['health'] =
      capacityPercent > 90 || status === 'expired' ? 'critical' : capacityPercent > 70 || status === 'grace' ? 'degraded' : 'healthy'
    return Object.freeze({
      timestamp: now,
      uptimeMs: now - this.startTime,
      threats: this.threats.toStats(),
      quarantine: { ...this.quarantine, capacityPercent },
      rateLimits: { ...this.rateLimits },
      license: { ...this.license },
      health,
    })
  }

  recordThreat(category: string, severity: Severity): void {
    this.threats.add(category, severity)
    this.entries.push(this.clock(), 'threat', category, severity)
  }

  recordEvidence(signature: string, size: number, severity: Severity): void {
    this.entries.push(this.clock(), 'evidence', signature, size, severity)
  }

  recordEviction(signature: string, reason: 'capacity' | 'policy' | 'manual'): void {
    this.entries.push(this.clock(), 'eviction', signature, reason)
  }

  recordRateLimit(source: string, blocked: boolean): void {
    if (blocked) this.rateLimits.blockedSources++
    this.entries.push(this.clock(), 'rate_limit', source, blocked)
  }

  recordPanic(level: 'warning' | 'critical' | 'fatal', reason: string): void {
    this.entries.push(this.clock(), 'panic', level, reason)
  }

  updateLicense(tier: LicenseState['tier'], status: LicenseState['status'], daysRemaining?: number): void {
    this.license = { tier, status, daysRemaining }
  }

  updateQuarantine(count: number, bytes: number): void {
    // In place (snapshot copies it): this runs after every capture.
    this.quarantine.count = count
    this.quarantine.bytes = bytes
  }

  updateRateLimits(activeWindows: number, blockedSources: number): void {
    this.rateLimits = { activeWindows, blockedSources }
  }

  /** Oldest first; a copy taken now. */
  get history(): readonly SecurityHistoryEntry[] {
    return this.entries.toArray()
  }

  get stats(): SecurityStateStats {
    return {
      historySize: this.entries.size,
      oldestEntry: this.entries.oldestTimestamp ?? null,
      newestEntry: this.entries.newestTimestamp ?? null,
    }
  }
}

/** A SecurityState with the given configuration. */
export function createSecurityState(config: SecurityStateConfig = {}): ISecurityState {
  return new SecurityState(config)
}
