/** Threat signatures: `category:sha256hex(TH-CJSON-1 bytes)` (docs/spec/canonical-encoding.md). */

import { constantTimeEqual } from '../encoding/compare.js'
import { payloadBytes } from '../encoding/encode.js'
import { nodeCrypto } from '../ports/node-crypto.js'
import type { Scent, Severity, ThreatCategory } from '../types.js'

/** What a threat signature is computed from: category and payload. */
export interface ThreatInput {
  readonly category: ThreatCategory
  readonly severity: Severity
  readonly scent: Scent
}

/** A threat with its signature. */
export interface Threat extends ThreatInput {
  readonly signature: string
}

/** Crypto used to compute a signature. */
export interface GenerateSignatureOptions {
  /** @default 1_000_000 */
  maxPayloadSize?: number
}

/** The signature input of a scent, or null for a scent without a threat. */
export function createThreatInput(scent: Scent): ThreatInput | null {
  return scent.threat ? { category: scent.threat.category, severity: scent.threat.severity, scent } : null
}

/** Throws v1's TracehoundError for payloads that cannot be encoded or are over the limit. */
export function generateSignature(threat: ThreatInput, options: GenerateSignatureOptions = {}): string {
  const bytes = payloadBytes(threat.scent.payload, options.maxPayloadSize ?? 1_000_000)
  return `${threat.category}:${nodeCrypto.sha256Hex(bytes)}`
}

/** Constant-time signature equality. */
export function compareSignatures(a: string, b: string): boolean {
  return constantTimeEqual(a, b)
}

const SIGNATURE = /^[^:]+:[a-f0-9]{64}$/

/** True for a category, `:` and 64 lowercase hex digits. */
export function validateSignature(sig: string): boolean {
  return SIGNATURE.test(sig)
}
