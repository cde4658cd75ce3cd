/**
 * Trust boundaries for external integrations: the developer declares how far
 * each one is trusted; defaults are conservative (cluster untrusted, cold
 * storage write-only, internal detectors trusted).
 */

export type ClusterTrustLevel = 'trusted' | 'untrusted'
/** How far cold storage is trusted: written to only, or read back but verified. */
export type ColdStorageTrustLevel = 'write-only' | 'untrusted'
/** Whether detector findings are taken as given or verified. */
export type DetectorTrustLevel = 'trusted' | 'verify'

/** Trust of shared cluster state. */
export interface ClusterBoundaryConfig {
  sharedState: 'redis' | 'memory' | 'none'
  trustLevel: ClusterTrustLevel
}

/** Trust of cold storage. */
export interface ColdStorageBoundaryConfig {
  endpoint: string
  trustLevel: ColdStorageTrustLevel
}

/** Trust of threat detectors. */
export interface DetectorBoundaryConfig {
  source: 'external' | 'internal'
  trustLevel: DetectorTrustLevel
}

/** Declared trust per integration (see the module comment). */
export interface TrustBoundaryConfig {
  cluster?: ClusterBoundaryConfig
  coldStorage?: ColdStorageBoundaryConfig
  detector?: DetectorBoundaryConfig
}

/** Conservative defaults: cluster untrusted, cold storage write-only, detectors trusted. */
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

/** True when detector findings must be verified under this configuration. */
export function shouldVerifyDetector(config: TrustBoundaryConfig): boolean {
  return config.detector?.trustLevel === 'verify'
}

/** Only an explicit 'untrusted' counts; an absent cluster section has no cluster state to distrust. */
export function isClusterUntrusted(config: TrustBoundaryConfig): boolean {
  return config.cluster?.trustLevel === 'untrusted'
}
