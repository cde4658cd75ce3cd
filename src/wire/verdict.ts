/** Verdicts → tracehound.v1 wire messages: the verdict and its evidence handle. */

import type { DescMessage, JsonObject, MessageInitShape } from '@bufbuild/protobuf'
import type { EvidenceHandle, InterceptResult } from '../core/index.js'
import type { EvidenceHandleSchema, VerdictSchema } from '../gen/tracehound/v1/verdict_pb.js'
import { severityToWire } from './enums.js'
import { i64, u64 } from './numbers.js'

type Init<S extends DescMessage> = MessageInitShape<S>

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
