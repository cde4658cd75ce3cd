/**
 * What the daemon spends per threat payload before hashing it, in the two wire forms, same run:
 * - google.protobuf.Value (the old form): decode the Value, turn it into a JS value, encode
 *   TH-CJSON-1 — what the daemon did per threat until the payload became bytes;
 * - payload_cjson (now): the length check and the one-pass canonical check over the bytes.
 * Payloads: bench:daemon's ~200-byte threat, a 2 KB object of 50 keys, 24 nested levels.
 * Run: npm run bench:payload [-- --iterations 20000]
 */

import { fromBinary, type JsonValue, toBinary, toJson, fromJson } from '@bufbuild/protobuf'
import { ValueSchema } from '@bufbuild/protobuf/wkt'
import { checkCanonical } from '../src/core/index.js'
import { canonicalBytes } from '../src/core/kernel/index.js'

const ITER = Number(process.argv[process.argv.indexOf('--iterations') + 1]) || 20_000

let deep: JsonValue = 'core'
for (let i = 0; i < 24; i++) deep = i % 2 ? [deep] : { k: deep } // Value stops near 50 levels
const payloads: [string, JsonValue][] = [
  ['bench:daemon threat (~200 B)', { path: `/api/v1/accounts/12345/transfers?sort=desc&q=${"'OR 1=1--".repeat(12)}` }],
  ['50 keys (~2 KB)', Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`field${i}`, `value ${i} ${'x'.repeat(20)}`]))],
  ['24 levels', deep],
]

function time(f: () => unknown): number {
  for (let i = 0; i < ITER / 10; i++) f() // warm up
  const start = process.hrtime.bigint()
  for (let i = 0; i < ITER; i++) f()
  return Number(process.hrtime.bigint() - start) / 1000 / ITER
}

const rows = payloads.map(([name, payload]) => {
  const valueBytes = toBinary(ValueSchema, fromJson(ValueSchema, payload))
  const cjson = canonicalBytes(payload)
  const max = 1_000_000
  const value = time(() => canonicalBytes(toJson(ValueSchema, fromBinary(ValueSchema, valueBytes))))
  const bytes = time(() => cjson.length <= max && checkCanonical(cjson).ok)
  return [name, String(valueBytes.length), String(cjson.length), value.toFixed(2), bytes.toFixed(2), `${(value / bytes).toFixed(1)}×`]
})

const headers = [
  'payload',
  'Value bytes',
  'TH-CJSON-1 bytes',
  'Value: decode + to JS + encode µs',
  'bytes: length + canonical check µs',
  'Value / bytes',
]
const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
console.log(line(headers))
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
for (const r of rows) console.log(line(r))
console.log(`(${ITER} iterations each, one process, same run)`)
