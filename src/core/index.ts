/**
 * Tracehound embedded library: the public API, a drop-in for @tracehound/core v1 plus the
 * verifiable-audit additions (Merkle proofs, MACs) and injection points (clock, random, keys).
 */

export type {
  AuditRecord,
  EvacuateRecord,
  EvidenceHandle,
  InterceptResult,
  JsonPrimitive,
  JsonSerializable,
  NeutralizationRecord,
  PurgeRecord,
  Scent,
  Severity,
  ThreatCategory,
  ThreatSignal,
} from './types.js'
export { isClean, isError, isIgnored, isQuarantined, isRateLimited, SEVERITIES, THREAT_CATEGORIES } from './types.js'

export type {
  AlertConfig,
  AuditConfig,
  ColdStorageConfig,
  HoundConfig,
  QuarantineConfig,
  RateLimitConfig,
  RuntimeConfig,
  SchedulerConfig,
  TracehoundConfig,
} from './config.js'
export { DEFAULT_CONFIG, mergeWithDefaults } from './config.js'

export type { ErrorCode, ErrorState, TracehoundError } from './errors.js'
export { createError, ErrorCodes, Errors, isTracehoundError, TracehoundConfigError } from './errors.js'

export type { GenerateSignatureOptions, Threat, ThreatInput } from './signature.js'
export { compareSignatures, createThreatInput, generateSignature, validateSignature } from './signature.js'

export { AuditChain, GENESIS_HASH } from './audit-chain.js'
export { AUDIT_ENTRY_SCHEMA, AuditEntryError, auditLeafInput, checkAuditEntry, entryText, isChainRecord } from './audit-entry.js'
export type { AuditEntry, BlockEntry, CaptureEntry, PurgeEntry } from './audit-entry.js'
export type { AuditChainOptions, AuditFrontier, AuditStore, IAuditChain } from './audit-chain.js'
export { RetentionError } from './merkle-tree.js'
export { Evidence } from './evidence.js'
export type { EvidenceContext } from './evidence.js'
export { Quarantine } from './quarantine.js'
export type { InsertResult, QuarantineOptions, QuarantineStats, ReplaceResult } from './quarantine.js'
export { createRateLimiter, RateLimiter } from './rate-limiter.js'
export type { IRateLimiter, RateLimiterStats, RateLimitResult } from './rate-limiter.js'
export { createEvidenceFactory, EvidenceFactory } from './evidence-factory.js'
export type { EvidenceCreationResult, EvidenceEncoder, EvidenceFactoryOptions, IEvidenceFactory } from './evidence-factory.js'
export { Agent, createAgent, emptyAgentStats } from './agent.js'
export type { AgentConfig, AgentStats, IAgent } from './agent.js'

export { createTracehound, Tracehound } from './tracehound.js'
export type { StoragePort, StoredEvidence, StoredState } from './storage-port.js'
export { auditStoreOf, DURABLE_AUDIT_RETENTION } from './storage-port.js'
export { restoreState } from './restore-state.js'
export type {
  ConsistencyProof,
  EvidenceRecord,
  InclusionProof,
  ITracehound,
  TracehoundOptions,
  TracehoundStats,
  TreeHead,
} from './tracehound.js'

export { createManualClock, systemClock } from './clock.js'
export type { Clock, ManualClock } from './clock.js'
export { createSeededRandom, systemRandom } from './random.js'
export type { RandomSource } from './random.js'
export { createIdSource, generateSecureId, isValidSecureId } from './secure-id.js'
export type { IdSource } from './secure-id.js'
export { MacKeyring } from './mac.js'
export type { Mac, MacKey } from './mac.js'
export type { Bytes, CryptoPort } from './crypto-port.js'

export { hash, hashBuffer } from './hash.js'
export { serialize, encodePayload, estimatePayloadSize } from './encode.js'
export type { EncodeResult, PreEncodedPayload } from './encode.js'
export { constantTimeBufferEqual, constantTimeEqual } from './compare.js'
export { CanonicalJsonError, canonicalize, MAX_DEPTH } from './canonical-json.js'
export { type CanonicalCheck, checkCanonical } from './canonical-json-check.js'

// The rest of v1's surface (observability, alerting, scheduling, trust boundaries, cold-storage formats).
export * from './v1-surface.js'
