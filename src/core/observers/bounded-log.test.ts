import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BoundedLog } from './bounded-log.js'

describe('BoundedLog', () => {
  it('behaves like an array that drops its oldest entries beyond capacity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.array(fc.integer(), { maxLength: 30 }), (capacity, items) => {
        const log = new BoundedLog<number>(capacity)
        for (const item of items) log.push(item)
        const expected = capacity === 0 ? [] : items.slice(-capacity)
        expect(log.toArray()).toEqual(expected)
        expect(log.size).toBe(expected.length)
        expect(log.oldest).toBe(expected[0])
        expect(log.newest).toBe(expected.at(-1))
      }),
    )
  })
})
