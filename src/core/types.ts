/** Public data types of the engine, shape-compatible with @tracehound/core v1. */

import type { TracehoundError } from './errors.js'

export type JsonPrimitive = string | number | boolean | null
export type JsonSerializable = JsonPrimitive | JsonSerializable[] | { [key: string]: JsonSerializable }

export type Severity = 'low' | 'medium' | 'high' | 'critical'
export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical']

export type ThreatCategory = 'injection' | 'ddos' | 'flood' | 'spam' | 'malware' | 'unknown'
export const THREAT_CATEGORIES: readonly ThreatCategory[] = ['injection', 'ddos', 'flood', 'spam', 'malware', 'unknown']

/** Signal attached by an external detector; the engine never decides what is malicious. */
export interface ThreatSignal {
  category: ThreatCategory
  severity: Severity
}

export interface Scent {
  readonly id: string
  readonly payload: JsonSerializable
  /** Rate-limit key (IP, API key, service name). */
  readonly source: string
  /** Capture time, ms since epoch. */
  readonly timestamp: number
  readonly threat?: ThreatSignal
}

export interface NeutralizationRecord {
  id: string
  signature: string
  hash: string
  size: number
  status: 'neutralized'
  timestamp: number
  previousHash: string
}

export interface EvacuateRecord {
  id: string
  signature: string
  destination: string
  timestamp: number
  compressed: boolean
  size: number
}

export interface PurgeRecord {
  id: string
  reason: 'timeout' | 'error' | 'abort' | 'panic'
  scent: { id: string; source: string; timestamp: number; payloadHash: string; payloadSize: number }
  purgeTimestamp: number
}

export interface EvidenceHandle {
  readonly bytes: ArrayBuffer
  readonly size: number
  readonly hash: string
  readonly signature: string
  readonly captured: number
  readonly severity: Severity
  readonly disposed: boolean
  transfer(): ArrayBuffer
  neutralize(previousHash: string): NeutralizationRecord
  evacuate(destination: string): EvacuateRecord
}

export interface AuditRecord {
  id: string
  type: 'neutralization' | 'evacuation'
  signature: string
  timestamp: number
  hash: string
  previousHash: string
}

export type InterceptResult =
  | { status: 'clean' }
  | { status: 'rate_limited'; retryAfter: number }
  | { status: 'payload_too_large'; limit: number }
  | { status: 'ignored'; signature: string }
  | { status: 'quarantined'; handle: EvidenceHandle }
  | { status: 'error'; error: TracehoundError }

export const isQuarantined = (r: InterceptResult): r is Extract<InterceptResult, { status: 'quarantined' }> =>
  r.status === 'quarantined'
export const isError = (r: InterceptResult): r is Extract<InterceptResult, { status: 'error' }> => r.status === 'error'
export const isClean = (r: InterceptResult): r is Extract<InterceptResult, { status: 'clean' }> => r.status === 'clean'
export const isRateLimited = (r: InterceptResult): r is Extract<InterceptResult, { status: 'rate_limited' }> =>
  r.status === 'rate_limited'
export const isIgnored = (r: InterceptResult): r is Extract<InterceptResult, { status: 'ignored' }> =>
  r.status === 'ignored'
