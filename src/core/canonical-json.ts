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
  const indexKeys: string[] = []
  const otherKeys: string[] = []
  for (const key of keys) (isArrayIndexKey(key) ? indexKeys : otherKeys).push(key)
  indexKeys.sort((a, b) => Number(a) - Number(b))
  otherKeys.sort()
  return indexKeys.length === 0 ? otherKeys : indexKeys.concat(otherKeys)
}

/** Canonical TH-CJSON-1 text of a JSON value; throws CanonicalJsonError for what JSON cannot carry. */
export function canonicalize(value: unknown): string {
  try {
    return encodeValue(value, 'root', '')
  } catch (error) {
    if (error instanceof RangeError) throw new CanonicalJsonError('circular or too deeply nested value', 'root')
    throw error
  }
}

function encodeValue(value: unknown, path: string, key: string): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value)
    case 'number':
      if (Number.isNaN(value)) throw new CanonicalJsonError('NaN is not allowed', path)
      if (!Number.isFinite(value)) throw new CanonicalJsonError('Infinity is not allowed', path)
      return JSON.stringify(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'object':
      return value === null ? 'null' : encodeObject(value, path, key)
    case 'undefined':
      throw new CanonicalJsonError('undefined is not allowed (use null or omit the key)', path)
    default:
      throw new CanonicalJsonError(`${typeof value} is not serializable`, path)
  }
}

function encodeObject(value: object, path: string, key: string): string {
  if (Array.isArray(value)) {
    let out = '['
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ','
      out += encodeValue(value[i], `${path}[${i}]`, String(i))
    }
    return out + ']'
  }
  // Boxed primitives and inherited toJSON (Date) behave as in JSON.stringify.
  if (value instanceof Number || value instanceof String || value instanceof Boolean) {
    return encodeValue(value.valueOf(), path, key)
  }
  const record = value as Record<string, unknown>
  if (typeof record.toJSON === 'function' && !Object.prototype.hasOwnProperty.call(record, 'toJSON')) {
    return encodeValue((record.toJSON as (k: string) => unknown)(key), path, key)
  }
  let out = '{'
  let first = true
  for (const k of canonicalKeyOrder(Object.keys(record))) {
    if (!first) out += ','
    first = false
    out += JSON.stringify(k) + ':' + encodeValue(record[k], `${path}.${k}`, k)
  }
  return out + '}'
}

const utf8 = new TextEncoder()

/** Canonical UTF-8 bytes of a JSON value. */
export function canonicalBytes(value: unknown): Uint8Array {
  return utf8.encode(canonicalize(value))
}
