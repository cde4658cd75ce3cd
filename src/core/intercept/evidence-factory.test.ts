import { describe, expect, it } from 'vitest'
import { ownBuffer } from './evidence-factory.js'

describe('ownBuffer', () => {
  it('copies a view out of a larger buffer, a Node Buffer from the shared pool included', () => {
    const pooled = Buffer.from('{"a":1}') // a view into Node's 8 KiB pool
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.length)
    const own = ownBuffer(pooled)
    expect(own.byteLength).toBe(7)
    pooled.fill(0x20)
    expect(Buffer.from(own).toString()).toBe('{"a":1}')
    const view = new Uint8Array([1, 2, 3, 4]).subarray(1, 3)
    expect([...new Uint8Array(ownBuffer(view))]).toEqual([2, 3])
  })

  it('keeps a buffer the bytes fill', () => {
    const whole = new Uint8Array([1, 2, 3])
    expect(ownBuffer(whole)).toBe(whole.buffer)
  })
})
