import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { EncodedPayload } from '../core/index.js'
import {
  CodecError,
  decodeWithIntegrity,
  decodeWithIntegrityAsync,
  encodeWithIntegrity,
  encodeWithIntegrityAsync,
  verify,
} from './integrity.js'

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')
const text = (s: string) => new TextEncoder().encode(s)

/** A payload whose hash is honest for its (possibly hostile) compressed bytes. */
const honest = (compressed: Uint8Array, originalSize: number): EncodedPayload => ({
  compressed,
  hash: sha(compressed),
  originalSize,
  compressedSize: compressed.length,
})

describe('integrity codec', () => {
  it('hashes the compressed bytes and records both sizes', () => {
    const p = encodeWithIntegrity(text('evidence'))
    expect(p.hash).toBe(sha(p.compressed))
    expect(p).toMatchObject({ originalSize: 8, compressedSize: p.compressed.length })
    expect(verify(p)).toBe(true)
  })

  it('round-trips any bytes through every sync/async combination', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), async (bytes) => {
        const a = encodeWithIntegrity(bytes)
        const b = await encodeWithIntegrityAsync(bytes)
        expect(decodeWithIntegrity(b)).toEqual(bytes)
        expect(await decodeWithIntegrityAsync(a)).toEqual(bytes)
      }),
      { numRuns: 40 },
    )
  })

  it('empty payloads are valid', async () => {
    const p = encodeWithIntegrity(new Uint8Array(0))
    expect(p.originalSize).toBe(0)
    expect(p.compressedSize).toBeGreaterThan(0)
    expect(decodeWithIntegrity(p)).toEqual(new Uint8Array(0))
    expect(await decodeWithIntegrityAsync(p)).toEqual(new Uint8Array(0))
  })

  it('any flipped bit fails verify and decoding reports INTEGRITY_VIOLATION', () => {
    const p = encodeWithIntegrity(text('do not touch'))
    fc.assert(
      fc.property(fc.nat({ max: p.compressed.length * 8 - 1 }), (bit) => {
        const bytes = p.compressed.slice()
        bytes[bit >> 3]! ^= 1 << (bit & 7)
        const tampered = { ...p, compressed: bytes }
        expect(verify(tampered)).toBe(false)
        expect(() => decodeWithIntegrity(tampered)).toThrow(expect.objectContaining({ code: 'INTEGRITY_VIOLATION' }))
      }),
    )
  })

  it('a size field that disagrees with the bytes is an integrity violation', async () => {
    const p = encodeWithIntegrity(text('twelve bytes'))
    expect(verify({ ...p, compressedSize: p.compressedSize + 1 })).toBe(false)
    const wrongOriginal = { ...p, originalSize: 20 }
    expect(() => decodeWithIntegrity(wrongOriginal)).toThrow(expect.objectContaining({ code: 'INTEGRITY_VIOLATION' }))
    await expect(decodeWithIntegrityAsync(wrongOriginal)).rejects.toMatchObject({ code: 'INTEGRITY_VIOLATION' })
  })

  it('inflation is capped at the recorded size: a bomb is refused, not expanded', async () => {
    const bomb = honest(new Uint8Array(gzipSync(new Uint8Array(50_000_000))), 10)
    expect(() => decodeWithIntegrity(bomb)).toThrow(CodecError)
    await expect(decodeWithIntegrityAsync(bomb)).rejects.toBeInstanceOf(CodecError)
  })

  it('bytes that hash correctly but are not gzip report DECODE_FAILED', async () => {
    const junk = honest(new Uint8Array([1, 2, 3]), 3)
    expect(() => decodeWithIntegrity(junk)).toThrow(expect.objectContaining({ code: 'DECODE_FAILED', state: 'codec' }))
    await expect(decodeWithIntegrityAsync(junk)).rejects.toMatchObject({ code: 'DECODE_FAILED', recoverable: false })
  })
})
