/** Builds Evidence from a scent: canonical bytes, hash, signature, optional compression. */

import type { CryptoPort } from '../ports/crypto-port.js'
import { acceptEncoded, payloadBytes, type PreEncodedPayload } from '../encoding/encode.js'
import { isTracehoundError, TracehoundError } from '../errors.js'
import { Evidence, type EvidenceContext, systemEvidenceContext } from './evidence.js'
import { nodeCrypto } from '../ports/node-crypto.js'
import type { Scent, ThreatSignal } from '../types.js'

/** The hot-path half of a codec: compress only (v1's HotPathCodec). */
export interface EvidenceEncoder {
  /** Compressed bytes. */
  encode(bytes: Uint8Array): Uint8Array
}

/** Encoder, crypto, clock and id source of the evidence factory. */
export interface EvidenceFactoryOptions {
  /** Compresses stored bytes; the hash and signature stay over the uncompressed canonical bytes. */
  codec?: EvidenceEncoder
  context?: EvidenceContext
  crypto?: CryptoPort
}

/** The evidence built from a scent, or the TracehoundError that prevented it. */
export type EvidenceCreationResult =
  | { ok: true; evidence: Evidence; signature: string; hash: string; size: number; compressed: boolean }
  | { ok: false; error: TracehoundError }

/** Builds evidence from a threat scent. */
export interface IEvidenceFactory {
  /**
   * Evidence for a scent with a threat, or the error that prevented it (payload too large,
   * unserializable). `encoded`: the payload's bytes as they arrived (the daemon), instead of
   * encoding scent.payload.
   */
  create(scent: Scent, threat: ThreatSignal, maxPayloadSize: number, encoded?: PreEncodedPayload): EvidenceCreationResult
}

/** Builds evidence: canonical bytes, SHA-256, signature and optional compression. */
export class EvidenceFactory implements IEvidenceFactory {
  private readonly codec: EvidenceEncoder | undefined
  private readonly context: EvidenceContext
  private readonly crypto: CryptoPort

  constructor(options: EvidenceFactoryOptions = {}) {
    this.codec = options.codec
    this.context = options.context ?? systemEvidenceContext
    this.crypto = options.crypto ?? nodeCrypto
  }

  create(scent: Scent, threat: ThreatSignal, maxPayloadSize: number, encoded?: PreEncodedPayload): EvidenceCreationResult {
    try {
      const bytes = encoded ? acceptEncoded(encoded, maxPayloadSize) : payloadBytes(scent.payload, maxPayloadSize)
      const hash = this.crypto.sha256Hex(bytes)
      const signature = `${threat.category}:${hash}`
      const stored = this.codec ? this.codec.encode(bytes) : bytes
      const buffer = ownBuffer(stored)
      const compressed = this.codec !== undefined
      const evidence = new Evidence({
        bytes: buffer,
        signature,
        hash,
        severity: threat.severity,
        captured: scent.timestamp,
        compressed,
        context: this.context,
        hashVerified: true,
      })
      return { ok: true, evidence, signature, hash, size: stored.byteLength, compressed }
    } catch (error: unknown) {
      if (isTracehoundError(error)) return { ok: false, error }
      const message = error instanceof Error ? error.message : 'Unknown error'
      return {
        ok: false,
        error: new TracehoundError('EVIDENCE_CREATION_FAILED', message, { context: { scentId: scent.id }, cause: error }),
      }
    }
  }
}

/**
 * The bytes' own ArrayBuffer when they fill it (a fresh encoding does), else a copy in a buffer of
 * its own. `new Uint8Array(view)` copies; a Node Buffer's own `.slice()` would return a view of
 * Node's shared pool, whose later contents would then become the evidence.
 */
export function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  const { buffer, byteOffset, byteLength } = bytes
  if (buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength) return buffer
  return new Uint8Array(bytes).buffer as ArrayBuffer
}

/** An evidence factory with the given (or default) parts. */
export function createEvidenceFactory(options: EvidenceFactoryOptions = {}): IEvidenceFactory {
  return new EvidenceFactory(options)
}
