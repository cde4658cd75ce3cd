/** Rebuilds the audit chain, the quarantine and the rate-limit blocks from a storage adapter's verified state. */

import type { AuditChain } from './audit-chain.js'
import { Evidence, type EvidenceContext } from '../intercept/evidence.js'
import type { Quarantine } from '../intercept/quarantine.js'
import type { RateLimiter } from '../intercept/rate-limiter.js'
import type { StoredState } from '../ports/storage-port.js'

/** Loads a storage adapter's verified state into a fresh engine (see the module comment). */
export function restoreState(
  state: StoredState,
  parts: { auditChain: AuditChain; quarantine: Quarantine; rateLimiter: RateLimiter },
  context: EvidenceContext,
): void {
  const { auditChain, quarantine, rateLimiter } = parts
  if (state.audit) auditChain.restoreFrontier(state.audit)
  for (const b of state.blocks) rateLimiter.restoreBlock(b.source, b.blockedUntil)
  for (const e of state.evidence) {
    // hashVerified: the adapter checked the bytes against the hash when it loaded them.
    quarantine.restore(new Evidence({ ...e, context, hashVerified: true }))
  }
}
