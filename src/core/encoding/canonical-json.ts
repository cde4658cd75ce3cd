/**
 * TH-CJSON-1 canonical JSON (DESIGN §3): v1's sorted-key JSON.stringify, pinned down.
 * Platform-free: shared by the engine and the verification kernel.
 */

/** The one structural limit (a scalar at the top is depth 0, `[]` is 1): deeper is refused everywhere. */
export const MAX_DEPTH = 512

/** A value TH-CJSON-1 cannot encode (NaN, ±Infinity, a non-JSON type, a cycle, nesting past MAX_DEPTH), with where it was. */
export class CanonicalJsonError extends Error {
  constructor(
    readonly reason: string,
    readonly path: string,
    /** Nesting over MAX_DEPTH: the engine answers payload_too_large, never error. */
    readonly tooDeep = false,
  ) {
    super(`${reason} at ${path}`)
    this.name = 'CanonicalJsonError'
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

/** Object keys in TH-CJSON-1 order: array-index keys numerically, then UTF-16 code-unit order. */
export function canonicalKeyOrder(keys: string[]): string[] {
  if (isPlainSorted(keys)) return keys
  const indexKeys: string[] = []
  const otherKeys: string[] = []
  for (const key of keys) (isArrayIndexKey(key) ? indexKeys : otherKeys).push(key)
  indexKeys.sort((a, b) => Number(a) - Number(b))
  otherKeys.sort()
  return indexKeys.length === 0 ? otherKeys : indexKeys.concat(otherKeys)
}

/** Already canonical and free of index keys: the common case for small objects, no sort needed. */
function isPlainSorted(keys: string[]): boolean {
  for (let i = 0; i < keys.length; i++) {
    if (isArrayIndexKey(keys[i]!) || (i > 0 && keys[i - 1]! >= keys[i]!)) return false
  }
  return true
}

/** Canonical TH-CJSON-1 text of a JSON value; throws CanonicalJsonError for what JSON cannot carry. */
export function canonicalize(value: unknown): string {
  const outer = open
  open = []
  try {
    return encodeValue(value, '')
  } catch (error) {
    if (error instanceof Refusal) {
      if (error.tooDeep) throw new CanonicalJsonError(error.reason, 'root', true)
      throw new CanonicalJsonError(error.reason, 'root' + (pathTo(value, error.value) ?? ''))
    }
    throw error
  } finally {
    open = outer // a toJSON that canonicalizes re-enters
  }
}

function encodeValue(value: unknown, key: string): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value)
    case 'number':
      if (Number.isNaN(value)) throw new Refusal('NaN is not allowed', value)
      if (!Number.isFinite(value)) throw new Refusal('Infinity is not allowed', value)
      return JSON.stringify(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'object':
      return value === null ? 'null' : encodeObject(value, key)
    case 'undefined':
      throw new Refusal('undefined is not allowed (use null or omit the key)', value)
    default:
      throw new Refusal(`${typeof value} is not serializable`, value)
  }
}

function encodeObject(value: object, key: string): string {
  if (Array.isArray(value)) {
    enter(value)
    let out = '['
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ','
      out += encodeValue(value[i], String(i))
    }
    open.pop()
    return out + ']'
  }
  // Boxed primitives and inherited toJSON (Date) behave as in JSON.stringify.
  if (value instanceof Number || value instanceof String || value instanceof Boolean) {
    return encodeValue(value.valueOf(), key)
  }
  const record = value as Record<string, unknown>
  if (typeof record.toJSON === 'function' && !Object.prototype.hasOwnProperty.call(record, 'toJSON')) {
    return encodeValue((record.toJSON as (k: string) => unknown)(key), key)
  }
  enter(value)
  let out = '{'
  let first = true
  for (const k of canonicalKeyOrder(Object.keys(record))) {
    if (!first) out += ','
    first = false
    out += JSON.stringify(k) + ':' + encodeValue(record[k], k)
  }
  open.pop()
  return out + '}'
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

const utf8 = new TextEncoder()

/** Canonical UTF-8 bytes of a JSON value. */
export function canonicalBytes(value: unknown): Uint8Array {
  return utf8.encode(canonicalize(value))
}
