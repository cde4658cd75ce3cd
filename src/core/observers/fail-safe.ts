/**
 * FailSafe: threshold checks that call registered panic callbacks. Levels are
 * warning < critical < emergency; a check fires only the highest level
 * reached, and a callback that throws or rejects is contained.
 */

import { BoundedLog } from './bounded-log.js'
import { type Clock, systemClock } from '../ports/clock.js'

/** How bad a fail-safe condition is. */
export type PanicLevel = 'warning' | 'critical' | 'emergency'

/** What tripped the fail-safe. */
export type PanicReason = 'memory_threshold' | 'quarantine_capacity' | 'error_rate' | 'process_exhaustion' | 'manual'

/** One fail-safe trip: level, reason, time and the measured value against its threshold. */
export interface PanicEvent {
  level: PanicLevel
  reason: PanicReason
  timestamp: number
  context: { current?: number; threshold?: number; details?: string }
}

/** Called for every panic event at or above the level it was registered for. */
export type PanicCallback = (event: PanicEvent) => void | Promise<void>

/** A value at or above a level's threshold reaches that level. */
export interface ThresholdConfig {
  warning: number
  critical: number
  emergency: number
}

/** Thresholds per condition: memory and quarantine fill ratios, errors per minute. */
export interface FailSafeConfig {
  /** ratio used/total, 0..1 */
  memory: ThresholdConfig
  /** ratio count/max, 0..1 */
  quarantine: ThresholdConfig
  /** errors per minute */
  errorRate: ThresholdConfig
}

/** Warning at 70 %, critical at 85 %, emergency at 95 % fill; 10 / 50 / 100 errors per minute. */
export const DEFAULT_FAIL_SAFE_CONFIG: Readonly<FailSafeConfig> = Object.freeze({
  memory: Object.freeze({ warning: 0.7, critical: 0.85, emergency: 0.95 }),
  quarantine: Object.freeze({ warning: 0.7, critical: 0.85, emergency: 0.95 }),
  errorRate: Object.freeze({ warning: 10, critical: 50, emergency: 100 }),
})

const HISTORY_LIMIT = 100
const LEVELS_HIGH_FIRST: readonly PanicLevel[] = ['emergency', 'critical', 'warning']

function levelFor(value: number, thresholds: ThresholdConfig): PanicLevel | null {
  // A loop, not find(): this runs after every capture, and find's callback is an allocation each time.
  for (const level of LEVELS_HIGH_FIRST) if (value >= thresholds[level]) return level
  return null
}

/**
 * v1's fail-safe: checks memory, quarantine fill and error rate against thresholds and calls
 * the registered callbacks; keeps a bounded history of panics.
 */
export class FailSafe {
  private readonly callbacks: Record<PanicLevel, PanicCallback[]> = { warning: [], critical: [], emergency: [] }
  private readonly events = new BoundedLog<PanicEvent>(HISTORY_LIMIT)
  private readonly clock: Clock

  constructor(
    private readonly config: FailSafeConfig = DEFAULT_FAIL_SAFE_CONFIG,
    options: { clock?: Clock } = {},
  ) {
    this.clock = options.clock ?? systemClock
  }

  /** Calls `callback` for panics of exactly this level. */
  on(level: PanicLevel, callback: PanicCallback): void {
    this.callbacks[level].push(callback)
  }

  /** Calls `callback` for every panic. */
  onAny(callback: PanicCallback): void {
    for (const level of LEVELS_HIGH_FIRST) this.on(level, callback)
  }

  /** Trips at the level the memory fill reaches, if any. */
  checkMemory(usedBytes: number, totalBytes: number): void {
    const ratio = usedBytes / totalBytes
    this.check(ratio, this.config.memory, 'memory_threshold', `Memory usage: ${(ratio * 100).toFixed(1)}%`)
  }

  /** The level checkQuarantine would fire for these numbers, without firing it. */
  quarantineLevel(current: number, max: number): PanicLevel | null {
    return levelFor(current / max, this.config.quarantine)
  }

  /** Trips at the level the quarantine fill reaches, if any. */
  checkQuarantine(current: number, max: number): void {
    this.check(current / max, this.config.quarantine, 'quarantine_capacity', `Quarantine: ${current}/${max}`)
  }

  /** Trips at the level the error rate reaches, if any. */
  checkErrorRate(errorsPerMinute: number): void {
    this.check(errorsPerMinute, this.config.errorRate, 'error_rate', `Error rate: ${errorsPerMinute}/min`)
  }

  /** Trips manually at the given level. */
  panic(level: PanicLevel, details?: string): void {
    this.trigger({ level, reason: 'manual', timestamp: this.clock(), context: details ? { details } : {} })
  }

  /** Records the event and calls the matching callbacks (failures are contained). */
  trigger(event: PanicEvent): void {
    this.events.push(event)
    for (const callback of this.callbacks[event.level]) {
      try {
        const result = callback(event)
        if (result instanceof Promise) result.catch(() => {})
      } catch {
        // The fail-safe runs when things are already going wrong; it must not add a throw.
      }
    }
  }

  /** Last 100 events, oldest first. */
  get history(): readonly PanicEvent[] {
    return this.events.toArray()
  }

  get lastPanic(): PanicEvent | undefined {
    return this.events.newest
  }

  private check(value: number, thresholds: ThresholdConfig, reason: PanicReason, details: string): void {
    // NaN (e.g. 0/0) reaches no level.
    const level = levelFor(value, thresholds)
    if (!level) return
    this.trigger({
      level,
      reason,
      timestamp: this.clock(),
      context: { current: value, threshold: thresholds[level], details },
    })
  }
}

/** Any threshold left out keeps its default. */
export type FailSafeOverrides = { [K in keyof FailSafeConfig]?: Partial<ThresholdConfig> }

/** A FailSafe with DEFAULT_FAIL_SAFE_CONFIG overridden by `config`. */
export function createFailSafe(config: FailSafeOverrides = {}, options: { clock?: Clock } = {}): FailSafe {
  return new FailSafe(
    {
      memory: { ...DEFAULT_FAIL_SAFE_CONFIG.memory, ...config.memory },
      quarantine: { ...DEFAULT_FAIL_SAFE_CONFIG.quarantine, ...config.quarantine },
      errorRate: { ...DEFAULT_FAIL_SAFE_CONFIG.errorRate, ...config.errorRate },
    },
    options,
  )
}
