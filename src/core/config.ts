/**
 * Configuration: v1's config types, the defaults (DEFAULT_CONFIG, the one table of them), and the
 * engine's reloadable settings resolved from partial options.
 */

import type { MacKey } from './audit/mac.js'
import { TracehoundConfigError } from './errors.js'

/** Per-source sliding window: at most maxRequests per windowMs, then an optional block. */
export interface RateLimitConfig {
  windowMs: number
  maxRequests: number
  /** Penalty after the limit is hit; 0 disables blocking. */
  blockDurationMs: number
}

/** Quarantine capacity: evidence count and bytes (lowest severity, then oldest, gives way). */
export interface QuarantineConfig {
  maxCount: number
  maxBytes: number
}

/** v1's hound process pool settings (kept for configuration compatibility). */
export interface HoundConfig {
  minimumDormant: number
  maxActive: number
  maxLifeTimeCycle: number
  maxProcessingTime: number
  replenishDelay: number
}

/** v1's background rotation settings. */
export interface SchedulerConfig {
  rotationInterval: number
  jitterMax: number
  skipIfBusy: boolean
}

/** Alert budget of the watcher: at most so many alerts per window. */
export interface AlertConfig {
  maxAlertsPerWindow: number
  windowMs: number
  escalationThreshold: number
}

/** Where evacuated evidence goes (v1's URL form). */
export interface ColdStorageConfig {
  type: 'url'
  endpoint: string
}

/** Whether the audit chain is kept, and its cold storage. */
export interface AuditConfig {
  chainEnabled: boolean
  coldStorage?: ColdStorageConfig | undefined
}

/** Whether missing hardening flags of the Node runtime are an error. */
export interface RuntimeConfig {
  strictRuntimeFlags: boolean
}

/** v1's full engine configuration; every part has a default (DEFAULT_CONFIG). */
export interface TracehoundConfig {
  maxPayloadSize: number
  rateLimit: RateLimitConfig
  quarantine: QuarantineConfig
  hound: HoundConfig
  scheduler: SchedulerConfig
  alerts: AlertConfig
  audit: AuditConfig
  runtime: RuntimeConfig
}

/** v1's defaults: 1 MB payloads, 10 000 items / 100 MB quarantine, 100 requests per minute. */
export const DEFAULT_CONFIG: TracehoundConfig = {
  maxPayloadSize: 1_000_000,
  rateLimit: { windowMs: 60_000, maxRequests: 100, blockDurationMs: 300_000 },
  quarantine: { maxCount: 10_000, maxBytes: 100_000_000 },
  hound: { minimumDormant: 2, maxActive: 4, maxLifeTimeCycle: 1000, maxProcessingTime: 5_000, replenishDelay: 100 },
  scheduler: { rotationInterval: 60_000, jitterMax: 10_000, skipIfBusy: true },
  alerts: { maxAlertsPerWindow: 10, windowMs: 60_000, escalationThreshold: 5 },
  audit: { chainEnabled: true },
  runtime: { strictRuntimeFlags: true },
}

/** Deep-merges one level of nested sections over the defaults. */
export function mergeWithDefaults(partial: Partial<TracehoundConfig>): TracehoundConfig {
  const merged = { ...DEFAULT_CONFIG, ...partial } as TracehoundConfig
  for (const key of ['rateLimit', 'quarantine', 'hound', 'scheduler', 'alerts', 'audit', 'runtime'] as const) {
    ;(merged as unknown as Record<string, unknown>)[key] = { ...DEFAULT_CONFIG[key], ...partial[key] }
  }
  return merged
}

/** The settings a running engine can change (reconfigure), every value resolved. */
export interface EngineSettings {
  /** Bytes of canonical JSON; equal is allowed. */
  maxPayloadSize: number
  quarantine: QuarantineConfig
  rateLimit: RateLimitConfig
  /** HMAC keys for tree heads and evidence records; none → records carry no MAC. */
  macKeys: readonly MacKey[]
  /** Key id that signs; the first key when absent. */
  activeKid?: string
}

/** EngineSettings as a caller gives them: any part may be left out and comes from DEFAULT_CONFIG. */
export interface SettingsInput {
  /** @default 1_000_000 bytes of canonical JSON; equal is allowed */
  maxPayloadSize?: number | undefined
  /** @default maxCount 10_000, maxBytes 100_000_000 */
  quarantine?: { [K in keyof QuarantineConfig]?: QuarantineConfig[K] | undefined }
  /** @default windowMs 60_000, maxRequests 100, blockDurationMs 300_000 */
  rateLimit?: { [K in keyof RateLimitConfig]?: RateLimitConfig[K] | undefined }
  /** HMAC keys for tree heads and evidence records; none → records carry no MAC. */
  macKeys?: readonly MacKey[]
  /** Key id that signs; @default the first key */
  activeKid?: string | undefined
}

/** Fills what `input` leaves out (or undefined) from DEFAULT_CONFIG; throws TracehoundConfigError for a quarantine that holds nothing. */
export function resolveSettings(input: SettingsInput): EngineSettings {
  const d = DEFAULT_CONFIG
  const q = input.quarantine ?? {}
  const r = input.rateLimit ?? {}
  const quarantine = { maxCount: q.maxCount ?? d.quarantine.maxCount, maxBytes: q.maxBytes ?? d.quarantine.maxBytes }
  if (!(quarantine.maxCount > 0)) throw new TracehoundConfigError('CONFIG_QUARANTINE_INVALID', 'quarantine.maxCount must be positive')
  if (!(quarantine.maxBytes > 0)) throw new TracehoundConfigError('CONFIG_QUARANTINE_INVALID', 'quarantine.maxBytes must be positive')
  return {
    maxPayloadSize: input.maxPayloadSize ?? d.maxPayloadSize,
    quarantine,
    rateLimit: {
      windowMs: r.windowMs ?? d.rateLimit.windowMs,
      maxRequests: r.maxRequests ?? d.rateLimit.maxRequests,
      blockDurationMs: r.blockDurationMs ?? d.rateLimit.blockDurationMs,
    },
    macKeys: input.macKeys ?? [],
    ...(input.activeKid !== undefined && { activeKid: input.activeKid }),
  }
}
