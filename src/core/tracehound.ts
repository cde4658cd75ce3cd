/**
 * The engine, composed once: every host (the embedded library, its Node variant, the daemon)
 * builds this and adds only its own ports. `reconfigure` swaps the reloadable parts in one step
 * and keeps the audit chain, its Merkle tree and the quarantined evidence.
 */

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
import { AuditChain, type AuditChainOptions } from './audit/audit-chain.js'
import { type Mac, MacKeyring } from './audit/mac.js'
import { restoreState } from './audit/restore-state.js'
import { type EngineSettings, resolveSettings, type SettingsInput } from './config.js'
import type { PreEncodedPayload } from './encoding/encode.js'
import { Errors, TracehoundError } from './errors.js'
import { Agent, type AgentStats, emptyAgentStats } from './intercept/agent.js'
import { type ColdStorageTarget, evacuate, type EvacuationOutcome } from './intercept/evacuation.js'
import type { EvidenceContext } from './intercept/evidence.js'
import { type EvidenceEncoder, EvidenceFactory } from './intercept/evidence-factory.js'
import { Quarantine, type QuarantineStats } from './intercept/quarantine.js'
import { type IRateLimiter, RateLimiter, type RateLimiterStats } from './intercept/rate-limiter.js'
import { createIdSource } from './intercept/secure-id.js'
import { createFailSafe, type FailSafe, type FailSafeOverrides } from './observers/fail-safe.js'
import { createInterceptObserver, type InterceptObserver, reportPanics } from './observers/intercept-observer.js'
import { type INotificationEmitter, NotificationHub } from './observers/notification-hub.js'
import { type ISecurityState, SecurityState } from './observers/security-state.js'
import { type IWatcher, Watcher, type WatcherConfig } from './observers/watcher.js'
import { type Clock, systemClock } from './ports/clock.js'
import type { CryptoPort } from './ports/crypto-port.js'
import { commitEachChange, type DurabilityPort } from './ports/durability-port.js'
import { nodeCrypto } from './ports/node-crypto.js'
import { type RandomSource, systemRandom } from './ports/random.js'
import { auditStoreOf, type StoragePort } from './ports/storage-port.js'
import type { AuditRecord, InterceptResult, Scent } from './types.js'

/** Everything the engine is built from: its reloadable settings and its ports; each has a default. */
export interface TracehoundOptions extends SettingsInput {
  /** ms since epoch; @default Date.now */
  clock?: Clock
  /** @default crypto.getRandomValues */
  random?: RandomSource
  crypto?: CryptoPort
  /** Compresses stored evidence bytes (hash and signature stay over the canonical bytes). */
  codec?: EvidenceEncoder
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
  /** Durable state (e.g. src/storage's SQLite ledger), restored at construction. @default none: memory only */
  storage?: StoragePort
  /** When storage commits relative to answers. @default with storage, one synchronous commit per verdict */
  durability?: DurabilityPort
  /**
   * Keep audit records and Merkle nodes for the newest N leaves only: memory stays flat, and a
   * proof about an older leaf throws RetentionError (an AuditRangeError). Default: all (v1). A storage
   * that serves old nodes (the ledger) bounds memory by itself.
   */
  auditRetention?: number
  /** A capacity eviction neutralized evidence; `record` is its chained audit record. */
  onEvict?: (record: AuditRecord) => void
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

/** The parts a reconfigure replaces (or keeps, when their settings did not change). */
interface Parts {
  settings: EngineSettings
  quarantine: Quarantine
  rateLimiter: RateLimiter
  agent: Agent
  keyring: MacKeyring
}

const sameValues = <T extends object>(a: T, b: T) => (Object.keys(a) as (keyof T)[]).every((k) => a[k] === b[k])

/**
 * The engine: agent, quarantine, rate limiter, audit chain, observers and optional durable
 * storage, assembled from TracehoundOptions. v1's parts (`agent`, `quarantine`, …) are the ones
 * of the current settings.
 */
export class Tracehound implements ITracehound {
  readonly notifications: INotificationEmitter
  readonly watcher: IWatcher
  readonly securityState: ISecurityState
  readonly failSafe: FailSafe
  readonly #clock: Clock
  readonly #crypto: CryptoPort
  readonly #context: EvidenceContext
  readonly #factory: EvidenceFactory
  readonly #observer: InterceptObserver
  readonly #auditOptions: AuditChainOptions
  readonly #storage: StoragePort | undefined
  readonly #durability: DurabilityPort | undefined
  readonly #coldStorage: ColdStorageTarget | undefined
  readonly #onEvict: ((record: AuditRecord) => void) | undefined
  /** Counters of agents retired by reconfigure, so stats stay cumulative. */
  readonly #retired: AgentStats = emptyAgentStats()
  #auditChain: AuditChain
  #parts: Parts

  constructor(options: TracehoundOptions = {}) {
    const settings = resolveSettings(options)
    this.#clock = options.clock ?? systemClock
    this.#crypto = options.crypto ?? nodeCrypto
    this.#context = { clock: this.#clock, newId: createIdSource(this.#clock, options.random ?? systemRandom) }
    this.#factory = new EvidenceFactory({ context: this.#context, crypto: this.#crypto, ...(options.codec && { codec: options.codec }) })
    this.#storage = options.storage
    this.#durability = options.durability ?? (options.storage && commitEachChange(options.storage))
    this.#coldStorage = options.coldStorage
    this.#onEvict = options.onEvict
    this.#auditOptions = {
      crypto: this.#crypto,
      ...auditStoreOf(options.storage),
      ...(options.auditRetention !== undefined && { retain: options.auditRetention }),
    }
    this.#auditChain = new AuditChain(this.#auditOptions)

    this.notifications = options.notifications ?? new NotificationHub({ clock: this.#clock })
    this.watcher = new Watcher(options.watcher, { clock: this.#clock })
    this.securityState = new SecurityState({
      ...options.securityState,
      quarantineMaxBytes: settings.quarantine.maxBytes,
      clock: this.#clock,
    })
    this.failSafe = createFailSafe(options.failSafe, { clock: this.#clock })
    reportPanics(this.failSafe, this.securityState, this.notifications)
    const engine = this
    this.#observer = createInterceptObserver({
      notifications: this.notifications,
      watcher: this.watcher,
      securityState: this.securityState,
      failSafe: this.failSafe,
      // The quarantine itself: its count and bytes without the stats object (built after every capture otherwise).
      quarantineStats: () => this.#parts.quarantine,
      // Read at each check: a reconfigure may change the limits.
      limits: {
        get maxCount() {
          return engine.#parts.settings.quarantine.maxCount
        },
        get maxBytes() {
          return engine.#parts.settings.quarantine.maxBytes
        },
      },
    })
    this.#parts = this.#build(settings, undefined)
    // One keyring: without keys of its own an engine over storage signs with the storage's (the keys it verified with).
    const stored = options.macKeys === undefined ? this.#storage?.keyring : undefined
    if (stored) this.#parts.keyring = stored
    this.#shareKeyring()
    if (this.#storage) restoreState(this.#storage.load(), { ...this.#parts, auditChain: this.#auditChain }, this.#context)
  }

  get agent(): Agent {
    return this.#parts.agent
  }

  get quarantine(): Quarantine {
    return this.#parts.quarantine
  }

  get rateLimiter(): IRateLimiter {
    return this.#parts.rateLimiter
  }

  get auditChain(): AuditChain {
    return this.#auditChain
  }

  /** The settings in force (resolved: every default filled in). */
  get settings(): EngineSettings {
    return this.#parts.settings
  }

  /**
   * Builds every new part first (an invalid value throws and changes nothing), then swaps them
   * in one synchronous step: no call sees a mix of old and new. The audit chain, its tree, the
   * quarantined evidence and the counters carry over; limits that shrink evict at once, audited;
   * rate-limit windows carry over while the rate limits stay the same.
   */
  reconfigure(input: SettingsInput): void {
    const previous = this.#parts
    const next = this.#build(resolveSettings(input), previous)
    for (const [k, v] of Object.entries(previous.agent.getStats()) as [keyof AgentStats, number][]) this.#retired[k] += v
    this.#parts = next
    this.#shareKeyring()
  }

  /**
   * Conformance mode only: discards every piece of state (evidence, audit chain, counters) and
   * starts over with `input`. The caller resets the clock and random source it injected.
   */
  reset(input: SettingsInput): void {
    // A durable audit tree (StoragePort.auditTree) is the chain's own tree: it cannot be discarded.
    if (this.#storage?.auditTree)
      throw new TracehoundError('CONFIG_AUDIT_INVALID', 'reset needs an engine whose audit tree is in memory, not a durable one')
    const auditChain = new AuditChain(this.#auditOptions)
    const parts = this.#build(resolveSettings(input), undefined, auditChain)
    this.#auditChain = auditChain
    for (const k of Object.keys(this.#retired) as (keyof AgentStats)[]) this.#retired[k] = 0
    this.#parts = parts
    this.#shareKeyring()
  }

  /** One keyring: the storage signs rows and heads with the engine's (set at start and at every reconfigure). */
  #shareKeyring(): void {
    if (this.#storage) this.#storage.keyring = this.#parts.keyring
  }

  #build(settings: EngineSettings, previous: Parts | undefined, auditChain = this.#auditChain): Parts {
    const keyring = new MacKeyring(settings.macKeys, this.#crypto, settings.activeKid)
    const rateLimiter =
      previous && sameValues(previous.settings.rateLimit, settings.rateLimit)
        ? previous.rateLimiter
        : // Blocks are logged with or without storage, so a tree head does not depend on where state is kept.
          new RateLimiter(settings.rateLimit, this.#clock, (source, until) => {
            const entry = this.#auditChain.appendBlock(source, until) // the chain of the moment: reset swaps it
            this.#storage?.sourceBlocked(source, until, entry)
          })
    const quarantine =
      previous && sameValues(previous.settings.quarantine, settings.quarantine)
        ? previous.quarantine
        : new Quarantine(settings.quarantine, auditChain, {
            context: this.#context,
            ...(this.#storage && { storage: this.#storage }),
            onEvict: (_evidence, record) => {
              this.#observer.afterEvict(record)
              this.#onEvict?.(record.audit)
            },
          })
    const agent = new Agent(
      { maxPayloadSize: settings.maxPayloadSize },
      quarantine,
      rateLimiter,
      this.#factory,
      this.#observer.afterIntercept,
    )
    if (previous && quarantine !== previous.quarantine) {
      // Moved over in the old store's capture order (already stored: restore, not insert); evictions are audited as usual.
      for (const handle of previous.quarantine.list()) quarantine.restore(handle)
    }
    return { settings, quarantine, rateLimiter, agent, keyring }
  }

  /**
   * The verdict for one scent; never throws. `encoded`: the threat payload as it arrived on the
   * wire. With synchronous durability the verdict is committed before it returns (a failed
   * commit makes it an `error`); with grouped durability the host awaits `durable()`.
   */
  intercept(scent: Scent, encoded?: PreEncodedPayload): InterceptResult {
    const result = this.#parts.agent.intercept(scent, encoded)
    if (this.#durability === undefined) return result
    const failure = this.#commitFailure()
    return failure ? { status: 'error', error: failure } : result
  }

  /** Settles once every change so far is durable (rejects when it could not be); undefined when nothing waits. */
  durable(): Promise<void> | undefined {
    return this.#durability?.commit()
  }

  async evacuate(signature: string): Promise<EvacuationOutcome> {
    const outcome = await evacuate(this.#parts.quarantine, this.#coldStorage, signature)
    if (!outcome.ok || this.#durability === undefined) return outcome
    let pending: Promise<void> | undefined
    try {
      pending = this.#durability.commit()
    } catch (e) {
      return { ok: false, error: commitError(e) }
    }
    const failure = pending && (await pending.then(() => undefined, commitError))
    return failure ? { ok: false, error: failure } : outcome
  }

  /** Commits through the durability port; a synchronous failure becomes an error, never a throw. */
  #commitFailure(): TracehoundError | undefined {
    try {
      void this.#durability!.commit() // a grouped commit's outcome is awaited through durable()
      return undefined
    } catch (e) {
      return commitError(e)
    }
  }

  treeHead(): TreeHead {
    return treeHeadOf(this.#auditChain, this.#clock(), this.#parts.keyring)
  }

  inclusionProof(leafIndex: number, treeSize?: number): InclusionProof {
    return inclusionProofOf(this.#auditChain, leafIndex, treeSize)
  }

  consistencyProof(firstSize: number, secondSize?: number): ConsistencyProof {
    return consistencyProofOf(this.#auditChain, firstSize, secondSize)
  }

  evidenceRecord(signature: string): EvidenceRecord | null {
    return evidenceRecordOf(this.#parts.quarantine.get(signature), this.#parts.keyring)
  }

  /** Checks a MAC made by this engine's keyring (any configured key id). */
  verifyMac(body: object, mac: Mac): boolean {
    return this.#parts.keyring.verify(body, mac)
  }

  /** Counters of every part; the agent's are cumulative across reconfigures. */
  stats(): TracehoundStats {
    const { agent, quarantine, rateLimiter, keyring } = this.#parts
    const current = agent.getStats()
    const cumulative = { ...current }
    for (const k of Object.keys(current) as (keyof AgentStats)[]) cumulative[k] += this.#retired[k]
    return {
      agent: cumulative,
      quarantine: quarantine.stats,
      rateLimiter: rateLimiter.stats,
      audit: { records: this.#auditChain.length, treeSize: this.#auditChain.treeSize },
      mac: { enabled: keyring.enabled, ...(keyring.activeKeyId !== undefined && { activeKid: keyring.activeKeyId }) },
    }
  }
}

const commitError = (e: unknown): TracehoundError => Errors.storageCommitFailed(e instanceof Error ? e.message : String(e))
