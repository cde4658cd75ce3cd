/**
 * Connects the engine to its observers (issue 10): after every
 * intercept and every capacity eviction it tells the watcher, the security
 * state, the fail-safe and the notification emitter. It never changes a
 * verdict, never throws into the request path, and builds an event payload
 * only when someone is listening for that event type.
 */

import type { FailSafe, PanicLevel } from './fail-safe.js'
import type {
  EvidenceEvictedPayload,
  EvidenceQuarantinedPayload,
  INotificationEmitter,
  RateLimitExceededPayload,
  SystemPanicPayload,
  ThreatDetectedPayload,
} from './notification-hub.js'
import type { ISecurityState } from './security-state.js'
import type { InterceptResult, NeutralizationRecord, Scent } from '../types.js'
import type { IWatcher } from './watcher.js'

/** The observers an InterceptObserver feeds. */
export interface InterceptObserverDeps {
  notifications: INotificationEmitter
  watcher: IWatcher
  securityState: ISecurityState
  failSafe: FailSafe
  /** The quarantine's current count and bytes. */
  quarantineStats: () => { count: number; bytes: number }
  limits: { maxCount: number; maxBytes: number }
}

/** Feeds every verdict and every eviction to the observers (see the module comment). */
export interface InterceptObserver {
  /** Feeds one verdict to the observers; never throws. */
  afterIntercept(scent: Scent, result: InterceptResult): void
  /** A capacity eviction (the quarantine's onEvict). */
  afterEvict(record: NeutralizationRecord): void
}

const LEVEL_RANK: Record<PanicLevel, number> = { warning: 1, critical: 2, emergency: 3 }

/** An InterceptObserver over the given observers. */
export function createInterceptObserver(deps: InterceptObserverDeps): InterceptObserver {
  const { notifications, watcher, securityState, failSafe, quarantineStats, limits } = deps
  // Panic callbacks fire when the fill level rises, not on every insert while it stays high.
  let lastLevel: PanicLevel | null = null

  const capacityChanged = () => {
    const { count, bytes } = quarantineStats()
    watcher.updateQuarantine(count, bytes, limits.maxBytes)
    securityState.updateQuarantine(count, bytes)
    // The tighter of the two limits is the one that will evict first.
    const byCount = count / limits.maxCount
    const byBytes = bytes / limits.maxBytes
    const current = byBytes > byCount ? bytes : count
    const max = byBytes > byCount ? limits.maxBytes : limits.maxCount
    const level = failSafe.quarantineLevel(current, max)
    if (level && (lastLevel === null || LEVEL_RANK[level] > LEVEL_RANK[lastLevel])) failSafe.checkQuarantine(current, max)
    lastLevel = level
  }

  const threatSeen = (scent: Scent) => {
    const threat = scent.threat!
    watcher.recordThreat(threat.category, threat.severity)
    securityState.recordThreat(threat.category, threat.severity)
    if (notifications.hasListeners('threat.detected')) {
      notifications.emit<ThreatDetectedPayload>('threat.detected', {
        scentId: scent.id,
        category: threat.category,
        severity: threat.severity,
        source: scent.source,
      })
    }
  }

  const observe = (scent: Scent, result: InterceptResult) => {
    switch (result.status) {
      case 'clean':
        return
      case 'rate_limited':
        securityState.recordRateLimit(scent.source, true)
        if (notifications.hasListeners('rate_limit.exceeded')) {
          notifications.emit<RateLimitExceededPayload>('rate_limit.exceeded', { source: scent.source, retryAfterMs: result.retryAfter })
        }
        return
      case 'quarantined': {
        threatSeen(scent)
        // A handle that evicted itself reports size 0: it was captured, but holds nothing now.
        const { signature, size } = result.handle
        const severity = scent.threat!.severity
        securityState.recordEvidence(signature, size, severity)
        if (notifications.hasListeners('evidence.quarantined')) {
          notifications.emit<EvidenceQuarantinedPayload>('evidence.quarantined', { signature, severity, sizeBytes: size })
        }
        capacityChanged()
        return
      }
      default:
        // ignored, payload_too_large, error: a detector flagged it, so it is a threat seen.
        if (scent?.threat) threatSeen(scent)
    }
  }

  return {
    afterIntercept(scent, result) {
      try {
        observe(scent, result)
      } catch {
        // Observability must never cost the host its verdict.
      }
    },
    afterEvict(record) {
      try {
        securityState.recordEviction(record.signature, 'capacity')
        if (notifications.hasListeners('evidence.evicted')) {
          notifications.emit<EvidenceEvictedPayload>('evidence.evicted', { signature: record.signature, reason: 'capacity' })
        }
      } catch {
        // As above.
      }
    },
  }
}

/** Every fail-safe panic goes into the security history and out as `system.panic` (emergency is v1's 'fatal'). */
export function reportPanics(failSafe: FailSafe, securityState: ISecurityState, notifications: INotificationEmitter): void {
  failSafe.onAny((event) => {
    const level = event.level === 'emergency' ? 'fatal' : event.level
    securityState.recordPanic(level, event.reason)
    if (notifications.hasListeners('system.panic')) {
      notifications.emit<SystemPanicPayload>('system.panic', { level, reason: event.reason, context: event.context })
    }
  })
}
