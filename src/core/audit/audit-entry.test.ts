import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AuditEntryError, auditLeafInput, checkAuditEntry, entryText, type AuditEntry } from './audit-entry.js'
import { canonicalize } from '../encoding/canonical-json.js'

const str = fc.string({ unit: 'binary' }) // lone surrogates included
const num = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(2 ** 53 - 1))
const entry: fc.Arbitrary<AuditEntry> = fc.oneof(
  fc.record({
    id: str,
    type: fc.constantFrom('neutralization' as const, 'evacuation' as const),
    signature: str,
    timestamp: num,
    previousHash: str,
    hash: str,
  }),
  fc.record({
    type: fc.constant('capture' as const),
    signature: str,
    hash: str,
    size: num,
    severity: fc.constantFrom('low' as const, 'critical' as const),
    captured: num,
    compressed: fc.boolean(),
  }),
  fc.record({
    type: fc.constant('purge' as const),
    signature: str,
    timestamp: num,
    reason: fc.constantFrom('timeout' as const, 'panic' as const),
  }),
  fc.record({ type: fc.constant('block' as const), source: str, blockedUntil: num }),
)

const sig = `spam:${'a'.repeat(64)}`
const capture = { type: 'capture', signature: sig, hash: 'a'.repeat(64), size: 3, severity: 'low', captured: 1, compressed: false }

describe('audit entries', () => {
  it('the spelled-out text is byte for byte TH-CJSON-1 of the entry', () => {
    fc.assert(
      fc.property(entry, (e) => {
        expect(entryText(e)).toBe(canonicalize(e))
      }),
      { numRuns: 2000 },
    )
  })

  it('a verifier refuses unknown types, fields outside the schema, missing and malformed fields', () => {
    expect(checkAuditEntry(capture)).toBe(capture)
    const refused = (e: unknown, why: RegExp) => expect(() => auditLeafInput(e as AuditEntry)).toThrow(why)
    refused({ ...capture, type: 'note' }, /unknown audit entry type "note"/)
    refused({ ...capture, type: 'toString' }, /unknown audit entry type/)
    refused({ ...capture, mac: 'ab' }, /field "mac" is not part of a capture entry/)
    refused({ ...capture, size: undefined }, /"size" is malformed/)
    const { size: _size, ...withoutSize } = capture
    refused(withoutSize, /capture entry without "size"/)
    refused({ ...capture, size: 2 ** 53 }, /"size" is malformed/)
    refused({ ...capture, captured: 1.5 }, /"captured" is malformed/)
    refused({ ...capture, hash: 'A'.repeat(64) }, /"hash" is malformed/)
    refused([capture], /a JSON object/)
    expect(() => checkAuditEntry(null)).toThrow(AuditEntryError)
  })
})
