/** v1's audit record hash input, bit-exact (docs/spec/audit.md); platform-free. */

import { jsonText } from '../encoding/json-text.js'

/** The four fields of an audit record that its hash covers. */
export interface HashableAuditRecord {
  id: string
  signature: string
  timestamp: number
  previousHash: string
}

/** The previousHash of the first audit record: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64)

/** JSON.stringify of exactly these four keys in this order, as v1 hashes it. */
export function auditRecordHashInput(r: HashableAuditRecord): string {
  return recordHashText(r.id, r.signature, r.timestamp, r.previousHash)
}

/** auditRecordHashInput from the four fields: the chain hashes a record with its new previousHash without copying it. */
export function recordHashText(id: string, signature: string, timestamp: number, previousHash: string): string {
  const idText = jsonText(id)
  const signatureText = jsonText(signature)
  const timestampText = JSON.stringify(timestamp)
  const previousHashText = jsonText(previousHash)
  // JSON.stringify of the object omits undefined members; spelling the common case out saves an object per record.
  if (idText === undefined || signatureText === undefined || timestampText === undefined || previousHashText === undefined) {
    return JSON.stringify({ id, signature, timestamp, previousHash })
  }
  return `{"id":${idText},"signature":${signatureText},"timestamp":${timestampText},"previousHash":${previousHashText}}`
}
