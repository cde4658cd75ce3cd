/**
 * THCS envelope: an EncodedPayload as one self-describing object, so a cold
 * store needs no sidecar metadata. Layout (big-endian):
 *   0  4  magic "THCS"
 *   4  2  version (1)
 *   6  4  originalSize
 *  10  4  compressedSize
 *  14 64  hash, lowercase hex ASCII
 *  78  N  compressed bytes (N = compressedSize)
 */

import type { EncodedPayload } from './encoded-payload.js'
import { createError } from '../errors.js'

/** Bytes before the compressed payload in a THCS envelope. */
export const HEADER_SIZE = 78
/** The THCS envelope version this build writes and reads. */
export const ENVELOPE_VERSION = 1
const MAGIC = [0x54, 0x48, 0x43, 0x53] as const
const HASH_OFFSET = 14
const HEX64 = /^[0-9a-f]{64}$/
const UINT32_MAX = 0xffff_ffff

const invalid = (reason: string) =>
  createError('cold_storage', 'COLD_STORAGE_ENVELOPE_INVALID', `Cannot pack THCS envelope: ${reason}`, {
    context: { reason },
    recoverable: false,
  })

/** Throws a TracehoundError when the payload cannot be represented faithfully. */
export function packEnvelope(payload: EncodedPayload): Uint8Array {
  if (!HEX64.test(payload.hash)) throw invalid('hash must be 64 lowercase hex characters')
  if (payload.compressed.length !== payload.compressedSize) throw invalid('compressedSize does not match the bytes')
  if (!Number.isInteger(payload.originalSize) || payload.originalSize < 0 || payload.originalSize > UINT32_MAX) {
    throw invalid('originalSize must be a uint32')
  }
  const out = new Uint8Array(HEADER_SIZE + payload.compressedSize)
  const view = new DataView(out.buffer)
  out.set(MAGIC, 0)
  view.setUint16(4, ENVELOPE_VERSION)
  view.setUint32(6, payload.originalSize)
  view.setUint32(10, payload.compressedSize)
  for (let i = 0; i < 64; i++) out[HASH_OFFSET + i] = payload.hash.charCodeAt(i)
  out.set(payload.compressed, HEADER_SIZE)
  return out
}

/** null for anything that is not a well-formed version-1 envelope; integrity is checked separately (verify). */
export function unpackEnvelope(data: Uint8Array): EncodedPayload | null {
  if (data.length < HEADER_SIZE) return null
  if (MAGIC.some((byte, i) => data[i] !== byte)) return null
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  if (view.getUint16(4) !== ENVELOPE_VERSION) return null
  const originalSize = view.getUint32(6)
  const compressedSize = view.getUint32(10)
  if (data.length !== HEADER_SIZE + compressedSize) return null
  const hash = String.fromCharCode(...data.subarray(HASH_OFFSET, HEADER_SIZE))
  return { compressed: data.slice(HEADER_SIZE), hash, originalSize, compressedSize }
}
