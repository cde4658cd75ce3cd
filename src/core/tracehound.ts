/** createTracehound: assembles the engine from options, with injected clock, randomness and keys. */

import { Agent, type AgentStats } from './intercept/agent.js'
import { AuditChain } from './audit/audit-chain.js'
import {
  type ConsistencyProof,
  consistencyProofOf,
  type EvidenceRecord,
  evidenceRecordOf,
  type InclusionProof,
  inclusionProofOf,
  type TreeHead,
  treeHeadOf,
} from './audit/audit-views.js'
import { type Clock, systemClock } from './ports/clock.js'
import { DEFAULT_CONFIG } from './config.js'
import type { CryptoPort } from './ports/crypto-port.js'
import { Errors, TracehoundConfigError, type TracehoundError } from './errors.js'
import type { EvidenceContext } from './intercept/evidence.js'
import { type EvidenceEncoder, EvidenceFactory } from './intercept/evidence-factory.js'
import { type Mac, type MacKey, MacKeyring } from './audit/mac.js'
import { nodeCrypto } from './ports/node-crypto.js'
import { Quarantine, type QuarantineStats } from './intercept/quarantine.js'
import { type RandomSource, systemRandom } from './ports/random.js'
import { type IRateLimiter, RateLimiter, type RateLimiterStats } from './intercept/rate-limiter.js'
import { createIdSource } from './intercept/secure-id.js'
import type { InterceptResult, Scent, Severity } from './types.js'
import { type ColdStorageTarget, evacuate, type EvacuationOutcome } from './intercept/evacuation.js'
import { createFailSafe, type FailSafe, type FailSafeOverrides } from './observers/fail-safe.js'
import { createInterceptObserver, reportPanics } from './observers/intercept-observer.js'
import { type INotificationEmitter, NotificationHub } from './observers/notification-hub.js'
import { restoreState } from './audit/restore-state.js'
import { type ISecurityState, SecurityState } from './observers/security-state.js'
import { auditStoreOf, type StoragePort } from './ports/storage-port.js'
import { type IWatcher, Watcher, type WatcherConfig } from './observers/watcher.js'

/** Options of the engine; every one has a default (v1's where v1 had the option). */
export interface TracehoundOptions {
  /** @default 1_000_000 bytes of canonical JSON; equal is allowed */
  maxPayloadSize?: number
  quarantine?: { maxCount?: number; maxBytes?: number }
  rateLimit?: { windowMs?: number; maxRequests?: number; blockDurationMs?: number }
  /** ms since epoch; @default Date.now */
  clock?: Clock
  /** @default crypto.getRandomValues */
  random?: RandomSource
  /** HMAC keys for tree heads and evidence records; none → records carry no MAC. */
  macKeys?: readonly MacKey[]
  /** Key id that signs; @default the first key */
  activeKid?: string
  /** Compresses stored evidence bytes (hash and signature stay over the canonical bytes). */
  codec?: EvidenceEncoder
  crypto?: CryptoPort
  /** Where engine events go; @default an in-process hub (the root package passes v1's webhook-capable emitter). */
  notifications?: INotificationEmitter
  /** @default maxAlertsPerWindow 10, alertWindowMs 60_000, quarantineHighWatermark 0.8 */
  watcher?: Partial<WatcherConfig>
  /** Quarantine-capacity thresholds are checked after every capture; @default DEFAULT_FAIL_SAFE_CONFIG */
  failSafe?: FailSafeOverrides
  /** @default maxHistorySize 10_000 */
  securityState?: { maxHistorySize?: number }
  /** Enables evacuate(); the root package fills `encode` with gzip + SHA-256. */
  coldStorage?: ColdStorageTarget
  /**
   * Durable state (e.g. src/storage's SQLite ledger): restored at construction, and every
   * intercept that changed it returns only after commit. @default none: memory only
   */
  storage?: StoragePort
  /**
   * Keep audit records and Merkle nodes for the newest N leaves only: memory stays flat, and a
   * proof about an older leaf throws RetentionError (a RangeError). Default: all (v1). A storage
   * that serves old nodes (the ledger) bounds memory by itself.
   */
  auditRetention?: number
}

export type { ConsistencyProof, EvidenceRecord, InclusionProof, TreeHead }

/** Counters of every part of the engine, and whether MACs are on. */
export interface TracehoundStats {
  agent: AgentStats
  quarantine: QuarantineStats
  rateLimiter: RateLimiterStats
  audit: { records: number; treeSize: number }
  mac: { enabled: boolean; activeKid?: string }
}

/** The engine's public contract: v1's parts plus tree heads, proofs and evidence records. */
export interface ITracehound {
  readonly agent: Agent
  readonly quarantine: Quarantine
  readonly rateLimiter: IRateLimiter
  readonly auditChain: AuditChain
  readonly notifications: INotificationEmitter
  readonly watcher: IWatcher
  readonly securityState: ISecurityState
  readonly failSafe: FailSafe
  /** The verdict for one scent (v1's intercept); never throws: failures are `error` verdicts. */
  intercept(scent: Scent): InterceptResult
  /** Moves evidence to the configured cold storage; never rejects. */
  evacuate(signature: string): Promise<EvacuationOutcome>
  /** The audit tree head now, MACed when a key is configured. */
  treeHead(): TreeHead
  /** The inclusion proof of audit record `leafIndex` (default tree: the current one). */
  inclusionProof(leafIndex: number, treeSize?: number): InclusionProof
  /** The proof that the tree of `firstSize` leaves is a prefix of the tree of `secondSize`. */
  consistencyProof(firstSize: number, secondSize?: number): ConsistencyProof
  /** The record of quarantined evidence (no bytes), MACed when a key is set; null when none. */
  evidenceRecord(signature: string): EvidenceRecord | null
  /** Counters of every part of the engine. */
  stats(): TracehoundStats
}

/**
 * The engine: agent, quarantine, rate limiter, audit chain, observers and optional durable
 * storage, assembled from TracehoundOptions. Use createTracehound.
 */
export class Tracehound implements ITracehound {
  readonly agent: Agent
  readonly quarantine: Quarantine
  readonly rateLimiter: IRateLimiter
  readonly auditChain: AuditChain
  readonly notifications: INotificationEmitter
  readonly watcher: IWatcher
  readonly securityState: ISecurityState
  readonly failSafe: FailSafe
  private readonly coldStorage: ColdStorageTarget | undefined
  private readonly clock: Clock
  private readonly keyring: MacKeyring
  private readonly storage: StoragePort | undefined

  constructor(options: TracehoundOptions = {}) {
    const crypto = options.crypto ?? nodeCrypto
    this.clock = options.clock ?? systemClock
    const context: EvidenceContext = { clock: this.clock, newId: createIdSource(this.clock, options.random ?? systemRandom) }
    this.keyring = new MacKeyring(options.macKeys ?? [], crypto, options.activeKid)
    const quarantine = { ...DEFAULT_CONFIG.quarantine, ...options.quarantine }
    if (!(quarantine.maxCount > 0)) throw new TracehoundConfigError('CONFIG_QUARANTINE_INVALID', 'quarantine.maxCount must be positive')
    if (!(quarantine.maxBytes > 0)) throw new TracehoundConfigError('CONFIG_QUARANTINE_INVALID', 'quarantine.maxBytes must be positive')

    this.auditChain = new AuditChain({ crypto, ...auditStoreOf(options.storage), ...(options.auditRetention !== undefined && { retain: options.auditRetention }) })
    this.notifications = options.notifications ?? new NotificationHub({ clock: this.clock })
    this.watcher = new Watcher(options.watcher, { clock: this.clock })
    this.securityState = new SecurityState({ ...options.securityState, quarantineMaxBytes: quarantine.maxBytes, clock: this.clock })
    this.failSafe = createFailSafe(options.failSafe, { clock: this.clock })
    this.coldStorage = options.coldStorage
    reportPanics(this.failSafe, this.securityState, this.notifications)
    const observer = createInterceptObserver({
      notifications: this.notifications,
      watcher: this.watcher,
      securityState: this.securityState,
      failSafe: this.failSafe,
      quarantineStats: () => this.quarantine.stats,
      limits: quarantine,
    })
    this.quarantine = new Quarantine(quarantine, this.auditChain, {
      context,
      onEvict: (_evidence, record) => observer.afterEvict(record),
      ...(options.storage && { storage: options.storage }),
    })
    const storage = options.storage
    const rateLimiter = new RateLimiter(
      { ...DEFAULT_CONFIG.rateLimit, ...options.rateLimit },
      this.clock,
      // Logged with or without storage, so a tree head does not depend on where state is kept.
      (source, until) => {
        const entry = this.auditChain.appendBlock(source, until)
        storage?.sourceBlocked(source, until, entry)
      },
    )
    this.rateLimiter = rateLimiter
    this.storage = storage
    if (storage) restoreState(storage.load(), { auditChain: this.auditChain, quarantine: this.quarantine, rateLimiter }, context)
    const factory = new EvidenceFactory({ context, crypto, ...(options.codec && { codec: options.codec }) })
    this.agent = new Agent(
      { maxPayloadSize: options.maxPayloadSize ?? DEFAULT_CONFIG.maxPayloadSize },
      this.quarantine,
      this.rateLimiter,
      factory,
      observer.afterIntercept,
    )
  }

  /** Same call as agent.intercept (the RFC's shape); never throws. */
  intercept(scent: Scent): InterceptResult {
    const result = this.agent.intercept(scent)
    return this.storage === undefined ? result : this.durable(result)
  }

  evacuate(signature: string): Promise<EvacuationOutcome> {
    const outcome = evacuate(this.quarantine, this.coldStorage, signature)
    if (this.storage === undefined) return outcome
    return outcome.then((o) => {
      const failure = o.ok ? this.commitFailure() : undefined
      return failure ? { ok: false, error: failure } : o
    })
  }

  /** Commits before a verdict leaves; a failed commit makes it an error, never a throw. */
  private durable(result: InterceptResult): InterceptResult {
    const failure = this.commitFailure()
    return failure ? { status: 'error', error: failure } : result
  }

  private commitFailure(): TracehoundError | undefined {
    try {
      this.storage!.commit()
      return undefined
    } catch (e) {
      return Errors.storageCommitFailed(e instanceof Error ? e.message : String(e))
    }
  }

  treeHead(): TreeHead {
    return treeHeadOf(this.auditChain, this.clock(), this.keyring)
  }

  inclusionProof(leafIndex: number, treeSize?: number): InclusionProof {
    return inclusionProofOf(this.auditChain, leafIndex, treeSize)
  }

  consistencyProof(firstSize: number, secondSize?: number): ConsistencyProof {
    return consistencyProofOf(this.auditChain, firstSize, secondSize)
  }

  evidenceRecord(signature: string): EvidenceRecord | null {
    return evidenceRecordOf(this.quarantine.get(signature), this.keyring)
  }

  /** Checks a MAC made by this engine's keyring (any configured key id). */
  verifyMac(body: object, mac: Mac): boolean {
    return this.keyring.verify(body, mac)
  }

  stats(): TracehoundStats {
    return {
      agent: this.agent.getStats(),
      quarantine: this.quarantine.stats,
      rateLimiter: this.rateLimiter.stats,
      audit: { records: this.auditChain.length, treeSize: this.auditChain.treeSize },
      mac: { enabled: this.keyring.enabled, ...(this.keyring.activeKeyId !== undefined && { activeKid: this.keyring.activeKeyId }) },
    }
  }
}

export function createTracehound(options: TracehoundOptions = {}): Tracehound {
  return new Tracehound(options)
}
