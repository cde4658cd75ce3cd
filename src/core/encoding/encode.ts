/** Payload encoding for evidence (v1's encodePayload): canonical bytes, then the size limit. */

import { CanonicalJsonError, canonicalBytes, canonicalKeyOrder, canonicalView, MAX_DEPTH } from './canonical-json.js'
import { Errors } from '../errors.js'
import type { JsonSerializable } from '../types.js'

/** A payload's canonical bytes, their size and the canonical JSON text. */
export interface EncodeResult {
  bytes: Uint8Array
  size: number
  canonical: string
}

const utf8 = new TextDecoder()

/**
 * Throws v1's TracehoundError objects: AGENT_SERIALIZATION_FAILED, or AGENT_PAYLOAD_TOO_LARGE for
 * more than maxSize bytes (equal is allowed) or nesting deeper than MAX_DEPTH.
 */
export function encodePayload(payload: JsonSerializable, maxSize: number): EncodeResult {
  const bytes = payloadBytes(payload, maxSize)
  return {
    bytes,
    size: bytes.length,
    // Decoded only when asked for.
    get canonical() {
      return utf8.decode(bytes)
    },
  }
}

/** encodePayload's bytes alone, with the same errors. */
export function payloadBytes(payload: JsonSerializable, maxSize: number): Uint8Array {
  return checkedPayload(payload, maxSize, canonicalBytes)
}

/** payloadBytes as a view of the shared encoding buffer, valid until the next encoding (canonicalView). */
export function payloadView(payload: JsonSerializable, maxSize: number): Uint8Array {
  return checkedPayload(payload, maxSize, canonicalView)
}

function checkedPayload(payload: JsonSerializable, maxSize: number, encode: (value: unknown) => Uint8Array): Uint8Array {
  let bytes: Uint8Array
  try {
    bytes = encode(payload)
  } catch (error) {
    if (error instanceof CanonicalJsonError) {
      throw error.tooDeep ? Errors.payloadTooDeep(MAX_DEPTH) : Errors.serializationFailed(error.message)
    }
    throw error
  }
  if (bytes.length > maxSize) throw Errors.payloadTooLarge(bytes.length, maxSize)
  return bytes
}

/**
 * A threat payload that reaches the engine already encoded: the daemon's wire form. `bytes` are
 * TH-CJSON-1, checked by the caller whenever they are within the size limit; `refused` is the
 * client kernel's answer for a payload that has no canonical form.
 */
export type PreEncodedPayload = { readonly bytes: Uint8Array } | { readonly refused: 'too_deep' | 'not_json'; readonly reason: string }

/** The same errors as encodePayload, for a pre-encoded payload; the size is known before any parse. */
export function acceptEncoded(payload: PreEncodedPayload, maxSize: number): Uint8Array {
  if ('refused' in payload) {
    throw payload.refused === 'too_deep' ? Errors.payloadTooDeep(MAX_DEPTH) : Errors.serializationFailed(payload.reason)
  }
  if (payload.bytes.length > maxSize) throw Errors.payloadTooLarge(payload.bytes.length, maxSize)
  return payload.bytes
}

/** Cheap upper-bound estimate (2 bytes per UTF-16 unit of plain JSON), for early rejection only. */
export function estimatePayloadSize(payload: JsonSerializable): number {
  return JSON.stringify(payload).length * 2
}

/** v1's lenient sorted-key JSON (no validation: NaN becomes null as in JSON.stringify). */
export function serialize(value: JsonSerializable): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v
    const source = v as Record<string, unknown>
    const sorted: Record<string, unknown> = {}
    // defineProperty, not assignment: a "__proto__" key must stay data, never a prototype.
    for (const k of canonicalKeyOrder(Object.keys(source))) {
      Object.defineProperty(sorted, k, { value: source[k], enumerable: true })
    }
    return sorted
  })
}
