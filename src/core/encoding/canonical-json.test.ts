import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CanonicalJsonError, canonicalBytes, canonicalize, isArrayIndexKey } from './canonical-json.js'

/**
 * v1's algorithm, as the oracle: JSON.stringify with a replacer that rebuilds objects with sorted keys.
 * v1 assigns keys, which silently drops a "__proto__" key; we define them (see the __proto__ test).
 */
function v1Canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v
    const sorted: Record<string, unknown> = {}
    for (const k of Object.keys(v).sort()) {
      Object.defineProperty(sorted, k, { value: (v as Record<string, unknown>)[k], enumerable: true })
    }
    return sorted
  })
}

describe('TH-CJSON-1', () => {
  it('puts array-index keys first, then UTF-16 order', () => {
    expect(canonicalize({ b: 1, '10': 2, '9': 3, a: 4, B: 5 })).toBe('{"9":3,"10":2,"B":5,"a":4,"b":1}')
  })

  it('orders by UTF-16 code units, not code points', () => {
    // U+FF61 sorts after U+1F600's high surrogate (0xD83D) in UTF-16, before it in code points.
    expect(canonicalize({ '\u{ff61}': 1, '\u{1f600}': 2 })).toBe('{"\u{1f600}":2,"\u{ff61}":1}')
  })

  it('treats only canonical integers up to 2^32-2 as array indexes', () => {
    expect(isArrayIndexKey('0')).toBe(true)
    expect(isArrayIndexKey('4294967294')).toBe(true)
    expect(isArrayIndexKey('4294967295')).toBe(false)
    expect(isArrayIndexKey('01')).toBe(false)
    expect(isArrayIndexKey('-1')).toBe(false)
    expect(isArrayIndexKey('1.5')).toBe(false)
    expect(canonicalize({ '4294967295': 1, '4294967294': 2, '01': 3, '2': 4 })).toBe('{"2":4,"4294967294":2,"01":3,"4294967295":1}')
  })

  it.each([
    [1.0, '1'],
    [-0, '0'],
    [1e21, '1e+21'],
    [1e-7, '1e-7'],
    [0.1, '0.1'],
    [5e-324, '5e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [2 ** 53, '9007199254740992'],
    [123456789012345680000, '123456789012345680000'],
  ])('formats %s as ECMAScript does', (n, text) => {
    expect(canonicalize(n)).toBe(text)
  })

  it('escapes strings as JSON.stringify does, lone surrogates included', () => {
    expect(canonicalize('"\\\b\f\n\r\t\u0000\u001f/\u2028é\u{1f600}')).toBe('"\\"\\\\\\b\\f\\n\\r\\t\\u0000\\u001f/\u2028é\u{1f600}"')
    expect(canonicalize('\ud800x\udc00')).toBe('"\\ud800x\\udc00"')
  })

  it.each([
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [-Infinity, 'Infinity'],
    [undefined, 'undefined'],
    [{ a: undefined }, 'undefined'],
    [[1, undefined], 'undefined'],
    [{ f: () => 1 }, 'function'],
    [10n, 'bigint'],
    [Symbol('s'), 'symbol'],
  ])('refuses %s', (value, reason) => {
    expect(() => canonicalize(value)).toThrow(CanonicalJsonError)
    expect(() => canonicalize(value)).toThrow(reason)
  })

  it('names the path of the offending value', () => {
    expect(() => canonicalize({ a: [0, { b: NaN }] })).toThrow('at root.a[1].b')
  })

  it('refuses cycles with a clear error instead of overflowing', () => {
    const a: Record<string, unknown> = {}
    a.self = a
    expect(() => canonicalize(a)).toThrow('circular value')
  })

  it('keeps a "__proto__" key that JSON text carries (v1 dropped it: a deliberate fix)', () => {
    expect(canonicalize(JSON.parse('{"b":1,"__proto__":{"x":1}}'))).toBe('{"__proto__":{"x":1},"b":1}')
  })

  it('follows an inherited toJSON (Date) like JSON.stringify', () => {
    expect(canonicalize({ d: new Date(0) })).toBe('{"d":"1970-01-01T00:00:00.000Z"}')
  })

  it('matches v1 (sorted JSON.stringify) for every JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalize(value)).toBe(v1Canonical(value))
      }),
      { numRuns: 2000 },
    )
  })

  it('orders narrow objects (sorted in place) and wide ones (Array.prototype.sort) as v1 does', () => {
    // Either side of the in-place sort's 32-key bound, keys in reverse and shuffled order, surrogates and case mixed.
    const keys = fc.uniqueArray(fc.string({ unit: 'binary', maxLength: 4 }), { minLength: 2, maxLength: 48 })
    fc.assert(
      fc.property(keys, (ks) => {
        const value = Object.fromEntries(ks.map((k, i) => [k, i]))
        expect(canonicalize(value)).toBe(v1Canonical(value))
      }),
      { numRuns: 1000, seed: 17 },
    )
  })

  it('round-trips through JSON.parse and is idempotent', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalize(value)
        expect(canonicalize(JSON.parse(text))).toBe(text)
      }),
      { numRuns: 1000 },
    )
  })
})

describe('TH-CJSON-1 bytes (written as UTF-8 directly, no intermediate string)', () => {
  const utf8 = (text: string) => new TextEncoder().encode(text)

  it("are the UTF-8 of v1's text for any value, any code unit (lone surrogates, controls, astral)", () => {
    const anyString = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 })
    const value = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        anyString,
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('v'), { maxLength: 5 }),
        fc.dictionary(anyString, tie('v'), { maxKeys: 5 }),
      ),
    })).v
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalBytes(v)).toEqual(utf8(v1Canonical(v)))
      }),
      { numRuns: 3000, seed: 17 },
    )
  })

  it('give a toJSON that canonicalizes re-entrantly its own buffer', () => {
    class Wrapped {
      toJSON() {
        return { nested: canonicalize({ b: [1, 'x'] }), after: 'yyy' }
      }
    }
    const text = canonicalize({ z: 1, w: new Wrapped(), a: 'é' })
    expect(text).toBe(v1Canonical({ a: 'é', w: { after: 'yyy', nested: '{"b":[1,"x"]}' }, z: 1 }))
  })

  it('are exact after a payload that outgrew the shared buffer', () => {
    const big = { s: 'é'.repeat(600_000) }
    const bytes = canonicalBytes(big)
    expect(bytes.length).toBe(1_200_008)
    expect(new TextDecoder().decode(bytes)).toBe(JSON.stringify(big))
    expect(canonicalBytes({ b: 2, a: [1] })).toEqual(utf8('{"a":[1],"b":2}'))
  })

  it('keep earlier results intact (each call returns its own copy)', () => {
    const first = canonicalBytes({ a: 'first' })
    canonicalBytes({ a: 'second, longer' })
    expect(new TextDecoder().decode(first)).toBe('{"a":"first"}')
  })
})

describe('TH-CJSON-1 depth limit', () => {
  const deep = (n: number, wrap: (v: unknown) => unknown) => {
    let v: unknown = 'core'
    for (let i = 0; i < n; i++) v = wrap(v)
    return v
  }
  it.each([
    ['arrays', (v: unknown) => [v]],
    ['objects', (v: unknown) => ({ k: v })],
  ])('encodes 511 and 512 levels of %s and refuses 513 as too deep', (_kind, wrap) => {
    expect(() => canonicalize(deep(511, wrap))).not.toThrow()
    expect(() => canonicalize(deep(512, wrap))).not.toThrow()
    let error: unknown
    try {
      canonicalize(deep(513, wrap))
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(CanonicalJsonError)
    expect(error).toMatchObject({ tooDeep: true, reason: 'nesting deeper than 512 levels' })
  })

  it('refuses 200,000 levels without exhausting the stack', () => {
    expect(() => canonicalize(deep(200_000, (v) => [v]))).toThrow(/nesting deeper than 512 levels/)
  })
})
