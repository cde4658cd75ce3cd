import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { auditRecordHashInput } from './audit-record.js'

describe('v1 audit record hash input', () => {
  it('is byte for byte JSON.stringify of {id, signature, timestamp, previousHash}', () => {
    const record = fc.record({
      id: fc.string(),
      signature: fc.string(),
      timestamp: fc.oneof(fc.integer(), fc.double()),
      previousHash: fc.string(),
    })
    fc.assert(
      fc.property(record, (r) => {
        expect(auditRecordHashInput(r)).toBe(
          JSON.stringify({ id: r.id, signature: r.signature, timestamp: r.timestamp, previousHash: r.previousHash }),
        )
      }),
      { numRuns: 1000 },
    )
    const missing = { id: 'a', signature: 's', timestamp: undefined as unknown as number, previousHash: 'p' }
    expect(auditRecordHashInput(missing)).toBe('{"id":"a","signature":"s","previousHash":"p"}')
  })
})
