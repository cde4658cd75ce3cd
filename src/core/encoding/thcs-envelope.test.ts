import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { EncodedPayload } from './encoded-payload.js'
import { HEADER_SIZE, packEnvelope, unpackEnvelope } from './thcs-envelope.js'

const payload = (compressed: Uint8Array, originalSize = 10): EncodedPayload => ({
  compressed,
  hash: 'ab'.repeat(32),
  originalSize,
  compressedSize: compressed.length,
})

describe('THCS envelope', () => {
  it('lays out magic, version, sizes, hash and data as documented', () => {
    const env = packEnvelope(payload(new Uint8Array([1, 2, 3]), 258))
    expect(env.length).toBe(HEADER_SIZE + 3)
    expect(Array.from(env.subarray(0, 14))).toEqual([0x54, 0x48, 0x43, 0x53, 0, 1, 0, 0, 1, 2, 0, 0, 0, 3])
    expect(new TextDecoder().decode(env.subarray(14, 78))).toBe('ab'.repeat(32))
    expect(Array.from(env.subarray(78))).toEqual([1, 2, 3])
  })

  it('round-trips any payload, also from a view at an offset', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.stringMatching(/^[0-9a-f]{64}$/),
        fc.integer({ min: 0, max: 0xffff_ffff }),
        (bytes, hash, originalSize) => {
          const p = { compressed: bytes, hash, originalSize, compressedSize: bytes.length }
          const env = packEnvelope(p)
          const shifted = new Uint8Array(env.length + 5)
          shifted.set(env, 5)
          expect(unpackEnvelope(env)).toEqual(p)
          expect(unpackEnvelope(shifted.subarray(5))).toEqual(p)
        },
      ),
    )
  })

  it('rejects what is not a well-formed version-1 envelope', () => {
    const good = packEnvelope(payload(new Uint8Array([9, 9])))
    const mutate = (f: (b: Uint8Array) => Uint8Array) => unpackEnvelope(f(good.slice()))
    expect(mutate((b) => b.subarray(0, HEADER_SIZE - 1))).toBeNull()
    expect(mutate((b) => ((b[0] = 0), b))).toBeNull()
    expect(mutate((b) => ((b[5] = 2), b))).toBeNull()
    expect(mutate((b) => b.subarray(0, b.length - 1))).toBeNull()
    expect(mutate((b) => ((b[13] = 5), b))).toBeNull()
  })

  it('refuses to pack a payload it could not represent faithfully', () => {
    const bad = (p: Partial<EncodedPayload>) => () => packEnvelope({ ...payload(new Uint8Array([1])), ...p })
    for (const thrower of [
      bad({ hash: 'AB'.repeat(32) }),
      bad({ hash: 'ab' }),
      bad({ compressedSize: 2 }),
      bad({ originalSize: -1 }),
      bad({ originalSize: 2 ** 32 }),
    ]) {
      expect(thrower).toThrow(expect.objectContaining({ code: 'COLD_STORAGE_ENVELOPE_INVALID' }))
    }
  })
})
