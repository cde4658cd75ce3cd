/**
 * Synchronous gzip (level 6). The hot path gets an encode-only view so code
 * on the request path cannot be made to inflate attacker data; decode is for
 * cold storage and forensics only.
 */

import { gunzipSync, gzipSync } from 'node:zlib'
import { CodecCounters, type CodecStats } from './codec-stats.js'

export const GZIP_LEVEL = 6

/**
 * The request path's codec: compress only, so nothing on that path can be made to inflate
 * attacker data (v1's HotPathCodec).
 */
export interface HotPathCodec {
  /** gzip of the bytes. */
  encode(bytes: Uint8Array): Uint8Array
}

/** Compress and decompress: for cold storage and forensics, never the request path. */
export interface ColdPathCodec extends HotPathCodec {
  /** The inflated bytes; throws on malformed input. */
  decode(bytes: Uint8Array): Uint8Array
}

/** A fresh Uint8Array over exactly the result bytes (Buffers may share a pool). */
export const toPlainBytes = (buffer: Uint8Array): Uint8Array => new Uint8Array(buffer)

/** Synchronous gzip at level 6 with encode/decode counters (`stats`). */
export class GzipCodec implements ColdPathCodec {
  private readonly counters = new CodecCounters()

  encode(bytes: Uint8Array): Uint8Array {
    const out = toPlainBytes(gzipSync(bytes, { level: GZIP_LEVEL }))
    this.counters.encoded(bytes.length, out.length)
    return out
  }

  /** Throws zlib's error on malformed input. */
  decode(bytes: Uint8Array): Uint8Array {
    this.counters.decoded()
    return toPlainBytes(gunzipSync(bytes))
  }

  get stats(): Readonly<CodecStats> {
    return this.counters.snapshot()
  }
}

/** An encode-only gzip codec: a frozen object with no `decode` to reach. */
export function createHotPathCodec(): HotPathCodec {
  const codec = new GzipCodec()
  // A plain object, not the codec: no decode to reach through the prototype.
  return Object.freeze({ encode: (bytes: Uint8Array) => codec.encode(bytes) })
}

/** A gzip codec that also decodes (cold path only). */
export function createColdPathCodec(): ColdPathCodec {
  return new GzipCodec()
}
