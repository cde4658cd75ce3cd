import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkCanonical } from './canonical-json-check.js'
import { canonicalBytes, canonicalize, MAX_DEPTH } from './canonical-json.js'

const utf8 = new TextEncoder()
const check = (text: string) => checkCanonical(utf8.encode(text))
const nested = (depth: number, open: string, close: string, core = '1') => open.repeat(depth) + core + close.repeat(depth)
const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i])

describe('checkCanonical', () => {
  it('accepts exactly what canonicalize writes', () => {
    for (const v of [
      null,
      true,
      0,
      -1.5,
      1e21,
      1e-7,
      '',
      'a"\\\n\u001f\u007f\u2028',
      '\ud800',
      'x\udc00\ud800',
      '😀',
      [],
      {},
      { '9': 1, '10': 2, B: 3, a: 4 },
    ]) {
      expect(check(canonicalize(v))).toEqual({ ok: true })
    }
    expect(check(canonicalize(JSON.parse('{"__proto__":{"x":1},"a":1}')))).toEqual({ ok: true })
  })

  it.each([
    ['{"b":1,"a":2}', 7, 'out of canonical order'],
    ['{"a":1,"a":2}', 7, 'repeated'],
    ['{"10":1,"9":2}', 8, 'out of canonical order'],
    ['{"a":1,"0":2}', 7, 'out of canonical order'],
    ['1.0', 0, 'number'],
    ['1e21', 0, 'number'],
    ['-0', 0, 'number'],
    ['01', 0, 'number'],
    ['1E+21', 0, 'number'],
    ['"\\u001F"', 1, 'escape'],
    ['"\\u000a"', 1, 'escape'],
    ['"\\u0041"', 1, 'escape'],
    ['"\\/"', 1, 'escape'],
    ['"\\ud83d\\ude00"', 7, 'surrogate pair'],
    ['"a\tb"', 2, 'control character'],
    [' 1', 0, 'expected a value'],
    ['[1,]', 3, 'expected a value'],
    ['[1]x', 3, 'bytes after'],
    ['{"a" :1}', 4, "expected ':'"],
    ['"abc', 4, 'unterminated'],
    ['', 0, 'unexpected end'],
    ['nul', 0, 'expected null'],
  ])('refuses %j at byte %i', (text, offset, reason) => {
    const r = check(text)
    expect(r).toMatchObject({ ok: false, tooDeep: false, offset })
    expect(r.ok || r.reason).toContain(reason)
  })

  it('refuses ill-formed UTF-8: overlong, encoded surrogates, past U+10FFFF, truncated', () => {
    for (const bytes of [
      [0x22, 0xc0, 0xaf, 0x22],
      [0x22, 0xed, 0xa0, 0x80, 0x22],
      [0x22, 0xf4, 0x90, 0x80, 0x80, 0x22],
      [0x22, 0xe2, 0x82, 0x22],
      [0x22, 0xff, 0x22],
    ]) {
      expect(checkCanonical(Uint8Array.from(bytes))).toMatchObject({ ok: false, tooDeep: false, offset: 1, reason: 'invalid UTF-8' })
    }
  })

  it(`takes ${MAX_DEPTH} levels of arrays and objects, and marks ${MAX_DEPTH + 1} as too deep`, () => {
    for (const [open, close] of [
      ['[', ']'],
      ['{"k":', '}'],
    ] as const) {
      expect(check(nested(MAX_DEPTH - 1, open, close))).toEqual({ ok: true })
      expect(check(nested(MAX_DEPTH, open, close))).toEqual({ ok: true })
      expect(check(nested(MAX_DEPTH + 1, open, close))).toMatchObject({ ok: false, tooDeep: true })
    }
  })

  it('walks a million levels without a stack (refused at the limit, in one pass)', () => {
    expect(check('['.repeat(1_000_000))).toMatchObject({ ok: false, tooDeep: true, offset: MAX_DEPTH })
  })

  it('property: JSON.stringify text (any spacing) passes exactly when it is the canonical bytes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 0, 1), (value, space) => {
        const text = utf8.encode(JSON.stringify(value, null, space))
        const canonical = canonicalBytes(JSON.parse(JSON.stringify(value)))
        expect(checkCanonical(text).ok).toBe(sameBytes(text, canonical))
        expect(checkCanonical(canonical)).toEqual({ ok: true })
      }),
      { seed: 13, numRuns: 2000 },
    )
  })
})
