/** signature_test.json: TH-CJSON-1 canonical bytes and signatures, the hard cases (docs/spec/canonical-encoding.md). */

import { canonicalBytes, signature, toHex } from '../../src/core/kernel/index.js'
import { THREAT_CATEGORIES } from '../../src/core/index.js'
import { encodeSpecial } from '../lib/special-values.js'
import { type TestDraft, vectorFile } from '../lib/vector-file.js'

const notes = {
  Basic: { bugType: 'BASIC', description: 'Plain JSON values.' },
  Unicode: { bugType: 'EDGE_CASE', description: 'Non-ASCII text is emitted as raw UTF-8, never \\u-escaped.' },
  LoneSurrogate: {
    bugType: 'EDGE_CASE',
    description:
      'A lone UTF-16 surrogate is emitted as a lowercase \\udxxx escape. Languages whose strings cannot hold one may list these as known failures with that reason.',
  },
  ControlCharacter: { bugType: 'EDGE_CASE', description: 'U+0000..U+001F: \\b \\f \\n \\r \\t, others \\u00xx lowercase; U+007F raw.' },
  Escape: { bugType: 'EDGE_CASE', description: 'Only " and \\ are escaped among printable characters; / and U+2028 stay raw.' },
  NumberFormat: {
    bugType: 'CAN_OF_WORMS',
    description: 'Numbers as ECMAScript Number::toString of the IEEE-754 double (same as RFC 8785).',
  },
  KeyOrder: {
    bugType: 'CAN_OF_WORMS',
    description: 'Array-index keys (0..4294967294, no leading zero) first in numeric order, then UTF-16 code-unit order.',
  },
  Nesting: { bugType: 'EDGE_CASE', description: 'Deep nesting and empty containers.' },
  LargeArray: { bugType: 'FUNCTIONALITY', description: 'Long arrays keep their order.' },
  Category: { bugType: 'BASIC', description: 'The category is the signature prefix; every category appears.' },
  Depth: {
    bugType: 'EDGE_CASE',
    description: 'At most 512 nested levels of arrays and objects; 513 is refused ("too deep") without exhausting a stack.',
  },
  NonFinite: {
    bugType: 'FUNCTIONALITY',
    description: 'NaN and ±Infinity (marked as {"$float": ...} in the vector) must be refused: no canonical form, no signature.',
  },
} as const

const valid = (comment: string, flags: string[], payload: unknown, category = 'injection'): TestDraft => ({
  comment,
  flags,
  category,
  payload,
  canonicalHex: toHex(canonicalBytes(payload)),
  signature: signature(category, payload),
  result: 'valid',
})

const invalid = (comment: string, payload: unknown): TestDraft => ({
  comment,
  flags: ['NonFinite'],
  category: 'injection',
  payload: encodeSpecial(payload),
  result: 'invalid',
})

const hex4 = (c: number) => c.toString(16).padStart(4, '0')

function tests(): TestDraft[] {
  const t: TestDraft[] = []
  // Basic values.
  for (const [comment, p] of [
    ['null', null],
    ['true', true],
    ['false', false],
    ['empty string', ''],
    ['ascii string', 'hello'],
    ['small object', { b: 2, a: 1 }],
    ['mixed array', [1, 'two', null, true, { x: [] }]],
    ['object of every type', { s: 's', n: 1.5, t: true, f: false, z: null, a: [1], o: { k: 'v' } }],
  ] as const)
    t.push(valid(comment, ['Basic'], p))
  // Unicode.
  for (const [comment, p] of [
    ['latin-1 supplement', 'café déjà vu'],
    ['greek and cyrillic', 'αβγ абв'],
    ['CJK', '日本語の文字列'],
    ['arabic (RTL)', 'مرحبا'],
    ['astral: emoji', '😀🎉'],
    ['astral: math alphanumeric', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢'],
    ['combining marks (NFD, not normalized)', 'e\u0301 a\u0308 n\u0303'],
    ['precomposed vs decomposed are different', ['\u00e9', 'e\u0301']],
    ['zero-width joiner sequence', '👩\u200d💻'],
    ['BOM inside a string', '\ufeffbom'],
    ['U+FFFF and U+FFFE', '\uffff\ufffe'],
    ['max code point', '\u{10ffff}'],
  ] as const)
    t.push(valid(comment, ['Unicode'], p))
  // Lone surrogates.
  for (const [comment, p] of [
    ['lone high surrogate', '\ud800'],
    ['lone low surrogate', '\udc00'],
    ['reversed pair', '\udc00\ud800'],
    ['high surrogate at end', 'abc\udbff'],
    ['lone surrogate as object key', { '\ud83d': 1 }],
  ] as const)
    t.push(valid(comment, ['LoneSurrogate'], p))
  // Every control character, then DEL.
  for (let c = 0; c <= 0x1f; c++) t.push(valid(`control character U+${hex4(c)}`, ['ControlCharacter'], `a${String.fromCharCode(c)}b`))
  t.push(valid('U+007F DEL stays raw', ['ControlCharacter'], 'a\u007fb'))
  // Escapes.
  for (const [comment, p] of [
    ['quote and backslash', 'say "hi" \\ bye'],
    ['solidus is not escaped', '</script>'],
    ['U+2028 and U+2029 stay raw', 'a\u2028b\u2029c'],
    ['escapes in keys', { 'k"\\\n': 'v' }],
    ['all short escapes', '\b\f\n\r\t'],
  ] as const)
    t.push(valid(comment, ['Escape'], p))
  // Numbers.
  for (const n of [
    0,
    -0,
    1,
    -1,
    1.0,
    10,
    100,
    1e20,
    1e21,
    1e22,
    -1e21,
    1e-6,
    1e-7,
    1.5e-7,
    0.1,
    0.2,
    0.1 + 0.2,
    1 / 3,
    2 / 3,
    123.456,
    -123.456,
    5e-324,
    -5e-324,
    2.2250738585072014e-308,
    1.7976931348623157e308,
    -1.7976931348623157e308,
    2 ** 31,
    2 ** 32,
    4294967295,
    2 ** 53 - 1,
    2 ** 53,
    -(2 ** 53),
    2 ** 53 + 2,
    1e100,
    1.5e300,
    9.007199254740993e15,
    0.000001,
    0.0000001,
    123e-20,
    1.2345678901234567,
    299792458,
    6.02214076e23,
    1e15,
    1e16,
    12345678901234567890,
  ]) {
    t.push(valid(`number ${Object.is(n, -0) ? '-0' : String(n)}`, ['NumberFormat'], n))
  }
  t.push(valid('numbers inside containers', ['NumberFormat'], { a: [1e21, 1e-7, -0], b: 0.1 }))
  // Key order.
  for (const [comment, p] of [
    ['the key-order example of the spec', { b: 1, '10': 2, '9': 3, a: 4, B: 5 }],
    ['index keys sort numerically', { '2': 'a', '10': 'b', '1': 'c', '0': 'd' }],
    ['leading zero is not an index', { '01': 1, '1': 2, '001': 3 }],
    ['largest index 4294967294', { '4294967295': 1, '4294967294': 2, '5': 3 }],
    ['negative and decimal are not indexes', { '-1': 1, '1.0': 2, '1': 3, '1e3': 4 }],
    ['space-padded number is not an index', { ' 1': 1, '1': 2 }],
    ['upper case before lower case', { a: 1, A: 2, b: 3, B: 4, _: 5, '0a': 6 }],
    ['UTF-16 order, not code point order', { '\uff61': 1, '\u{1f600}': 2, '\ue000': 3 }],
    ['non-ASCII keys', { é: 1, e: 2, f: 3, 日: 4, 本: 5 }],
    ['empty key sorts first among strings', { a: 1, '': 2, '0': 3 }],
    ['prefix keys', { ab: 1, a: 2, abc: 3 }],
    ['__proto__ is data', JSON.parse('{"z":1,"__proto__":{"polluted":true}}')],
    ['nested objects are sorted too', { z: { y: 1, x: 2 }, a: [{ d: 1, c: 2 }] }],
  ] as const)
    t.push(valid(comment, ['KeyOrder'], p))
  // Nesting and empty containers.
  let deepArray: unknown = 'core'
  let deepObject: unknown = 'core'
  for (let i = 0; i < 100; i++) {
    deepArray = [deepArray]
    deepObject = { k: deepObject }
  }
  for (const [comment, p] of [
    ['empty object', {}],
    ['empty array', []],
    ['nested empties', [[], {}, [[]], { a: {} }, { a: [] }]],
    ['array depth 100', deepArray],
    ['object depth 100', deepObject],
    ['alternating nesting', { a: [{ b: [{ c: [{}] }] }] }],
  ] as const)
    t.push(valid(comment, ['Nesting'], p))
  // Large arrays.
  t.push(
    valid(
      '1000 integers',
      ['LargeArray'],
      Array.from({ length: 1000 }, (_, i) => i * 7 - 500),
    ),
  )
  t.push(
    valid(
      '500 mixed values',
      ['LargeArray'],
      Array.from({ length: 500 }, (_, i) => (i % 3 === 0 ? i / 8 : i % 3 === 1 ? `s${i}` : null)),
    ),
  )
  t.push(
    valid(
      'object with 300 keys',
      ['LargeArray', 'KeyOrder'],
      Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${(i * 37) % 300}`, i])),
    ),
  )
  // Every category, several payloads.
  for (const category of THREAT_CATEGORIES) {
    for (const [comment, p] of [
      ['object', { b: 2, a: 1 }],
      ['string', 'hello'],
      ['null', null],
    ] as const)
      t.push(valid(`category ${category}, ${comment}`, ['Category'], p, category))
  }
  // Refused.
  for (const [comment, p] of [
    ['NaN at the root', NaN],
    ['Infinity at the root', Infinity],
    ['-Infinity at the root', -Infinity],
    ['NaN in an object', { a: 1, b: NaN }],
    ['Infinity in an array', [1, 2, Infinity]],
    ['-Infinity deep inside', { a: [{ b: { c: -Infinity } }] }],
  ] as const)
    t.push(invalid(comment, p))
  // The depth limit (appended last: earlier tcIds keep their values).
  const nest = (depth: number, wrap: (v: unknown) => unknown) => {
    let v: unknown = 0
    for (let i = 0; i < depth; i++) v = wrap(v)
    return v
  }
  for (const [kind, wrap] of [
    ['arrays', (v: unknown) => [v]],
    ['objects', (v: unknown) => ({ k: v })],
  ] as const) {
    t.push(valid(`${kind} nested 511 deep`, ['Depth'], nest(511, wrap)))
    t.push(valid(`${kind} nested 512 deep (the limit)`, ['Depth'], nest(512, wrap)))
    t.push({
      comment: `${kind} nested 513 deep: too deep`,
      flags: ['Depth'],
      category: 'injection',
      payload: nest(513, wrap),
      result: 'invalid',
    })
  }
  t.push({
    comment: 'mixed arrays and objects nested 513 deep: too deep',
    flags: ['Depth'],
    category: 'injection',
    payload: nest(513, (v) => (Array.isArray(v) ? { a: v } : [v])),
    result: 'invalid',
  })
  return t
}

export function signatureSuite() {
  return vectorFile(
    'signature',
    [
      'TH-CJSON-1 canonical encoding and threat signatures (docs/spec/canonical-encoding.md).',
      'canonicalHex is the lowercase hex of the canonical UTF-8 bytes; signature = category ":" hex(SHA-256(those bytes)).',
      'Payloads marked {"$float": "NaN"|"Infinity"|"-Infinity"} stand for those non-JSON numbers.',
    ],
    notes,
    [{ type: 'SignatureTest', tests: tests() }],
  )
}
