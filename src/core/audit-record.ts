/** v1's audit record hash input, bit-exact (DESIGN §4); platform-free. */

export interface HashableAuditRecord {
  id: string
  signature: string
  timestamp: number
  previousHash: string
}

export const GENESIS_HASH = '0'.repeat(64)

/** JSON.stringify of exactly these four keys in this order, as v1 hashes it. */
export function auditRecordHashInput(r: HashableAuditRecord): string {
  return JSON.stringify({ id: r.id, signature: r.signature, timestamp: r.timestamp, previousHash: r.previousHash })
}
