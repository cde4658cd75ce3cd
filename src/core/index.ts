/**
 * Tracehound embedded library: the public API, a drop-in for @tracehound/core v1 plus the
 * verifiable-audit additions (Merkle proofs, MACs) and injection points (clock, random, keys).
 */

export type {
  AuditedEvacuation,
  AuditedNeutralization,
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
  EngineSettings,
  SettingsInput,
} from './config.js'
export { DEFAULT_CONFIG, mergeWithDefaults, resolveSettings } from './config.js'

export type { ConfigErrorCode, ErrorCode, ErrorState, StateOf, TracehoundErrorOptions } from './errors.js'
export { createError, ErrorCodes, errorState, Errors, isTracehoundError, TracehoundConfigError, TracehoundError } from './errors.js'

export type { GenerateSignatureOptions, Threat, ThreatInput } from './intercept/signature.js'
export { compareSignatures, createThreatInput, generateSignature, validateSignature } from './intercept/signature.js'

export { AuditChain, GENESIS_HASH } from './audit/audit-chain.js'
export { AUDIT_ENTRY_SCHEMA, AuditEntryError, auditLeafInput, checkAuditEntry, entryText, isChainRecord } from './audit/audit-entry.js'
export type { AuditEntry, BlockEntry, CaptureEntry, PurgeEntry } from './audit/audit-entry.js'
export type { AuditChainOptions, AuditFrontier, AuditStore, IAuditChain } from './audit/audit-chain.js'
export { AuditRangeError, RetentionError } from './audit/merkle-tree.js'
export { Evidence } from './intercept/evidence.js'
export type { EvidenceContext, EvidenceInit } from './intercept/evidence.js'
export { Quarantine } from './intercept/quarantine.js'
export type { InsertResult, QuarantineOptions, QuarantineStats, ReplaceResult } from './intercept/quarantine.js'
export { createRateLimiter, RateLimiter } from './intercept/rate-limiter.js'
export type { IRateLimiter, RateLimiterStats, RateLimitResult } from './intercept/rate-limiter.js'
export { createEvidenceFactory, EvidenceFactory } from './intercept/evidence-factory.js'
export type {
  EvidenceCreationResult,
  EvidenceEncoder,
  EvidenceFactoryOptions,
  IEvidenceFactory,
  SignedPayload,
  ThreatEvidenceSource,
} from './intercept/evidence-factory.js'
export { Agent, createAgent, emptyAgentStats } from './intercept/agent.js'
export type { AgentConfig, AgentStats, IAgent } from './intercept/agent.js'

export { Tracehound } from './tracehound.js'
export type { StoragePort, StoredEvidence, StoredState } from './ports/storage-port.js'
export { commitEachChange } from './ports/durability-port.js'
export type { DurabilityPort } from './ports/durability-port.js'
export { auditStoreOf, DURABLE_AUDIT_RETENTION } from './ports/storage-port.js'
export { restoreState } from './audit/restore-state.js'
export type {
  ConsistencyProof,
  EvidenceRecord,
  InclusionProof,
  ITracehound,
  TracehoundOptions,
  TracehoundStats,
  TreeHead,
} from './tracehound.js'

export { createManualClock, systemClock } from './ports/clock.js'
export type { Clock, ManualClock } from './ports/clock.js'
export { createSeededRandom, systemRandom } from './ports/random.js'
export type { RandomSource } from './ports/random.js'
export { createIdSource, generateSecureId, isValidSecureId } from './intercept/secure-id.js'
export type { IdSource } from './intercept/secure-id.js'
export { MacKeyring } from './audit/mac.js'
export type { Mac, MacKey } from './audit/mac.js'
export type { Bytes, CryptoPort } from './ports/crypto-port.js'

export { hash, hashBuffer } from './encoding/hash.js'
export { serialize, encodePayload, estimatePayloadSize } from './encoding/encode.js'
export type { EncodeResult, PreEncodedPayload } from './encoding/encode.js'
export { constantTimeBufferEqual, constantTimeEqual } from './encoding/compare.js'
export { CanonicalJsonError, canonicalize, MAX_DEPTH } from './encoding/canonical-json.js'
export { type CanonicalCheck, checkCanonical } from './encoding/canonical-json-check.js'

// Building blocks for this package's host layers (storage, daemon, conformance): the tree, hex, the crypto ports.
export { MemoryNodeStore, MerkleTree, nodePosition } from './audit/merkle-tree.js'
export type { MerkleNodeStore, MerkleTreeOptions } from './audit/merkle-tree.js'
export { auditRecordHashInput } from './audit/audit-record.js'
export { consistencyProofOf, evidenceRecordOf, inclusionProofOf, treeHeadOf } from './audit/audit-views.js'
export { fromHex, toHex } from './ports/crypto-port.js'
export { nodeCrypto } from './ports/node-crypto.js'
export { nobleCrypto } from './kernel/noble-crypto.js'

// The rest of v1's surface (observability, alerting, scheduling, trust boundaries, cold-storage formats).
export * from './v1/v1-surface.js'
