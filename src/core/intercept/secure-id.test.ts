import { describe, expect, it } from 'vitest'
import { createSeededRandom } from '../ports/random.js'
import { createIdSource, generateSecureId, isValidSecureId } from './secure-id.js'

describe('secure ids', () => {
  it('are uuidv7-<8 hex>, 45 chars, and valid', () => {
    const id = generateSecureId()
    expect(id).toHaveLength(45)
    expect(isValidSecureId(id)).toBe(true)
    expect(generateSecureId()).not.toBe(id)
  })

  it('embed the injected clock as the UUIDv7 timestamp', () => {
    const id = createIdSource(() => 0x0123456789ab, createSeededRandom('x'))()
    expect(id.slice(0, 13)).toBe('01234567-89ab')
  })

  it('are reproducible from a seed (pinned; computed independently in Python from the spec)', () => {
    const ids = () => createIdSource(() => 1_700_000_000_000, createSeededRandom('seed'))
    expect(ids()()).toBe('018bcfe5-6800-7a30-93c0-635d49b5a017-1067701f')
    const a = ids()
    const b = ids()
    expect([a(), a(), a()]).toEqual([b(), b(), b()])
  })

  it('rejects malformed ids', () => {
    expect(isValidSecureId('not-an-id')).toBe(false)
    const id = generateSecureId()
    expect(id[14]).toBe('7')
    expect(isValidSecureId(id.slice(0, 14) + '4' + id.slice(15))).toBe(false)
    expect(isValidSecureId(generateSecureId() + '0')).toBe(false)
  })
})

describe('seeded random', () => {
  it('is SHA-256(seed ‖ uint64be counter) blocks', async () => {
    const { createHash } = await import('node:crypto')
    const ctr = (i: number) => Buffer.from([0, 0, 0, 0, 0, 0, 0, i])
    const expected = Buffer.concat([0, 1].map((i) => createHash('sha256').update('s').update(ctr(i)).digest()))
    const r = createSeededRandom('s')
    expect(Buffer.from([...r(10), ...r(54)])).toEqual(expected)
  })
})

describe('id layout', () => {
  const bytes = Uint8Array.from({ length: 14 }, (_, i) => 0xf0 + i)
  const fixed = () => {
    let at = 0
    return (n: number) => bytes.slice(at, (at += n))
  }

  it('puts the 48-bit ms time, version, variant and the 14 random bytes where RFC 9562 says', () => {
    expect(createIdSource(() => 0x0123456789ab, fixed())()).toBe('01234567-89ab-70f1-b2f3-f4f5f6f7f8f9-fafbfcfd')
  })

  it('writes a zero time for a clock that is negative, NaN or infinite, and the low 48 bits of a larger one', () => {
    for (const t of [-5, NaN, Infinity, -Infinity]) expect(createIdSource(() => t, fixed())().slice(0, 13)).toBe('00000000-0000')
    expect(createIdSource(() => 2 ** 48 + 0x10203 + 0.9, fixed())().slice(0, 13)).toBe('00000001-0203')
  })
})
