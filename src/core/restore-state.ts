/** Rebuilds the audit chain and the quarantine from a storage adapter's verified state. */

import type { AuditChain } from './audit-chain.js'
import { Evidence, type EvidenceContext } from './evidence.js'
import type { Quarantine } from './quarantine.js'
import type { StoredState } from './storage-port.js'

export function restoreState(state: StoredState, auditChain: AuditChain, quarantine: Quarantine, context: EvidenceContext): void {
  for (const record of state.records) auditChain.restore(record)
  for (const e of state.evidence) {
    // hashVerified: the adapter checked the bytes against the hash when it loaded them.
    quarantine.restore(new Evidence(e.bytes, e.signature, e.hash, e.severity, e.captured, e.compressed, context, true))
  }
}
