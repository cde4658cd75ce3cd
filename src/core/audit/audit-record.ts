/** v1's audit record hash input, bit-exact (docs/spec/audit.md); platform-free. */

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
  const id = JSON.stringify(r.id)
  const signature = JSON.stringify(r.signature)
  const timestamp = JSON.stringify(r.timestamp)
  const previousHash = JSON.stringify(r.previousHash)
  // JSON.stringify of the object omits undefined members; spelling the common case out saves an object per record.
  if (id === undefined || signature === undefined || timestamp === undefined || previousHash === undefined) {
    return JSON.stringify({ id: r.id, signature: r.signature, timestamp: r.timestamp, previousHash: r.previousHash })
  }
  return `{"id":${id},"signature":${signature},"timestamp":${timestamp},"previousHash":${previousHash}}`
}
