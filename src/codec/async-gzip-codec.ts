/** Non-blocking gzip for background work (evacuation, cold reads): zlib runs off the event loop. */

import { promisify } from 'node:util'
import { gunzip, gzip } from 'node:zlib'
import { CodecCounters, type CodecStats } from './codec-stats.js'
import { GZIP_LEVEL, toPlainBytes } from './gzip-codec.js'

export const gzipAsync = promisify(gzip)
export const gunzipAsync = promisify(gunzip)

/** HotPathCodec off the event loop: compress only. */
export interface AsyncHotPathCodec {
  /** gzip of the bytes. */
  encode(bytes: Uint8Array): Promise<Uint8Array>
}

/** ColdPathCodec off the event loop: compress and decompress. */
export interface AsyncColdPathCodec extends AsyncHotPathCodec {
  /** The inflated bytes; rejects on malformed input. */
  decode(bytes: Uint8Array): Promise<Uint8Array>
}

/** gzip at level 6 on zlib's thread pool, with encode/decode counters (`stats`). */
export class AsyncGzipCodec implements AsyncColdPathCodec {
  private readonly counters = new CodecCounters()

  async encode(bytes: Uint8Array): Promise<Uint8Array> {
    const out = toPlainBytes(await gzipAsync(bytes, { level: GZIP_LEVEL }))
    this.counters.encoded(bytes.length, out.length)
    return out
  }

  /** Rejects with zlib's error on malformed input. */
  async decode(bytes: Uint8Array): Promise<Uint8Array> {
    this.counters.decoded()
    return toPlainBytes(await gunzipAsync(bytes))
  }

  get stats(): Readonly<CodecStats> {
    return this.counters.snapshot()
  }
}

/** An asynchronous gzip codec that also decodes (cold path only). */
export function createAsyncColdPathCodec(): AsyncColdPathCodec {
  return new AsyncGzipCodec()
}
