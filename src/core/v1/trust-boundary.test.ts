import { describe, expect, it } from 'vitest'
import {
  DEFAULT_TRUST_BOUNDARY,
  isClusterUntrusted,
  mergeTrustBoundary,
  shouldVerifyDetector,
  validateTrustBoundary,
} from './trust-boundary.js'

describe('trust boundary', () => {
  it('defaults are conservative', () => {
    expect(DEFAULT_TRUST_BOUNDARY).toEqual({
      cluster: { sharedState: 'none', trustLevel: 'untrusted' },
      coldStorage: { endpoint: '', trustLevel: 'write-only' },
      detector: { source: 'internal', trustLevel: 'trusted' },
    })
    expect(Object.isFrozen(DEFAULT_TRUST_BOUNDARY.cluster)).toBe(true)
  })

  it('merges per section and returns objects the caller may change', () => {
    const merged = mergeTrustBoundary({ detector: { source: 'external', trustLevel: 'verify' } })
    expect(merged.detector).toEqual({ source: 'external', trustLevel: 'verify' })
    expect(merged.cluster).toEqual(DEFAULT_TRUST_BOUNDARY.cluster)
    merged.cluster.trustLevel = 'trusted'
    expect(DEFAULT_TRUST_BOUNDARY.cluster.trustLevel).toBe('untrusted')
    expect(mergeTrustBoundary()).toEqual(DEFAULT_TRUST_BOUNDARY)
  })

  it('validates the two risky configurations', () => {
    expect(validateTrustBoundary({})).toEqual([])
    expect(validateTrustBoundary(mergeTrustBoundary({ coldStorage: { endpoint: 's3://b', trustLevel: 'write-only' } }))).toEqual([])
    expect(validateTrustBoundary({ coldStorage: { endpoint: '', trustLevel: 'untrusted' } })).toEqual([
      'coldStorage.endpoint is required when coldStorage is configured',
    ])
    expect(validateTrustBoundary({ detector: { source: 'external', trustLevel: 'trusted' } })).toHaveLength(1)
  })

  it('answers the two policy questions from explicit settings only', () => {
    expect(shouldVerifyDetector({ detector: { source: 'external', trustLevel: 'verify' } })).toBe(true)
    expect(shouldVerifyDetector({})).toBe(false)
    expect(isClusterUntrusted({ cluster: { sharedState: 'redis', trustLevel: 'untrusted' } })).toBe(true)
    expect(isClusterUntrusted({ cluster: { sharedState: 'redis', trustLevel: 'trusted' } })).toBe(false)
    expect(isClusterUntrusted({})).toBe(false)
  })
})
