import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { jsonText } from './json-text.js'

describe('jsonText', () => {
  it('is JSON.stringify for every string, lone surrogates and control characters included', () => {
    const units = fc.string({
      unit: fc.constantFrom('a', '"', '\\', '\u0000', '\u001f', '\u007f', '\u2028', '\ud800', '\udc00', 'é', '😀'),
    })
    fc.assert(
      fc.property(fc.oneof(units, fc.string({ unit: 'binary' })), (s) => {
        expect(jsonText(s)).toBe(JSON.stringify(s))
      }),
      { numRuns: 2000, seed: 17 },
    )
  })

  it('is JSON.stringify for values that are not strings', () => {
    for (const v of [undefined, null, 0, -0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 1_700_000_000_000, true, { a: 1 }, ['x']]) {
      expect(jsonText(v)).toBe(JSON.stringify(v))
    }
  })
})
