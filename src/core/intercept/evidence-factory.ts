/** Builds Evidence from a scent: canonical bytes, hash, signature, optional compression. */

import type { CryptoPort } from '../ports/crypto-port.js'
import { acceptEncoded, payloadView, type PreEncodedPayload } from '../encoding/encode.js'
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

/**
 * A threat payload signed but not yet evidence: its canonical bytes (possibly a view of a shared
 * buffer, valid until the next encoding), their SHA-256 and the signature.
 */
export type SignedPayload = { ok: true; bytes: Uint8Array; hash: string; signature: string } | { ok: false; error: TracehoundError }

/**
 * The agent's two steps: the signature first, evidence only for a threat not yet quarantined. A
 * duplicate then costs no copy of its bytes and no evidence object.
 */
export interface ThreatEvidenceSource {
  /** The signature of a threat payload, with the same errors as IEvidenceFactory.create. */
  sign(scent: Scent, threat: ThreatSignal, maxPayloadSize: number, encoded?: PreEncodedPayload): SignedPayload
  /** Evidence of a signed payload: call before anything else is encoded (the bytes may be a view). */
  build(scent: Scent, threat: ThreatSignal, signed: SignedPayload & { ok: true }): EvidenceCreationResult
}

/** Builds evidence: canonical bytes, SHA-256, signature and optional compression. */
export class EvidenceFactory implements IEvidenceFactory, ThreatEvidenceSource {
  private readonly codec: EvidenceEncoder | undefined
  private readonly context: EvidenceContext
  private readonly crypto: CryptoPort

  constructor(options: EvidenceFactoryOptions = {}) {
    this.codec = options.codec
    this.context = options.context ?? systemEvidenceContext
    this.crypto = options.crypto ?? nodeCrypto
  }

  create(scent: Scent, threat: ThreatSignal, maxPayloadSize: number, encoded?: PreEncodedPayload): EvidenceCreationResult {
    const signed = this.sign(scent, threat, maxPayloadSize, encoded)
    return signed.ok ? this.build(scent, threat, signed) : signed
  }

  sign(scent: Scent, threat: ThreatSignal, maxPayloadSize: number, encoded?: PreEncodedPayload): SignedPayload {
    try {
      const bytes = encoded ? acceptEncoded(encoded, maxPayloadSize) : payloadView(scent.payload, maxPayloadSize)
      const hash = this.crypto.sha256Hex(bytes)
      return { ok: true, bytes, hash, signature: `${threat.category}:${hash}` }
    } catch (error: unknown) {
      return { ok: false, error: creationError(scent, error) }
    }
  }

  build(scent: Scent, threat: ThreatSignal, { bytes, hash, signature }: SignedPayload & { ok: true }): EvidenceCreationResult {
    try {
      const stored = this.codec ? this.codec.encode(bytes) : bytes
      const compressed = this.codec !== undefined
      const evidence = new Evidence({
        // Signed bytes may be a view of the shared encoding buffer: whatever still lies in it (no
        // codec, or one that passes bytes through) is copied. `new Uint8Array` copies a Buffer too.
        bytes: stored.buffer === bytes.buffer ? (new Uint8Array(stored).buffer as ArrayBuffer) : ownBuffer(stored),
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
      return { ok: false, error: creationError(scent, error) }
    }
  }
}

/** A TracehoundError as it is; anything else becomes EVIDENCE_CREATION_FAILED. */
function creationError(scent: Scent, error: unknown): TracehoundError {
  if (isTracehoundError(error)) return error
  const message = error instanceof Error ? error.message : 'Unknown error'
  return new TracehoundError('EVIDENCE_CREATION_FAILED', message, { context: { scentId: scent.id }, cause: error })
}

/**
 * A v1 factory as a ThreatEvidenceSource: it can only build evidence to learn the signature, so
 * sign creates it and build hands it over; a duplicate's is dropped at the next sign.
 */
export function signingSource(factory: IEvidenceFactory): ThreatEvidenceSource {
  if (factory instanceof EvidenceFactory) return factory
  let made: EvidenceCreationResult | undefined
  return {
    sign(scent, threat, maxPayloadSize, encoded) {
      made = factory.create(scent, threat, maxPayloadSize, encoded)
      if (!made.ok) return made
      return { ok: true, bytes: new Uint8Array(0), hash: made.hash, signature: made.signature }
    },
    build() {
      const result = made!
      made = undefined
      return result
    },
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
