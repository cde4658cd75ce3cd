/** Configuration types and v1 defaults. */

export interface RateLimitConfig {
  windowMs: number
  maxRequests: number
  /** Penalty after the limit is hit; 0 disables blocking. */
  blockDurationMs: number
}

export interface QuarantineConfig {
  maxCount: number
  maxBytes: number
  evictionPolicy: 'lru' | 'priority'
}

export interface HoundConfig {
  minimumDormant: number
  maxActive: number
  maxLifeTimeCycle: number
  maxProcessingTime: number
  replenishDelay: number
}

export interface SchedulerConfig {
  rotationInterval: number
  jitterMax: number
  skipIfBusy: boolean
}

export interface AlertConfig {
  maxAlertsPerWindow: number
  windowMs: number
  escalationThreshold: number
}

export interface ColdStorageConfig {
  type: 'url'
  endpoint: string
}

export interface AuditConfig {
  chainEnabled: boolean
  coldStorage?: ColdStorageConfig | undefined
}

export interface RuntimeConfig {
  strictRuntimeFlags: boolean
}

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
