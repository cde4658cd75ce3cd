/** What an engine answers about its audit state: tree heads, proofs and evidence records, MAC'd. */

import type { AuditChain } from './audit-chain.js'
import type { MacKeyring } from './mac.js'
import type { EvidenceHandle, Severity } from '../types.js'

/** The audit Merkle tree's size and root (lowercase hex), with its MAC when a key is set. */
export interface TreeHead {
  treeSize: number
  rootHash: string
  timestamp: number
  kid?: string
  mac?: string
}

/** RFC 9162 inclusion proof of one audit record's leaf. */
export interface InclusionProof {
  leafIndex: number
  treeSize: number
  leafHash: string
  path: string[]
}

/** RFC 9162 proof that a smaller audit tree is a prefix of a larger one. */
export interface ConsistencyProof {
  firstSize: number
  secondSize: number
  path: string[]
}

/** Evidence metadata as a MAC-able record (no bytes). */
export interface EvidenceRecord {
  signature: string
  hash: string
  size: number
  severity: Severity
  captured: number
  kid?: string
  mac?: string
}

/** The chain's tree head at `now`, MACed with the keyring's active key when it has one. */
export function treeHeadOf(chain: AuditChain, now: number, keyring: MacKeyring): TreeHead {
  const body = { treeSize: chain.treeSize, rootHash: chain.rootHash(), timestamp: now }
  return { ...body, ...keyring.sign(body) }
}

/** Throws AuditRangeError for an index or size outside the current tree. */
export function inclusionProofOf(chain: AuditChain, leafIndex: number, treeSize = chain.treeSize): InclusionProof {
  const path = chain.inclusionProof(leafIndex, treeSize)
  return { leafIndex, treeSize, leafHash: chain.leafHash(leafIndex), path }
}

/** Throws AuditRangeError unless 1 <= firstSize <= secondSize <= tree size. */
export function consistencyProofOf(chain: AuditChain, firstSize: number, secondSize = chain.treeSize): ConsistencyProof {
  return { firstSize, secondSize, path: chain.consistencyProof(firstSize, secondSize) }
}

/** The record of quarantined evidence (no bytes), MACed when the keyring has a key; null for no evidence. */
export function evidenceRecordOf(handle: EvidenceHandle | null, keyring: MacKeyring): EvidenceRecord | null {
  if (!handle) return null
  const { signature, hash, size, severity, captured } = handle
  const body = { signature, hash, size, severity, captured }
  return { ...body, ...keyring.sign(body) }
}
