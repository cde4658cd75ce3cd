/**
 * Trust boundaries for external integrations: the developer declares how far
 * each one is trusted; defaults are conservative (cluster untrusted, cold
 * storage write-only, internal detectors trusted).
 */

export type ClusterTrustLevel = 'trusted' | 'untrusted'
export type ColdStorageTrustLevel = 'write-only' | 'untrusted'
export type DetectorTrustLevel = 'trusted' | 'verify'

export interface ClusterBoundaryConfig {
  sharedState: 'redis' | 'memory' | 'none'
  trustLevel: ClusterTrustLevel
}

export interface ColdStorageBoundaryConfig {
  endpoint: string
  trustLevel: ColdStorageTrustLevel
}

export interface DetectorBoundaryConfig {
  source: 'external' | 'internal'
  trustLevel: DetectorTrustLevel
}

export interface TrustBoundaryConfig {
  cluster?: ClusterBoundaryConfig
  coldStorage?: ColdStorageBoundaryConfig
  detector?: DetectorBoundaryConfig
}

export const DEFAULT_TRUST_BOUNDARY: Readonly<Required<TrustBoundaryConfig>> = Object.freeze({
  cluster: Object.freeze({ sharedState: 'none', trustLevel: 'untrusted' }),
  coldStorage: Object.freeze({ endpoint: '', trustLevel: 'write-only' }),
  detector: Object.freeze({ source: 'internal', trustLevel: 'trusted' }),
})

/** Fresh objects: callers may mutate the result without touching the defaults. */
export function mergeTrustBoundary(partial: Partial<TrustBoundaryConfig> = {}): Required<TrustBoundaryConfig> {
  return {
    cluster: { ...DEFAULT_TRUST_BOUNDARY.cluster, ...partial.cluster },
    coldStorage: { ...DEFAULT_TRUST_BOUNDARY.coldStorage, ...partial.coldStorage },
    detector: { ...DEFAULT_TRUST_BOUNDARY.detector, ...partial.detector },
  }
}

/** Human-readable problems; empty when the configuration is acceptable. */
export function validateTrustBoundary(config: TrustBoundaryConfig): string[] {
  const problems: string[] = []
  if (config.coldStorage && config.coldStorage.endpoint === '') {
    problems.push('coldStorage.endpoint is required when coldStorage is configured')
  }
  if (config.detector?.source === 'external' && config.detector.trustLevel === 'trusted') {
    problems.push("External detector should use 'verify' trust level, not 'trusted'")
  }
  return problems
}

export function shouldVerifyDetector(config: TrustBoundaryConfig): boolean {
  return config.detector?.trustLevel === 'verify'
}

/** Only an explicit 'untrusted' counts; an absent cluster section has no cluster state to distrust. */
export function isClusterUntrusted(config: TrustBoundaryConfig): boolean {
  return config.cluster?.trustLevel === 'untrusted'
}
