/** Audit answers, both directions: the engine's records, tree heads and proofs ⇄ tracehound.v1 messages. */

import type { DescMessage, MessageInitShape } from '@bufbuild/protobuf'
import type { AuditRecord, ConsistencyProof, EvidenceRecord, InclusionProof, TreeHead } from '../core/index.js'
import type {
  AuditRecordSchema,
  ConsistencyProofSchema,
  InclusionProofSchema,
  TreeHeadSchema,
  AuditRecord as WireAuditRecord,
  ConsistencyProof as WireConsistency,
  EvidenceRecord as WireEvidenceRecord,
  InclusionProof as WireInclusion,
  TreeHead as WireTreeHead,
} from '../gen/tracehound/v1/audit_pb.js'
import { severityFromWire } from './enums.js'
import { i64, u64 } from './numbers.js'

type Init<S extends DescMessage> = MessageInitShape<S>

/** A MAC travels as two strings, empty when the engine has no key. */
const signed = (kid: string, mac: string) => (mac ? { kid, mac } : {})

export function auditRecordToWire(r: AuditRecord): Init<typeof AuditRecordSchema> {
  return { id: r.id, type: r.type, signature: r.signature, timestampMs: i64(r.timestamp), hash: r.hash, previousHash: r.previousHash }
}

export const auditRecordFromWire = (r: WireAuditRecord): AuditRecord => ({
  id: r.id,
  type: r.type as AuditRecord['type'],
  signature: r.signature,
  timestamp: Number(r.timestampMs),
  hash: r.hash,
  previousHash: r.previousHash,
})

export const treeHeadToWire = (h: TreeHead): Init<typeof TreeHeadSchema> => ({
  treeSize: u64(h.treeSize),
  rootHash: h.rootHash,
  timestampMs: i64(h.timestamp),
  kid: h.kid ?? '',
  mac: h.mac ?? '',
})

export const treeHeadFromWire = (h: WireTreeHead): TreeHead => ({
  treeSize: Number(h.treeSize),
  rootHash: h.rootHash,
  timestamp: Number(h.timestampMs),
  ...signed(h.kid, h.mac),
})

export const inclusionProofToWire = (p: InclusionProof): Init<typeof InclusionProofSchema> => ({
  leafIndex: u64(p.leafIndex),
  treeSize: u64(p.treeSize),
  leafHash: p.leafHash,
  path: p.path,
})

export const inclusionProofFromWire = (p: WireInclusion): InclusionProof => ({
  leafIndex: Number(p.leafIndex),
  treeSize: Number(p.treeSize),
  leafHash: p.leafHash,
  path: p.path,
})

export const consistencyProofToWire = (p: ConsistencyProof): Init<typeof ConsistencyProofSchema> => ({
  firstSize: u64(p.firstSize),
  secondSize: u64(p.secondSize),
  path: p.path,
})

export const consistencyProofFromWire = (p: WireConsistency): ConsistencyProof => ({
  firstSize: Number(p.firstSize),
  secondSize: Number(p.secondSize),
  path: p.path,
})

export const evidenceRecordFromWire = (r: WireEvidenceRecord): EvidenceRecord => ({
  signature: r.signature,
  hash: r.hash,
  size: Number(r.size),
  // An unknown severity from a newer daemon reads as the lowest, never as a higher one.
  severity: severityFromWire(r.severity) ?? 'low',
  captured: Number(r.capturedMs),
  ...signed(r.kid, r.mac),
})
