/**
 * Scents on the wire. The payload of a threat travels as the TH-CJSON-1 bytes the client's own
 * kernel made (or the kernel's refusal); the daemon compares their length with maxPayloadSize
 * before it reads a byte of them, then checks they are canonical and at most MAX_DEPTH deep.
 * A clean scent's payload is never inspected, so clients do not send it.
 */

import type { MessageInitShape } from '@bufbuild/protobuf'
import { Code, ConnectError } from '@connectrpc/connect'
import { CanonicalJsonError, checkCanonical, type PreEncodedPayload, type Scent } from '../core/index.js'
import { canonicalBytes } from '../core/kernel/index.js'
import { PayloadRefusal_Kind, type Scent as WireScent, type ScentSchema } from '../gen/tracehound/v1/scent_pb.js'
import { categoryFromWire, categoryToWire, severityFromWire, severityToWire } from './enums.js'

type WireForm = MessageInitShape<typeof ScentSchema>['payloadForm']

/** The client side: the kernel's bytes, or its refusal (too deep, not JSON) for the daemon to judge. */
function payloadToWire(payload: unknown): WireForm {
  try {
    return { case: 'payloadCjson', value: canonicalBytes(payload) }
  } catch (e) {
    if (!(e instanceof CanonicalJsonError)) throw e
    const kind = e.tooDeep ? PayloadRefusal_Kind.TOO_DEEP : PayloadRefusal_Kind.NOT_JSON
    return { case: 'payloadRefusal', value: { kind, reason: e.message } }
  }
}

/** Throws for a timestamp int64 cannot carry (NaN, ±Infinity) and what the kernel itself throws. */
export function scentToWire(s: Scent): MessageInitShape<typeof ScentSchema> {
  const wire = { id: s.id, source: s.source, timestampMs: BigInt(Math.trunc(s.timestamp)) }
  if (!s.threat) return wire
  const threat = { category: categoryToWire(s.threat.category), severity: severityToWire(s.threat.severity) }
  return { ...wire, threat, payloadForm: payloadToWire(s.payload) }
}

/** A scent for the engine, and the payload as it arrived (for a threat); `payload` itself stays null. */
interface ArrivedScent {
  scent: Scent
  encoded?: PreEncodedPayload
}

const utf8 = new TextEncoder()
const NULL_BYTES = utf8.encode('null')

/** The daemon side; throws InvalidArgument for bytes that are not TH-CJSON-1 (with the offset). */
export function scentFromWire(s: WireScent, maxPayloadSize: number): ArrivedScent {
  if (s.$unknown?.some((f) => f.no === 2)) {
    throw new ConnectError('scent.payload as google.protobuf.Value is no longer read: send payload_cjson', Code.InvalidArgument)
  }
  const base = { id: s.id, payload: null, source: s.source, timestamp: Number(s.timestampMs) }
  if (!s.threat) return { scent: base }
  const category = categoryFromWire(s.threat.category)
  const severity = severityFromWire(s.threat.severity)
  if (!category || !severity) throw new ConnectError('scent.threat: category and severity are required', Code.InvalidArgument)
  return { scent: { ...base, threat: { category, severity } }, encoded: payloadFromWire(s.payloadForm, maxPayloadSize) }
}

function payloadFromWire(form: WireScent['payloadForm'], maxPayloadSize: number): PreEncodedPayload {
  switch (form.case) {
    case 'payloadCjson':
      return checked(form.value, maxPayloadSize, 'payload_cjson')
    case 'payloadJson':
      return checked(utf8.encode(form.value), maxPayloadSize, 'payload_json')
    case 'payloadRefusal':
      return { refused: form.value.kind === PayloadRefusal_Kind.TOO_DEEP ? 'too_deep' : 'not_json', reason: form.value.reason }
    default:
      return { bytes: NULL_BYTES }
  }
}

function checked(bytes: Uint8Array, maxPayloadSize: number, field: string): PreEncodedPayload {
  // Over the limit: the engine answers payload_too_large from the length alone.
  if (bytes.length > maxPayloadSize) return { bytes }
  const check = checkCanonical(bytes)
  if (check.ok) return { bytes }
  if (check.tooDeep) return { refused: 'too_deep', reason: check.reason }
  throw new ConnectError(`scent.${field} is not TH-CJSON-1: ${check.reason} at byte ${check.offset}`, Code.InvalidArgument)
}
