import { describe, expect, it } from 'vitest'
import { thrown } from '../../../test/thrown.js'
import { Evidence } from './evidence.js'
import { hashBuffer } from '../encoding/hash.js'

const bytes = () => new TextEncoder().encode('{"a":1}').buffer as ArrayBuffer
const make = () =>
  new Evidence({
    bytes: bytes(),
    signature: 'spam:x',
    hash: hashBuffer(bytes()),
    severity: 'high',
    captured: 42,
    context: { clock: () => 7, newId: () => 'id-1' },
  })

describe('Evidence', () => {
  it('exposes its metadata and bytes', () => {
    const e = make()
    expect(e).toMatchObject({ size: 7, signature: 'spam:x', severity: 'high', captured: 42, disposed: false })
    expect(new Uint8Array(e.bytes)).toEqual(new TextEncoder().encode('{"a":1}'))
  })

  it('transfers ownership once', () => {
    const e = make()
    expect(e.transfer().byteLength).toBe(7)
    expect(e.disposed).toBe(true)
    expect(e.size).toBe(0)
    expect(() => e.bytes).toThrow()
    expect(thrown(() => e.transfer())).toMatchObject({ state: 'evidence', code: 'EVIDENCE_DISPOSED', recoverable: false })
  })

  it('neutralizes into a record from the injected clock and ids', () => {
    const e = make()
    expect(e.neutralize('prev')).toEqual({
      id: 'id-1',
      signature: 'spam:x',
      hash: e.hash,
      size: 7,
      status: 'neutralized',
      timestamp: 7,
      previousHash: 'prev',
    })
    expect(() => e.neutralize('prev')).toThrow()
  })

  it('evacuates into a record', () => {
    expect(make().evacuate('s3://b/k')).toEqual({
      id: 'id-1',
      signature: 'spam:x',
      destination: 's3://b/k',
      timestamp: 7,
      compressed: false,
      size: 7,
    })
  })

  it('refuses bad bytes and a wrong hash', () => {
    expect(() => new Evidence({ bytes: new ArrayBuffer(0), signature: 's', hash: 'h', severity: 'low', captured: 0 })).toThrow()
    expect(() => new Evidence({ bytes: bytes(), signature: 's', hash: '0'.repeat(64), severity: 'low', captured: 0 })).toThrow()
    expect(
      () => new Evidence({ bytes: new Uint8Array(2) as unknown as ArrayBuffer, signature: 's', hash: 'h', severity: 'low', captured: 0 }),
    ).toThrow()
  })
})
