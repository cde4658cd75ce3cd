/**
 * TH-CJSON-1 canonical JSON (docs/spec/canonical-encoding.md): v1's sorted-key JSON.stringify, pinned down.
 * Platform-free: shared by the engine and the verification kernel.
 */

import { TracehoundError } from '../errors.js'

/** The one structural limit (a scalar at the top is depth 0, `[]` is 1): deeper is refused everywhere. */
export const MAX_DEPTH = 512

/** A value TH-CJSON-1 cannot encode (NaN, ±Infinity, a non-JSON type, a cycle, nesting past MAX_DEPTH), with where it was. */
export class CanonicalJsonError extends TracehoundError<'CANONICAL_VALUE_INVALID' | 'CANONICAL_TOO_DEEP'> {
  constructor(
    readonly reason: string,
    readonly path: string,
    /** Nesting over MAX_DEPTH: the engine answers payload_too_large, never error. */
    readonly tooDeep = false,
  ) {
    super(tooDeep ? 'CANONICAL_TOO_DEEP' : 'CANONICAL_VALUE_INVALID', `${reason} at ${path}`, { context: { reason, path } })
  }

  override get name(): string {
    return 'CanonicalJsonError'
  }
}

export const TOO_DEEP = `nesting deeper than ${MAX_DEPTH} levels`

/** Internal: carries the refused value; its path is found afterwards, off the hot path. */
class Refusal {
  constructor(
    readonly reason: string,
    readonly value: unknown,
    readonly tooDeep = false,
  ) {}
}

/** The containers being encoded, outermost first: bounds the recursion and tells a cycle from depth. */
let open: object[] = []

const MAX_ARRAY_INDEX = 4294967294

/** A decimal string of an integer 0..2^32-2 without leading zeros: JavaScript orders these first. */
export function isArrayIndexKey(key: string): boolean {
  const len = key.length
  if (len === 0 || len > 10) return false
  const first = key.charCodeAt(0)
  if (first < 48 || first > 57 || (first === 48 && len > 1)) return false
  for (let i = 1; i < len; i++) {
    const c = key.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  return len < 10 || Number(key) <= MAX_ARRAY_INDEX
}

/**
 * Object keys in TH-CJSON-1 order: array-index keys numerically, then UTF-16 code-unit order.
 * Sorts `keys` in place (callers pass a fresh Object.keys array) unless index keys are among them.
 */
export function canonicalKeyOrder(keys: string[]): string[] {
  let sorted = true
  for (let i = 0; i < keys.length; i++) {
    if (isArrayIndexKey(keys[i]!)) return withIndexKeys(keys)
    if (i > 0 && keys[i - 1]! >= keys[i]!) sorted = false
  }
  if (sorted) return keys
  // `<` and the default sort both compare UTF-16 code units: the canonical order of non-index keys.
  return keys.length <= INSERTION_SORT_MAX ? insertionSort(keys) : keys.sort()
}

/**
 * Up to this many keys, an insertion sort in place: Array.prototype.sort allocates work arrays on
 * every call (the largest allocator of the intercept path), and an object's key count stays small.
 * Above it, sort's O(n log n) bounds what an attacker's wide object costs.
 */
const INSERTION_SORT_MAX = 32

function insertionSort(keys: string[]): string[] {
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!
    let j = i - 1
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!
      j--
    }
    keys[j + 1] = key
  }
  return keys
}

function withIndexKeys(keys: string[]): string[] {
  const indexKeys: string[] = []
  const otherKeys: string[] = []
  for (const key of keys) (isArrayIndexKey(key) ? indexKeys : otherKeys).push(key)
  indexKeys.sort((a, b) => Number(a) - Number(b))
  otherKeys.sort()
  return indexKeys.concat(otherKeys)
}

/**
 * The output buffer: UTF-8 is written straight into it (no intermediate strings for the GC), and
 * the caller gets an exact-size copy. Module-level and reused; a re-entrant call (a toJSON that
 * canonicalizes) finds it taken and uses a fresh one.
 */
class Writer {
  buf = new Uint8Array(INITIAL_BUFFER)
  pos = 0

  ensure(extra: number): void {
    const need = this.pos + extra
    if (need <= this.buf.length) return
    let size = this.buf.length * 2
    while (size < need) size *= 2
    const next = new Uint8Array(size)
    next.set(this.buf.subarray(0, this.pos))
    this.buf = next
  }
}

const INITIAL_BUFFER = 16 * 1024
/** A buffer grown past this by one large payload is not kept for the next. */
const KEPT_BUFFER = 1024 * 1024
let idle: Writer | null = new Writer()

/** Canonical UTF-8 bytes of a JSON value; throws CanonicalJsonError for what JSON cannot carry. */
export function canonicalBytes(value: unknown): Uint8Array {
  return encode(value, false)
}

/**
 * canonicalBytes without the copy: a view of the shared output buffer, valid until the next
 * encoding. For bytes that are only hashed (a duplicate threat's signature) or copied at once.
 */
export function canonicalView(value: unknown): Uint8Array {
  return encode(value, true)
}

/** The output as a view of the writer's buffer, or as an exact-size copy. */
function encode(value: unknown, view: boolean): Uint8Array {
  const w = idle ?? new Writer()
  idle = null
  const outer = open
  open = []
  w.pos = 0
  try {
    writeValue(w, value, '')
    return view ? w.buf.subarray(0, w.pos) : w.buf.slice(0, w.pos)
  } catch (error) {
    if (error instanceof Refusal) {
      if (error.tooDeep) throw new CanonicalJsonError(error.reason, 'root', true)
      throw new CanonicalJsonError(error.reason, 'root' + (pathTo(value, error.value) ?? ''))
    }
    throw error
  } finally {
    open = outer // a toJSON that canonicalizes re-enters
    if (w.buf.length > KEPT_BUFFER) w.buf = new Uint8Array(INITIAL_BUFFER)
    idle = w
  }
}

const utf8Decoder = new TextDecoder()

/** Canonical TH-CJSON-1 text of a JSON value (the bytes decoded: always well-formed, lone surrogates are escaped). */
export function canonicalize(value: unknown): string {
  return utf8Decoder.decode(canonicalBytes(value))
}

/** `key`: what JSON.stringify would pass a toJSON (an array index stays a number until then). */
function writeValue(w: Writer, value: unknown, key: string | number): void {
  switch (typeof value) {
    case 'string':
      return writeString(w, value)
    case 'number':
      if (Number.isNaN(value)) throw new Refusal('NaN is not allowed', value)
      if (!Number.isFinite(value)) throw new Refusal('Infinity is not allowed', value)
      // ECMAScript Number::toString, which is what JSON.stringify writes for a finite number (-0 too).
      return writeAscii(w, String(value))
    case 'boolean':
      return writeAscii(w, value ? 'true' : 'false')
    case 'object':
      return value === null ? writeAscii(w, 'null') : writeObject(w, value, key)
    case 'undefined':
      throw new Refusal('undefined is not allowed (use null or omit the key)', value)
    default:
      throw new Refusal(`${typeof value} is not serializable`, value)
  }
}

function writeObject(w: Writer, value: object, key: string | number): void {
  if (Array.isArray(value)) {
    enter(value)
    w.ensure(1)
    w.buf[w.pos++] = 0x5b // [
    for (let i = 0; i < value.length; i++) {
      if (i > 0) {
        w.ensure(1)
        w.buf[w.pos++] = 0x2c // ,
      }
      writeValue(w, value[i], i)
    }
    open.pop()
    w.ensure(1)
    w.buf[w.pos++] = 0x5d // ]
    return
  }
  // Boxed primitives and inherited toJSON (Date) behave as in JSON.stringify.
  if (value instanceof Number || value instanceof String || value instanceof Boolean) {
    return writeValue(w, value.valueOf(), key)
  }
  const record = value as Record<string, unknown>
  if (typeof record.toJSON === 'function' && !Object.hasOwn(record, 'toJSON')) {
    return writeValue(w, (record.toJSON as (k: string) => unknown)(String(key)), key)
  }
  enter(value)
  w.ensure(1)
  w.buf[w.pos++] = 0x7b // {
  let first = true
  for (const k of canonicalKeyOrder(Object.keys(record))) {
    if (!first) {
      w.ensure(1)
      w.buf[w.pos++] = 0x2c
    }
    first = false
    writeString(w, k)
    w.ensure(1)
    w.buf[w.pos++] = 0x3a // :
    writeValue(w, record[k], k)
  }
  open.pop()
  w.ensure(1)
  w.buf[w.pos++] = 0x7d // }
}

function writeAscii(w: Writer, text: string): void {
  w.ensure(text.length)
  const buf = w.buf
  let pos = w.pos
  for (let i = 0; i < text.length; i++) buf[pos++] = text.charCodeAt(i)
  w.pos = pos
}

const HEX_DIGITS = '0123456789abcdef'
const encoder = new TextEncoder()
/** Below this length the loop beats a call into the platform's encoder. */
const NATIVE_MIN = 32
/** Exactly the code units JSON.stringify escapes, plus surrogates (a pair is encoded by the loop too). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are the ones JSON escapes
const ESCAPED_OR_SURROGATE = /["\\\u0000-\u001f\ud800-\udfff]/

/** JSON.stringify's string form, as UTF-8: the same escapes (lowercase \u00xx, lone surrogates as \udxxx). */
function writeString(w: Writer, s: string): void {
  const len = s.length
  w.ensure(len * 6 + 2) // \uXXXX is the longest a code unit gets
  const buf = w.buf
  let pos = w.pos
  buf[pos++] = 0x22
  // A longer string with nothing to escape and no surrogate: the platform's encoder, in place.
  if (len >= NATIVE_MIN && !ESCAPED_OR_SURROGATE.test(s)) {
    pos += encoder.encodeInto(s, buf.subarray(pos)).written
    buf[pos++] = 0x22
    w.pos = pos
    return
  }
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) {
      if (c >= 0x20 && c !== 0x22 && c !== 0x5c) {
        buf[pos++] = c
        continue
      }
      buf[pos++] = 0x5c
      switch (c) {
        case 0x22:
        case 0x5c:
          buf[pos++] = c
          break
        case 0x08:
          buf[pos++] = 0x62 // b
          break
        case 0x09:
          buf[pos++] = 0x74 // t
          break
        case 0x0a:
          buf[pos++] = 0x6e // n
          break
        case 0x0c:
          buf[pos++] = 0x66 // f
          break
        case 0x0d:
          buf[pos++] = 0x72 // r
          break
        default:
          pos = writeUnicodeEscape(buf, pos, c)
      }
    } else if (c < 0x800) {
      buf[pos++] = 0xc0 | (c >> 6)
      buf[pos++] = 0x80 | (c & 0x3f)
    } else if (c < 0xd800 || c > 0xdfff) {
      buf[pos++] = 0xe0 | (c >> 12)
      buf[pos++] = 0x80 | ((c >> 6) & 0x3f)
      buf[pos++] = 0x80 | (c & 0x3f)
    } else {
      const next = i + 1 < len ? s.charCodeAt(i + 1) : 0
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00)
        buf[pos++] = 0xf0 | (cp >> 18)
        buf[pos++] = 0x80 | ((cp >> 12) & 0x3f)
        buf[pos++] = 0x80 | ((cp >> 6) & 0x3f)
        buf[pos++] = 0x80 | (cp & 0x3f)
        i++
      } else {
        buf[pos++] = 0x5c
        pos = writeUnicodeEscape(buf, pos, c)
      }
    }
  }
  buf[pos++] = 0x22
  w.pos = pos
}

/** `u` and four lowercase hex digits (the backslash is already written). */
function writeUnicodeEscape(buf: Uint8Array, pos: number, c: number): number {
  buf[pos++] = 0x75
  buf[pos++] = HEX_DIGITS.charCodeAt(c >> 12)
  buf[pos++] = HEX_DIGITS.charCodeAt((c >> 8) & 0xf)
  buf[pos++] = HEX_DIGITS.charCodeAt((c >> 4) & 0xf)
  buf[pos++] = HEX_DIGITS.charCodeAt(c & 0xf)
  return pos
}

/** One level deeper; refuses past MAX_DEPTH, so the recursion is bounded whatever the input. */
function enter(value: object): void {
  if (open.length >= MAX_DEPTH) {
    // Off the hot path: only here do we look for a cycle, which is not JSON at all.
    const cyclic = open.includes(value) || new Set(open).size < open.length
    throw cyclic ? new Refusal('circular value', value) : new Refusal(TOO_DEEP, value, true)
  }
  open.push(value)
}

/** Depth-first path to the first occurrence of `target` (Object.is, so NaN is found). */
function pathTo(value: unknown, target: unknown, seen = new Set<object>(), depth = 0): string | undefined {
  if (Object.is(value, target)) return ''
  if (value === null || typeof value !== 'object' || seen.has(value) || depth > MAX_DEPTH) return undefined
  seen.add(value)
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [`[${i}]`, v])
    : Object.keys(value).map((k) => [`.${k}`, (value as Record<string, unknown>)[k]])
  for (const [segment, child] of entries) {
    const rest = pathTo(child, target, seen, depth + 1)
    if (rest !== undefined) return segment + rest
  }
  return undefined
}
