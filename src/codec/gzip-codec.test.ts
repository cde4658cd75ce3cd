import { gunzipSync } from 'node:zlib'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AsyncGzipCodec, createAsyncColdPathCodec } from './async-gzip-codec.js'
import { createColdPathCodec, createHotPathCodec, GzipCodec } from './gzip-codec.js'

describe('gzip codecs', () => {
  it('round-trip any bytes, sync and async, and interoperate', async () => {
    const sync = new GzipCodec()
    const async = new AsyncGzipCodec()
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        expect(sync.decode(sync.encode(bytes))).toEqual(bytes)
        expect(await async.decode(await async.encode(bytes))).toEqual(bytes)
        expect(sync.decode(await async.encode(bytes))).toEqual(bytes)
      }),
      { numRuns: 40 },
    )
  })

  it('emit standard gzip as plain Uint8Array (not a pooled Buffer)', () => {
    const out = new GzipCodec().encode(new TextEncoder().encode('hello'))
    expect(Object.getPrototypeOf(out)).toBe(Uint8Array.prototype)
    expect(out.byteOffset).toBe(0)
    expect(new TextDecoder().decode(gunzipSync(out))).toBe('hello')
  })

  it('count operations and report the compression ratio', () => {
    const codec = new GzipCodec()
    expect(codec.stats.compressionRatio).toBe(0)
    const input = new Uint8Array(10_000).fill(65)
    const out = codec.encode(input)
    codec.decode(out)
    expect(codec.stats).toEqual({
      encodeCount: 1,
      decodeCount: 1,
      totalInputBytes: 10_000,
      totalOutputBytes: out.length,
      compressionRatio: out.length / 10_000,
    })
    expect(Object.isFrozen(codec.stats)).toBe(true)
  })

  it('the hot-path codec exposes encode only', () => {
    const hot = createHotPathCodec()
    expect(Object.keys(hot)).toEqual(['encode'])
    expect('decode' in hot).toBe(false)
    expect(createColdPathCodec().decode(hot.encode(new Uint8Array([1, 2])))).toEqual(new Uint8Array([1, 2]))
  })

  it('decode rejects what is not gzip', async () => {
    expect(() => new GzipCodec().decode(new Uint8Array([1, 2, 3]))).toThrow()
    await expect(createAsyncColdPathCodec().decode(new Uint8Array([1, 2, 3]))).rejects.toThrow()
  })
})
