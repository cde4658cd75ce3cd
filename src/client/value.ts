/**
 * JS values ↔ google.protobuf.Value without a JSON detour: binary protobuf carries NaN and
 * ±Infinity in number_value, so a client can hand such a payload to the daemon and get the same
 * verdict (AGENT_SERIALIZATION_FAILED, rate-limited and counted first) the embedded engine gives.
 */

import { create } from '@bufbuild/protobuf'
import { ListValueSchema, NullValue, StructSchema, type Value, ValueSchema } from '@bufbuild/protobuf/wkt'
import type { JsonSerializable } from '../core/types.js'

/** Throws TypeError for what Value cannot carry at all (undefined, functions, bigint, symbols, cycles). */
export function valueFromJs(v: unknown, path = 'payload', seen = new Set<object>()): Value {
  switch (typeof v) {
    case 'number':
      return create(ValueSchema, { kind: { case: 'numberValue', value: v } })
    case 'string':
      return create(ValueSchema, { kind: { case: 'stringValue', value: v } })
    case 'boolean':
      return create(ValueSchema, { kind: { case: 'boolValue', value: v } })
    case 'object': {
      if (v === null) return create(ValueSchema, { kind: { case: 'nullValue', value: NullValue.NULL_VALUE } })
      if (seen.has(v)) throw new TypeError(`${path} is circular`)
      seen.add(v)
      try {
        if (Array.isArray(v)) {
          const values = v.map((item, i) => valueFromJs(item, `${path}[${i}]`, seen))
          return create(ValueSchema, { kind: { case: 'listValue', value: create(ListValueSchema, { values }) } })
        }
        const json = typeof (v as { toJSON?: unknown }).toJSON === 'function' ? (v as { toJSON(): unknown }).toJSON() : v
        if (json !== v) return valueFromJs(json, path, seen)
        const fields: Record<string, Value> = {}
        for (const [k, item] of Object.entries(v)) fields[k] = valueFromJs(item, `${path}.${k}`, seen)
        return create(ValueSchema, { kind: { case: 'structValue', value: create(StructSchema, { fields }) } })
      } finally {
        seen.delete(v)
      }
    }
    default:
      throw new TypeError(`${path} is ${typeof v}`)
  }
}

/** True when the payload holds NaN or ±Infinity, which only binary encodings carry. */
export function hasNonFinite(v: unknown): boolean {
  if (typeof v === 'number') return !Number.isFinite(v)
  if (Array.isArray(v)) return v.some(hasNonFinite)
  return typeof v === 'object' && v !== null && Object.values(v).some(hasNonFinite)
}

export function valueToJs(value: Value): JsonSerializable {
  const { kind } = value
  switch (kind.case) {
    case 'numberValue':
    case 'stringValue':
    case 'boolValue':
      return kind.value
    case 'listValue':
      return kind.value.values.map(valueToJs)
    case 'structValue': {
      const out: Record<string, JsonSerializable> = {}
      // defineProperty: a "__proto__" field must stay data.
      for (const [k, item] of Object.entries(kind.value.fields)) {
        Object.defineProperty(out, k, { value: valueToJs(item), enumerable: true, writable: true, configurable: true })
      }
      return out
    }
    default:
      return null
  }
}
