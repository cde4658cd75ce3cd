import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { nobleCrypto } from '../kernel/noble-crypto.js'
import { nodeCrypto } from './node-crypto.js'

describe('nodeCrypto (digests read back from latin1 strings)', () => {
  const part = fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 100 }))

  it('gives the same SHA-256 bytes as the pure-JS port, for any parts, every byte value', () => {
    fc.assert(
      fc.property(fc.array(part, { maxLength: 4 }), (parts) => {
        const got = nodeCrypto.sha256(...parts)
        expect(got).toBeInstanceOf(Uint8Array)
        expect(got).toEqual(nobleCrypto.sha256(...parts))
      }),
      { numRuns: 500, seed: 17 },
    )
  })

  it('covers the high bytes (0x80-0xff) latin1 carries, and the empty input', () => {
    expect(Array.from(nodeCrypto.sha256())).toEqual(Array.from(nobleCrypto.sha256()))
    // SHA-256("abc") has bytes above 0x7f (0xba, 0x8f, ...).
    expect(Buffer.from(nodeCrypto.sha256('abc')).toString('hex')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })
})
