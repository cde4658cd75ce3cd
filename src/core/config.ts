/** Configuration types and v1 defaults. */

export interface RateLimitConfig {
  windowMs: number
  maxRequests: number
  /** Penalty after the limit is hit; 0 disables blocking. */
  blockDurationMs: number
}

/** Quarantine capacity (count and bytes) and which evidence gives way when it is full. */
export interface QuarantineConfig {
  maxCount: number
  maxBytes: number
  evictionPolicy: 'lru' | 'priority'
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
  quarantine: { maxCount: 10_000, maxBytes: 100_000_000, evictionPolicy: 'priority' },
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
