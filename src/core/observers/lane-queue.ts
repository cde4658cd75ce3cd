/**
 * LaneQueue: alerts split into four severity lanes, each bounded; dequeue
 * drains critical before high before medium before low. When a lane is full
 * the overflow policy decides what gives way.
 */

import type { Severity } from '../types.js'

/** An alert queued in a severity lane (exported as LaneAlert). */
export interface Alert {
  id: string
  /** Chooses the lane. */
  severity: Severity
  type: 'quarantined' | 'rate_limited' | 'evicted' | 'purged' | 'threshold'
  message: string
  context?: Record<string, unknown>
  timestamp: number
}

/** One severity lane: its capacity, and a delivery pace for consumers. */
export interface LaneConfig {
  maxSize: number
  /** Alerts per second, 0 = unlimited. Declared for consumers that pace delivery; the queue does not pace. */
  rateLimit: number
}

/** The four lanes and the overflow policy. */
export interface LaneQueueConfig {
  lanes: Record<Severity, LaneConfig>
  /**
   * drop_oldest: the full lane loses its oldest alert;
   * drop_lowest: the lowest-priority non-empty lane loses its oldest;
   * reject: the new alert is refused.
   */
  overflow: 'drop_oldest' | 'drop_lowest' | 'reject'
}

/** Fill and drop counters of one lane. */
export interface LaneStats {
  counts: Record<Severity, number>
  dropped: number
  processed: number
}

/** Default lane sizes and overflow policy. */
export const DEFAULT_LANE_CONFIG: Readonly<LaneQueueConfig> = Object.freeze({
  lanes: Object.freeze({
    critical: Object.freeze({ maxSize: 1000, rateLimit: 0 }),
    high: Object.freeze({ maxSize: 500, rateLimit: 100 }),
    medium: Object.freeze({ maxSize: 200, rateLimit: 50 }),
    low: Object.freeze({ maxSize: 100, rateLimit: 20 }),
  }),
  overflow: 'drop_oldest',
})

const PRIORITY: readonly Severity[] = ['critical', 'high', 'medium', 'low']

/** Alerts in four bounded severity lanes, drained most severe first (see the module comment). */
export class LaneQueue {
  private readonly lanes: Record<Severity, Alert[]> = { critical: [], high: [], medium: [], low: [] }
  private readonly handlers: Array<(alert: Alert) => void> = []
  private dropped = 0
  private processed = 0

  constructor(private readonly config: LaneQueueConfig = DEFAULT_LANE_CONFIG) {}

  /** false when the alert was refused */
  enqueue(alert: Alert): boolean {
    const lane = this.lanes[alert.severity]
    if (lane.length >= this.config.lanes[alert.severity].maxSize && !this.makeRoom(alert.severity)) {
      this.dropped++
      return false
    }
    lane.push(alert)
    return true
  }

  /** The next alert, most severe lane first; undefined when all lanes are empty. */
  dequeue(): Alert | undefined {
    for (const severity of PRIORITY) {
      const alert = this.lanes[severity].shift()
      if (alert) {
        this.processed++
        return alert
      }
    }
    return undefined
  }

  /** Adds a handler that `flush` passes every drained alert to. */
  onAlert(handler: (alert: Alert) => void): void {
    this.handlers.push(handler)
  }

  /** Drains everything through the handlers, highest priority first; returns how many. */
  flush(): number {
    let count = 0
    for (let alert = this.dequeue(); alert; alert = this.dequeue()) {
      for (const handler of this.handlers) handler(alert)
      count++
    }
    return count
  }

  get stats(): LaneStats {
    return {
      counts: {
        critical: this.lanes.critical.length,
        high: this.lanes.high.length,
        medium: this.lanes.medium.length,
        low: this.lanes.low.length,
      },
      dropped: this.dropped,
      processed: this.processed,
    }
  }

  get size(): number {
    return PRIORITY.reduce((sum, severity) => sum + this.lanes[severity].length, 0)
  }

  private makeRoom(severity: Severity): boolean {
    const victimLane =
      this.config.overflow === 'drop_oldest'
        ? this.lanes[severity]
        : this.config.overflow === 'drop_lowest'
          ? [...PRIORITY]
              .reverse()
              .map((s) => this.lanes[s])
              .find((lane) => lane.length > 0)
          : undefined
    if (!victimLane || victimLane.length === 0) return false
    victimLane.shift()
    this.dropped++
    return true
  }
}

/** Lanes left out keep their defaults. */
export interface LaneQueueOverrides {
  lanes?: Partial<Record<Severity, LaneConfig>>
  overflow?: LaneQueueConfig['overflow']
}

/** A LaneQueue with DEFAULT_LANE_CONFIG overridden by `config`. */
export function createLaneQueue(config: LaneQueueOverrides = {}): LaneQueue {
  return new LaneQueue({
    overflow: config.overflow ?? DEFAULT_LANE_CONFIG.overflow,
    lanes: { ...DEFAULT_LANE_CONFIG.lanes, ...config.lanes },
  })
}
