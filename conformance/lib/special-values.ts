/**
 * Vector payloads are JSON, which cannot carry NaN or ±Infinity. Such inputs are written as the
 * marker object {"$float": "NaN" | "Infinity" | "-Infinity"}; every executor swaps them back.
 */

const SPECIAL: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity }

export function decodeSpecial(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeSpecial)
  if (value === null || typeof value !== 'object') return value
  const keys = Object.keys(value)
  const marker = (value as Record<string, unknown>).$float
  if (keys.length === 1 && typeof marker === 'string' && marker in SPECIAL) return SPECIAL[marker]
  const out: Record<string, unknown> = {}
  for (const k of keys) Object.defineProperty(out, k, { value: decodeSpecial((value as Record<string, unknown>)[k]), enumerable: true })
  return out
}

export function encodeSpecial(value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return { $float: String(value) }
  if (Array.isArray(value)) return value.map(encodeSpecial)
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: encodeSpecial(v), enumerable: true })
  return out
}
