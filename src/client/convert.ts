/**
 * Wire messages → the engine's plain shapes, so answers from the daemon feed
 * the verification kernel unchanged (field names as in createTracehound).
 */

import type { JsonValue } from '@bufbuild/protobuf'
import type { Severity } from '../core/index.js'
import type { EvidenceHandle as WireHandle, Verdict } from '../gen/tracehound/v1/verdict_pb.js'
import { severityFromWire } from '../wire/index.js'
import { ClientErrorCode, clientErrorVerdict } from './client-error.js'

/** Quarantined evidence as the daemon reports it: no bytes, no methods. */
export interface EvidenceInfo {
  signature: string
  hash: string
  size: number
  captured: number
  severity: Severity
  disposed: boolean
}

/**
 * Why an `error` verdict: v1's TracehoundError (`state` where it failed, a stable `code`), and
 * whether retrying can help.
 */
export interface VerdictError {
  state: string
  code: string
  message: string
  context?: JsonValue
  recoverable: boolean
}

/** v1's InterceptResult over the wire; `degraded` marks a verdict the daemon did not give. */
export type ClientVerdict = (
  | { status: 'clean' }
  | { status: 'rate_limited'; retryAfter: number }
  | { status: 'payload_too_large'; limit: number }
  | { status: 'ignored'; signature: string }
  | { status: 'quarantined'; handle: EvidenceInfo }
  | { status: 'error'; error: VerdictError }
) & { degraded?: { code: string; message: string } }

// The engine's shapes, as createTracehound returns them (type-only: no engine code in the client).
export type { ConsistencyProof, EvidenceRecord, InclusionProof, TreeHead } from '../core/index.js'

const severity = (s: number): Severity => severityFromWire(s) ?? 'low'

export const evidenceFromWire = (h: WireHandle): EvidenceInfo => ({
  signature: h.signature,
  hash: h.hash,
  size: Number(h.size),
  captured: Number(h.capturedMs),
  severity: severity(h.severity),
  disposed: h.disposed,
})

export function verdictFromWire(v: Verdict | undefined): ClientVerdict {
  const o = v?.outcome
  switch (o?.case) {
    case 'clean':
      return { status: 'clean' }
    case 'rateLimited':
      return { status: 'rate_limited', retryAfter: Number(o.value.retryAfterMs) }
    case 'payloadTooLarge':
      return { status: 'payload_too_large', limit: Number(o.value.limitBytes) }
    case 'ignored':
      return { status: 'ignored', signature: o.value.signature }
    case 'quarantined':
      return o.value.handle
        ? { status: 'quarantined', handle: evidenceFromWire(o.value.handle) }
        : unknownVerdict('quarantined verdict without a handle')
    case 'error': {
      const { state, code, message, recoverable, context } = o.value
      return { status: 'error', error: { state, code, message, recoverable, ...(context && { context }) } }
    }
    default:
      return unknownVerdict('verdict without an outcome')
  }
}

const unknownVerdict = (message: string): ClientVerdict => clientErrorVerdict(ClientErrorCode.CLIENT_UNKNOWN_VERDICT, message)
