/** Engine values → tracehound.v1 wire messages (and scents the other way). */

import type { DescMessage, JsonObject, MessageInitShape } from '@bufbuild/protobuf'
import { Code, ConnectError } from '@connectrpc/connect'
import type { AuditRecord, EvidenceHandle, InterceptResult, JsonSerializable, Scent, ThreatCategory } from '../core/types.js'
import type { Scent as WireScent } from '../gen/tracehound/v1/scent_pb.js'
import type { EvidenceHandleSchema, VerdictSchema } from '../gen/tracehound/v1/verdict_pb.js'
import type { AuditRecordSchema } from '../gen/tracehound/v1/audit_pb.js'
import { categoryFromWire, categoryToWire, severityFromWire, severityToWire } from '../client/enums.js'
import type { INotificationEmitter, RateLimitExceededPayload, SystemPanicPayload, ThreatDetectedPayload } from '../core/notification-hub.js'
import type { DaemonEvent } from './events.js'
import { valueToJs } from '../client/value.js'

type Init<S extends DescMessage> = MessageInitShape<S>

/** Clamps to a non-negative integer: uint64 fields cannot carry fractions or negatives. */
export const u64 = (n: number): bigint => BigInt(Math.max(0, Math.trunc(n)))
export const i64 = (n: number): bigint => BigInt(Math.trunc(n))

export function scentFromWire(s: WireScent): Scent {
  // Built without JSON: NaN or ±Infinity from a binary client reach the engine, which refuses them itself.
  const payload: JsonSerializable = s.payload ? valueToJs(s.payload) : null
  const scent = { id: s.id, payload, source: s.source, timestamp: Number(s.timestampMs) }
  if (!s.threat) return scent
  const category = categoryFromWire(s.threat.category)
  const severity = severityFromWire(s.threat.severity)
  if (!category || !severity) throw new ConnectError('scent.threat: category and severity are required', Code.InvalidArgument)
  return { ...scent, threat: { category, severity } }
}

export function handleToWire(h: EvidenceHandle): Init<typeof EvidenceHandleSchema> {
  return {
    signature: h.signature,
    hash: h.hash,
    size: u64(h.size),
    capturedMs: i64(h.captured),
    severity: severityToWire(h.severity),
    disposed: h.disposed,
  }
}

export function auditRecordToWire(r: AuditRecord): Init<typeof AuditRecordSchema> {
  return {
    id: r.id,
    type: r.type,
    signature: r.signature,
    timestampMs: i64(r.timestamp),
    hash: r.hash,
    previousHash: r.previousHash,
  }
}

/** Drops what JSON cannot carry (functions, cycles, bigints) from an error context; Struct is a JSON object. */
function contextToWire(context: unknown) {
  if (context === undefined) return undefined
  try {
    const json = JSON.parse(JSON.stringify(context)) as unknown
    if (json === null || typeof json !== 'object' || Array.isArray(json)) return undefined
    return json as JsonObject
  } catch {
    return undefined
  }
}

export function verdictToWire(r: InterceptResult): Init<typeof VerdictSchema> {
  switch (r.status) {
    case 'clean':
      return { outcome: { case: 'clean', value: {} } }
    case 'rate_limited':
      return { outcome: { case: 'rateLimited', value: { retryAfterMs: u64(Math.ceil(r.retryAfter)) } } }
    case 'payload_too_large':
      return { outcome: { case: 'payloadTooLarge', value: { limitBytes: u64(r.limit) } } }
    case 'ignored':
      return { outcome: { case: 'ignored', value: { signature: r.signature } } }
    case 'quarantined':
      return { outcome: { case: 'quarantined', value: { handle: handleToWire(r.handle) } } }
    case 'error': {
      const { state, code, message, recoverable } = r.error
      const context = contextToWire(r.error.context)
      return { outcome: { case: 'error', value: { state, code, message, recoverable, ...(context && { context }) } } }
    }
  }
}

/** v1's engine events on AdminService.WatchEvents (evictions travel as neutralizations, see daemon.ts). */
export function forwardEngineEvents(
  engine: { notifications: INotificationEmitter },
  events: { readonly watched: boolean; publish(e: DaemonEvent): void },
): void {
  const hub = engine.notifications
  hub.on<ThreatDetectedPayload>('threat.detected', ({ payload: p }) => {
    if (!events.watched) return
    // The engine only emits its own categories (v1's payload type says string).
    const value = { scentId: p.scentId, category: categoryToWire(p.category as ThreatCategory), severity: severityToWire(p.severity), source: p.source }
    events.publish({ case: 'threatDetected', value })
  })
  hub.on<RateLimitExceededPayload>('rate_limit.exceeded', ({ payload: p }) => {
    if (events.watched) events.publish({ case: 'rateLimitExceeded', value: { source: p.source, retryAfterMs: u64(p.retryAfterMs) } })
  })
  hub.on<SystemPanicPayload>('system.panic', ({ payload: p }) => {
    if (events.watched) events.publish({ case: 'systemPanic', value: { level: p.level, reason: p.reason } })
  })
}
