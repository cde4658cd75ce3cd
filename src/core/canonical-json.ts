/**
 * TH-CJSON-1 canonical JSON (DESIGN §3): v1's sorted-key JSON.stringify, pinned down.
 * Platform-free: shared by the engine and the verification kernel.
 */

export class CanonicalJsonError extends Error {
  constructor(
    readonly reason: string,
    readonly path: string,
  ) {
    super(`${reason} at ${path}`)
    this.name = 'CanonicalJsonError'
  }
}

/** Internal: carries the refused value; its path is found afterwards, off the hot path. */
class Refusal {
  constructor(
    readonly reason: string,
    readonly value: unknown,
  ) {}
}

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
  try {
    return encodeValue(value, '')
  } catch (error) {
    if (error instanceof Refusal) throw new CanonicalJsonError(error.reason, 'root' + (pathTo(value, error.value) ?? ''))
    if (error instanceof RangeError) throw new CanonicalJsonError('circular or too deeply nested value', 'root')
    throw error
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
    let out = '['
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ','
      out += encodeValue(value[i], String(i))
    }
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
  let out = '{'
  let first = true
  for (const k of canonicalKeyOrder(Object.keys(record))) {
    if (!first) out += ','
    first = false
    out += JSON.stringify(k) + ':' + encodeValue(record[k], k)
  }
  return out + '}'
}

/** Depth-first path to the first occurrence of `target` (Object.is, so NaN is found). */
function pathTo(value: unknown, target: unknown, seen = new Set<object>()): string | undefined {
  if (Object.is(value, target)) return ''
  if (value === null || typeof value !== 'object' || seen.has(value)) return undefined
  seen.add(value)
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [`[${i}]`, v])
    : Object.keys(value).map((k) => [`.${k}`, (value as Record<string, unknown>)[k]])
  for (const [segment, child] of entries) {
    const rest = pathTo(child, target, seen)
    if (rest !== undefined) return segment + rest
  }
  return undefined
}

const utf8 = new TextEncoder()

/** Canonical UTF-8 bytes of a JSON value. */
export function canonicalBytes(value: unknown): Uint8Array {
  return utf8.encode(canonicalize(value))
}
