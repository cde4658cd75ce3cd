/** The engine's notifications → AdminService.WatchEvents events. */

import type {
  INotificationEmitter,
  RateLimitExceededPayload,
  SystemPanicPayload,
  ThreatCategory,
  ThreatDetectedPayload,
} from '../core/index.js'
import { categoryToWire, severityToWire, u64 } from '../wire/index.js'
import type { DaemonEvent } from './events.js'

/** v1's engine events on AdminService.WatchEvents (evictions travel as neutralizations, see daemon.ts). */
export function forwardEngineEvents(
  engine: { notifications: INotificationEmitter },
  events: { readonly watched: boolean; publish(e: DaemonEvent): void },
): void {
  const hub = engine.notifications
  hub.on<ThreatDetectedPayload>('threat.detected', ({ payload: p }) => {
    if (!events.watched) return
    // The engine only emits its own categories (v1's payload type says string).
    const value = {
      scentId: p.scentId,
      category: categoryToWire(p.category as ThreatCategory),
      severity: severityToWire(p.severity),
      source: p.source,
    }
    events.publish({ case: 'threatDetected', value })
  })
  hub.on<RateLimitExceededPayload>('rate_limit.exceeded', ({ payload: p }) => {
    if (events.watched) events.publish({ case: 'rateLimitExceeded', value: { source: p.source, retryAfterMs: u64(p.retryAfterMs) } })
  })
  hub.on<SystemPanicPayload>('system.panic', ({ payload: p }) => {
    if (events.watched) events.publish({ case: 'systemPanic', value: { level: p.level, reason: p.reason } })
  })
}
