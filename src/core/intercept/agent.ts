/**
 * The intercept flow (docs/spec/intercept.md): rate limit → no threat is clean → encode → duplicate → quarantine.
 * The agent decides nothing about maliciousness and never throws.
 */

import { TracehoundConfigError, TracehoundError } from '../errors.js'
import { type IEvidenceFactory, signingSource, type ThreatEvidenceSource } from './evidence-factory.js'
import type { Quarantine } from './quarantine.js'
import type { IRateLimiter } from './rate-limiter.js'
import type { PreEncodedPayload } from '../encoding/encode.js'
import type { InterceptResult, Scent } from '../types.js'

/** The agent's own limit: the largest canonical payload it quarantines, in bytes. */
export interface AgentConfig {
  maxPayloadSize: number
}

/** Sees every verdict after it is decided; must not throw (the agent contains it anyway). */
export type InterceptObserverFn = (scent: Scent, result: InterceptResult) => void

/** v1's Agent contract: one scent in, one verdict out, never a throw. */
export interface IAgent {
  /** The verdict for one scent; never throws. `encoded`: the threat payload as it arrived on the wire (scent.payload is then not read). */
  intercept(scent: Scent, encoded?: PreEncodedPayload): InterceptResult
}

/** Verdict counters since the agent was created (v1's shape). */
export interface AgentStats {
  totalIntercepts: number
  cleanCount: number
  rateLimitedCount: number
  validationFailures: number
  ignoredCount: number
  quarantinedCount: number
  errorCount: number
}

/** AgentStats with every counter at zero. */
export const emptyAgentStats = (): AgentStats => ({
  totalIntercepts: 0,
  cleanCount: 0,
  rateLimitedCount: 0,
  validationFailures: 0,
  ignoredCount: 0,
  quarantinedCount: 0,
  errorCount: 0,
})

/**
 * Decides a verdict for each scent in v1's order: rate limit, clean without a threat, payload
 * size, duplicate, quarantine; any failure becomes an `error` verdict, never an exception. A
 * duplicate is found from the signature alone: no evidence is built for it.
 */
export class Agent implements IAgent {
  private readonly stats: AgentStats = emptyAgentStats()
  private readonly evidence: ThreatEvidenceSource

  constructor(
    private readonly config: AgentConfig,
    private readonly quarantine: Quarantine,
    private readonly rateLimiter: IRateLimiter,
    evidenceFactory: IEvidenceFactory,
    private readonly observer?: InterceptObserverFn,
  ) {
    this.evidence = signingSource(evidenceFactory)
    if (!(config.maxPayloadSize > 0)) {
      throw new TracehoundConfigError('CONFIG_AGENT_INVALID', 'maxPayloadSize must be positive')
    }
  }

  intercept(scent: Scent, encoded?: PreEncodedPayload): InterceptResult {
    const result = this.decide(scent, encoded)
    if (this.observer) {
      try {
        this.observer(scent, result)
      } catch {
        // The verdict stands whatever an observer does.
      }
    }
    return result
  }

  private decide(scent: Scent, encoded: PreEncodedPayload | undefined): InterceptResult {
    this.stats.totalIntercepts++
    try {
      const rate = this.rateLimiter.check(scent.source)
      if (!rate.allowed) {
        this.stats.rateLimitedCount++
        return { status: 'rate_limited', retryAfter: rate.retryAfter }
      }
      if (!scent.threat) {
        this.stats.cleanCount++
        return { status: 'clean' }
      }
      const signed = this.evidence.sign(scent, scent.threat, this.config.maxPayloadSize, encoded)
      if (!signed.ok) return this.refused(signed.error)
      const { signature } = signed
      // First capture wins: a duplicate never upgrades the stored severity.
      if (this.quarantine.has(signature)) {
        this.stats.ignoredCount++
        return { status: 'ignored', signature }
      }
      const created = this.evidence.build(scent, scent.threat, signed)
      if (!created.ok) return this.refused(created.error)
      const { evidence } = created
      this.quarantine.insert(evidence)
      this.stats.quarantinedCount++
      return { status: 'quarantined', handle: evidence }
    } catch (error: unknown) {
      this.stats.errorCount++
      const failure = new TracehoundError('INTERCEPT_FAILED', error instanceof Error ? error.message : 'Unknown error during intercept', {
        context: { scentId: safeScentId(scent) },
        cause: error,
      })
      return { status: 'error', error: failure }
    }
  }

  /** The verdict for a payload that could not become evidence. */
  private refused(error: TracehoundError): InterceptResult {
    if (error.code === 'AGENT_PAYLOAD_TOO_LARGE') {
      this.stats.validationFailures++
      return { status: 'payload_too_large', limit: this.config.maxPayloadSize }
    }
    this.stats.errorCount++
    return { status: 'error', error }
  }

  /** A copy of the verdict counters. */
  getStats(): Readonly<AgentStats> {
    return { ...this.stats }
  }
}

/** A malformed scent (null, a getter that throws) must not turn the error path into a throw. */
function safeScentId(scent: unknown): unknown {
  try {
    return (scent as Scent).id
  } catch {
    return undefined
  }
}

/** An Agent over the given quarantine, rate limiter and evidence factory (v1's factory). */
export function createAgent(
  config: AgentConfig,
  quarantine: Quarantine,
  rateLimiter: IRateLimiter,
  evidenceFactory: IEvidenceFactory,
): IAgent {
  return new Agent(config, quarantine, rateLimiter, evidenceFactory)
}
