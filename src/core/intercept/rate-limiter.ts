/** Per-source sliding-log rate limiter with an optional block penalty (v1 semantics, injected clock). */

import { type Clock, systemClock } from '../ports/clock.js'
import type { RateLimitConfig } from '../config.js'
import { TracehoundConfigError } from '../errors.js'
import { nobleCrypto } from '../kernel/noble-crypto.js'

/** Sources longer than this (UTF-16 units) are keyed by their hash: the attacker picks the length. */
export const MAX_SOURCE_KEY = 256

/**
 * The limiter's key for a source: itself, or for a longer one (an X-Forwarded-For chain the
 * attacker grew) `sha256:` + its hex digest, so memory per source stays bounded and every source
 * is still counted. Shared by the embedded engine and the daemon (one engine).
 */
export function rateLimitKey(source: string): string {
  return source.length > MAX_SOURCE_KEY ? `sha256:${nobleCrypto.sha256Hex(source)}` : source
}

/** Allowed, or refused with the time until the source may try again. */
export type RateLimitResult = { allowed: true } | { allowed: false; blocked: boolean; retryAfter: number; reason: string }

/** Tracked sources, currently blocked ones, checks and rejections so far. */
export interface RateLimiterStats {
  sources: number
  blocked: number
  totalChecks: number
  totalRejections: number
}

/** v1's sliding-window rate limiter contract, keyed by scent source. */
export interface IRateLimiter {
  /** Records a hit for the source and answers whether it is allowed. */
  check(source: string): RateLimitResult
  /** Forgets the source's hits and block. */
  reset(source: string): void
  /** Drops idle, unblocked sources; returns how many. */
  cleanup(): number
  readonly stats: RateLimiterStats
}

interface SourceEntry {
  /** Accepted hits, oldest first. */
  hits: number[]
  blockedUntil: number | null
  lastActivity: number
}

const ALLOWED: RateLimitResult = Object.freeze({ allowed: true })

/** Sliding-window limit per source; a source over the limit is blocked for `blockDurationMs`. */
export class RateLimiter implements IRateLimiter {
  private readonly sources = new Map<string, SourceEntry>()
  private readonly config: RateLimitConfig
  private totalChecks = 0
  private totalRejections = 0
  private lastSweep: number

  constructor(
    config: RateLimitConfig,
    private readonly clock: Clock = systemClock,
    /** Told when a source is blocked (a storage port keeps the penalty across restarts). */
    private readonly onBlock?: (source: string, blockedUntil: number) => void,
  ) {
    const invalid = (what: string) => new TracehoundConfigError('CONFIG_RATELIMIT_INVALID', what)
    if (!(config.windowMs > 0)) throw invalid('windowMs must be positive')
    if (!(config.maxRequests > 0)) throw invalid('maxRequests must be positive')
    if (!(config.blockDurationMs >= 0)) throw invalid('blockDurationMs cannot be negative')
    this.config = { windowMs: config.windowMs, maxRequests: config.maxRequests, blockDurationMs: config.blockDurationMs }
    this.lastSweep = clock()
  }

  check(rawSource: string): RateLimitResult {
    const source = rateLimitKey(rawSource)
    this.totalChecks++
    const now = this.clock()
    // Idle sources would otherwise accumulate forever; sweeping them changes no verdict.
    if (now - this.lastSweep >= this.config.windowMs + this.config.blockDurationMs) {
      this.lastSweep = now
      this.cleanup()
    }
    let entry = this.sources.get(source)
    if (!entry) {
      entry = { hits: [], blockedUntil: null, lastActivity: now }
      this.sources.set(source, entry)
    }
    entry.lastActivity = now

    if (entry.blockedUntil !== null) {
      if (now < entry.blockedUntil) {
        this.totalRejections++
        return {
          allowed: false,
          blocked: true,
          retryAfter: entry.blockedUntil - now,
          reason: 'Source is blocked due to rate limit violation',
        }
      }
      entry.blockedUntil = null
      entry.hits = []
    }

    // A hit exactly windowMs old has expired.
    const windowStart = now - this.config.windowMs
    const hits = entry.hits
    let expired = 0
    while (expired < hits.length && hits[expired]! <= windowStart) expired++
    if (expired > 0) hits.splice(0, expired)

    if (hits.length >= this.config.maxRequests) {
      this.totalRejections++
      if (this.config.blockDurationMs > 0) {
        entry.blockedUntil = now + this.config.blockDurationMs
        this.onBlock?.(source, entry.blockedUntil)
        return { allowed: false, blocked: true, retryAfter: this.config.blockDurationMs, reason: 'Rate limit exceeded, source blocked' }
      }
      return {
        allowed: false,
        blocked: false,
        retryAfter: Math.max(0, hits[0]! + this.config.windowMs - now),
        reason: 'Rate limit exceeded within sliding window',
      }
    }
    hits.push(now)
    return ALLOWED
  }

  /** Re-imposes a block saved before a restart (`source` as onBlock was told it); one already over is ignored. */
  restoreBlock(source: string, blockedUntil: number): void {
    const now = this.clock()
    if (blockedUntil > now) this.sources.set(source, { hits: [], blockedUntil, lastActivity: now })
  }

  reset(source: string): void {
    this.sources.delete(rateLimitKey(source))
  }

  cleanup(): number {
    const now = this.clock()
    const staleBefore = now - this.config.windowMs - this.config.blockDurationMs
    let cleaned = 0
    for (const [source, entry] of this.sources) {
      const blockOver = entry.blockedUntil === null || entry.blockedUntil < now
      if (entry.lastActivity < staleBefore && blockOver) {
        this.sources.delete(source)
        cleaned++
      }
    }
    return cleaned
  }

  get stats(): RateLimiterStats {
    const now = this.clock()
    let blocked = 0
    for (const entry of this.sources.values()) if (entry.blockedUntil !== null && entry.blockedUntil > now) blocked++
    return { sources: this.sources.size, blocked, totalChecks: this.totalChecks, totalRejections: this.totalRejections }
  }
}

/** A RateLimiter with the given window, limit and block duration. */
export function createRateLimiter(config: RateLimitConfig, clock?: Clock): IRateLimiter {
  return new RateLimiter(config, clock)
}
