/**
 * The daemon's engine: the core's public parts composed like createTracehound,
 * so that a reload can swap limits and keys while the audit chain and the
 * quarantined evidence live on (createTracehound has no way to carry them over).
 */

import { Agent, type AgentStats, AuditChain, type AuditChainOptions, type AuditRecord, auditStoreOf, type Clock, type ConsistencyProof, consistencyProofOf, createFailSafe, createIdSource, createInterceptObserver, DEFAULT_CONFIG, emptyAgentStats, type EvidenceContext, EvidenceFactory, type EvidenceRecord, evidenceRecordOf, type FailSafe, type InclusionProof, inclusionProofOf, type InterceptObserver, type InterceptResult, MacKeyring, nodeCrypto, NotificationHub, type PreEncodedPayload, Quarantine, type QuarantineConfig, type RandomSource, type RateLimitConfig, RateLimiter, reportPanics, restoreState, type Scent, SecurityState, type StoragePort, systemClock, systemRandom, type TracehoundStats, type TreeHead, treeHeadOf, Watcher } from '../core/index.js'
import type { DaemonConfig } from './config.js'

export interface EngineSettings {
  maxPayloadSize: number
  quarantine: QuarantineConfig
  rateLimit: RateLimitConfig
  macKeys: { kid: string; key: string }[]
  activeKid?: string
}

export function settingsFromConfig(c: DaemonConfig): EngineSettings {
  const d = DEFAULT_CONFIG
  const n = (v: bigint | undefined, fallback: number) => (v === undefined ? fallback : Number(v))
  return {
    maxPayloadSize: n(c.maxPayloadSize, d.maxPayloadSize),
    quarantine: {
      ...d.quarantine,
      maxCount: n(c.quarantine?.maxCount, d.quarantine.maxCount),
      maxBytes: n(c.quarantine?.maxBytes, d.quarantine.maxBytes),
    },
    rateLimit: {
      windowMs: n(c.rateLimit?.windowMs, d.rateLimit.windowMs),
      maxRequests: n(c.rateLimit?.maxRequests, d.rateLimit.maxRequests),
      blockDurationMs: n(c.rateLimit?.blockDurationMs, d.rateLimit.blockDurationMs),
    },
    macKeys: c.macKeys.map(({ kid, key }) => ({ kid, key })),
    ...(c.activeKid && { activeKid: c.activeKid }),
  }
}

const sameLimits = <T extends object>(a: T, b: T) => (Object.keys(a) as (keyof T)[]).every((k) => a[k] === b[k])

interface Parts {
  settings: EngineSettings
  quarantine: Quarantine
  rateLimiter: RateLimiter
  agent: Agent
  keyring: MacKeyring
}

export class DaemonEngine {
  #auditChain: AuditChain
  readonly #auditOptions: AuditChainOptions
  readonly #clock: Clock
  readonly #context: EvidenceContext
  readonly #factory: EvidenceFactory
  /** Counters of agents retired by reloads, so stats stay cumulative. */
  readonly #retired: AgentStats = emptyAgentStats()
  #parts: Parts
  /** Told of every quarantine and audit change (the daemon's ledger); commits are the caller's. */
  readonly #storage: StoragePort | undefined
  readonly #onEvict: ((record: AuditRecord) => void) | undefined
  /** v1's observers, fed by every intercept as in createTracehound; they live across reloads. */
  readonly notifications: NotificationHub
  readonly watcher: Watcher
  readonly securityState: SecurityState
  readonly failSafe: FailSafe
  readonly #observer: InterceptObserver

  constructor(
    settings: EngineSettings,
    deps: {
      clock?: Clock
      random?: RandomSource
      storage?: StoragePort
      /** Memory mode's bound: audit records and Merkle nodes kept for the newest N leaves (docs/storage.md). */
      auditRetention?: number
      /** A capacity eviction neutralized evidence; `record` is its audit record. */
      onEvict?: (record: AuditRecord) => void
    } = {},
  ) {
    this.#clock = deps.clock ?? systemClock
    this.#context = { clock: this.#clock, newId: createIdSource(this.#clock, deps.random ?? systemRandom) }
    this.#factory = new EvidenceFactory({ context: this.#context, crypto: nodeCrypto })
    this.#storage = deps.storage
    this.#auditOptions = { crypto: nodeCrypto, ...auditStoreOf(deps.storage), ...(deps.auditRetention !== undefined && { retain: deps.auditRetention }) }
    this.#auditChain = new AuditChain(this.#auditOptions)
    this.#onEvict = deps.onEvict
    this.notifications = new NotificationHub({ clock: this.#clock })
    this.watcher = new Watcher(undefined, { clock: this.#clock })
    this.securityState = new SecurityState({ quarantineMaxBytes: settings.quarantine.maxBytes, clock: this.#clock })
    this.failSafe = createFailSafe(undefined, { clock: this.#clock })
    reportPanics(this.failSafe, this.securityState, this.notifications)
    const engine = this
    this.#observer = createInterceptObserver({
      notifications: this.notifications,
      watcher: this.watcher,
      securityState: this.securityState,
      failSafe: this.failSafe,
      quarantineStats: () => this.#parts.quarantine.stats,
      // Read at each check: a reload may change the limits.
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
    if (this.#storage) restoreState(this.#storage.load(), { ...this.#parts, auditChain: this.#auditChain }, this.#context)
  }

  get auditChain(): AuditChain {
    return this.#auditChain
  }

  /**
   * Conformance mode only: discards every piece of state (evidence, audit chain, counters) and
   * starts over with `settings`. The caller resets the clock and random source it injected.
   */
  reset(settings: EngineSettings): void {
    const parts = this.#build(settings, undefined, new AuditChain(this.#auditOptions))
    this.#auditChain = parts.auditChain
    for (const k of Object.keys(this.#retired) as (keyof AgentStats)[]) this.#retired[k] = 0
    this.#parts = parts
  }

  get settings(): EngineSettings {
    return this.#parts.settings
  }

  get quarantine(): Quarantine {
    return this.#parts.quarantine
  }

  /**
   * Builds every new part first (any invalid value throws, changing nothing),
   * then swaps them in one synchronous step: no call sees a mix of old and new.
   * Quarantine limits that shrink evict at once, with audit records.
   */
  reconfigure(settings: EngineSettings): void {
    const previous = this.#parts
    const next = this.#build(settings, previous)
    for (const [k, v] of Object.entries(previous.agent.getStats()) as [keyof AgentStats, number][]) this.#retired[k] += v
    this.#parts = next
  }

  #build(settings: EngineSettings, previous: Parts | undefined, auditChain = this.#auditChain): Parts & { auditChain: AuditChain } {
    const keyring = new MacKeyring(settings.macKeys, nodeCrypto, settings.activeKid)
    const rateLimiter =
      previous && sameLimits(previous.settings.rateLimit, settings.rateLimit)
        ? previous.rateLimiter
        : new RateLimiter(settings.rateLimit, this.#clock, (source, until) => {
            // The chain of the moment: a conformance reset swaps it.
            const entry = this.#auditChain.appendBlock(source, until)
            this.#storage?.sourceBlocked(source, until, entry)
          })
    const quarantine =
      previous && sameLimits(previous.settings.quarantine, settings.quarantine)
        ? previous.quarantine
        : new Quarantine(settings.quarantine, auditChain, {
            context: this.#context,
            ...(this.#storage && { storage: this.#storage }),
            onEvict: (_evidence, record) => {
              this.#observer.afterEvict(record)
              this.#onEvict?.(auditChain.lastRecord!)
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
      // Move over in capture order of the old store (already stored: restore, not insert); evictions are audited as usual.
      for (const handle of previous.quarantine.list()) quarantine.restore(handle)
    }
    return { settings, quarantine, rateLimiter, agent, keyring, auditChain }
  }

  intercept(scent: Scent, encoded?: PreEncodedPayload): InterceptResult {
    return this.#parts.agent.intercept(scent, encoded)
  }

  treeHead(): TreeHead {
    return treeHeadOf(this.auditChain, this.#clock(), this.#parts.keyring)
  }

  inclusionProof(leafIndex: number, treeSize?: number): InclusionProof {
    return inclusionProofOf(this.auditChain, leafIndex, treeSize)
  }

  consistencyProof(firstSize: number, secondSize?: number): ConsistencyProof {
    return consistencyProofOf(this.auditChain, firstSize, secondSize)
  }

  evidenceRecord(signature: string): EvidenceRecord | null {
    return evidenceRecordOf(this.#parts.quarantine.get(signature), this.#parts.keyring)
  }

  stats(): TracehoundStats {
    const { agent, quarantine, rateLimiter, keyring } = this.#parts
    const current = agent.getStats()
    const cumulative = Object.fromEntries(
      Object.entries(current).map(([k, v]) => [k, v + this.#retired[k as keyof AgentStats]]),
    ) as unknown as AgentStats
    return {
      agent: cumulative,
      quarantine: quarantine.stats,
      rateLimiter: rateLimiter.stats,
      audit: { records: this.auditChain.length, treeSize: this.auditChain.treeSize },
      mac: { enabled: keyring.enabled, ...(keyring.activeKeyId !== undefined && { activeKid: keyring.activeKeyId }) },
    }
  }
}
