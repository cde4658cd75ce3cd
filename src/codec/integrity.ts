/**
 * Cold-storage integrity: gzip plus SHA-256 of the compressed bytes. Decoding
 * checks the hash first (cheap) and caps inflation at the recorded original
 * size, so a tampered or hostile object costs no more than its honest twin.
 */

import { createHash } from 'node:crypto'
import { gunzipSync, gzipSync } from 'node:zlib'
import { type EncodedPayload, TracehoundError } from '../core/index.js'
import { gunzipAsync, gzipAsync } from './async-gzip-codec.js'
import { GZIP_LEVEL, toPlainBytes } from './gzip-codec.js'

/** Why a cold-storage encode or decode failed. */
export type CodecErrorCode = 'INTEGRITY_VIOLATION' | 'DECODE_FAILED' | 'ENCODE_FAILED'

/** A cold-storage encode or decode that failed; name, codes and messages as in v1. */
export class CodecError extends TracehoundError<CodecErrorCode> {
  override get name(): string {
    return 'CodecError'
  }
}

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

function sealed(payload: Uint8Array, compressed: Uint8Array): EncodedPayload {
  return { compressed, hash: sha256Hex(compressed), originalSize: payload.length, compressedSize: compressed.length }
}

/**
 * gzip the payload and seal it with the SHA-256 of the compressed bytes and both sizes;
 * throws CodecError (ENCODE_FAILED).
 */
export function encodeWithIntegrity(payload: Uint8Array): EncodedPayload {
  try {
    return sealed(payload, toPlainBytes(gzipSync(payload, { level: GZIP_LEVEL })))
  } catch (err) {
    throw new CodecError('ENCODE_FAILED', 'Compression failed', { cause: err })
  }
}

/** encodeWithIntegrity off the event loop. */
export async function encodeWithIntegrityAsync(payload: Uint8Array): Promise<EncodedPayload> {
  try {
    return sealed(payload, toPlainBytes(await gzipAsync(payload, { level: GZIP_LEVEL })))
  } catch (err) {
    throw new CodecError('ENCODE_FAILED', 'Async compression failed', { cause: err })
  }
}

/** true when the hash matches the compressed bytes; no decompression. */
export function verify(encoded: EncodedPayload): boolean {
  return encoded.compressed.length === encoded.compressedSize && sha256Hex(encoded.compressed) === encoded.hash
}

function assertIntact(encoded: EncodedPayload): void {
  if (!verify(encoded)) throw new CodecError('INTEGRITY_VIOLATION', 'Integrity check failed - payload was altered')
}

function checkedSize(encoded: EncodedPayload, out: Uint8Array): Uint8Array {
  if (out.length !== encoded.originalSize) {
    throw new CodecError('INTEGRITY_VIOLATION', 'Decoded size differs from the recorded original size')
  }
  return out
}

// zlib rejects a zero cap; an empty original still inflates to nothing.
const inflateCap = (encoded: EncodedPayload) => ({ maxOutputLength: Math.max(1, encoded.originalSize) })

/** Throws CodecError: INTEGRITY_VIOLATION (hash or size) or DECODE_FAILED (not gzip). */
export function decodeWithIntegrity(encoded: EncodedPayload): Uint8Array {
  assertIntact(encoded)
  let out: Uint8Array
  try {
    out = toPlainBytes(gunzipSync(encoded.compressed, inflateCap(encoded)))
  } catch (err) {
    throw new CodecError('DECODE_FAILED', 'Decompression failed - possible storage corruption', { cause: err })
  }
  return checkedSize(encoded, out)
}

/**
 * Checks the hash, then inflates at most the recorded original size; rejects with CodecError
 * (INTEGRITY_VIOLATION or DECODE_FAILED) for a tampered or malformed object.
 */
export async function decodeWithIntegrityAsync(encoded: EncodedPayload): Promise<Uint8Array> {
  assertIntact(encoded)
  let out: Uint8Array
  try {
    out = toPlainBytes(await gunzipAsync(encoded.compressed, inflateCap(encoded)))
  } catch (err) {
    throw new CodecError('DECODE_FAILED', 'Async decompression failed - possible storage corruption', { cause: err })
  }
  return checkedSize(encoded, out)
}
