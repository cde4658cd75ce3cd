/** Public data types of the engine, shape-compatible with @tracehound/core v1. */

import type { TracehoundError } from './errors.js'

export type JsonPrimitive = string | number | boolean | null
export type JsonSerializable = JsonPrimitive | JsonSerializable[] | { [key: string]: JsonSerializable }

export type Severity = 'low' | 'medium' | 'high' | 'critical'
/** The severities, least to most severe. */
export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical']

export type ThreatCategory = 'injection' | 'ddos' | 'flood' | 'spam' | 'malware' | 'unknown'
/** The threat categories a scent may carry. */
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
  /** Takes the evidence bytes out (once); the handle is disposed afterwards. */
  transfer(): ArrayBuffer
  /** Disposes of the evidence and returns its audit record, chained to `previousHash`. */
  neutralize(previousHash: string): NeutralizationRecord
  /** Disposes of the evidence after it went to `destination`; returns its audit record. */
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

/** A neutralization as v1 reports it, with the hash-chained audit record it became. */
export interface AuditedNeutralization extends NeutralizationRecord {
  readonly audit: AuditRecord
}

/** An evacuation as v1 reports it, with the hash-chained audit record it became. */
export interface AuditedEvacuation extends EvacuateRecord {
  readonly audit: AuditRecord
}

export type InterceptResult =
  | { status: 'clean' }
  | { status: 'rate_limited'; retryAfter: number }
  | { status: 'payload_too_large'; limit: number }
  | { status: 'ignored'; signature: string }
  | { status: 'quarantined'; handle: EvidenceHandle }
  | { status: 'error'; error: TracehoundError }

/** Narrows a verdict to `quarantined`. */
export const isQuarantined = (r: InterceptResult): r is Extract<InterceptResult, { status: 'quarantined' }> => r.status === 'quarantined'
/** Narrows a verdict to `error`. */
export const isError = (r: InterceptResult): r is Extract<InterceptResult, { status: 'error' }> => r.status === 'error'
/** Narrows a verdict to `clean`. */
export const isClean = (r: InterceptResult): r is Extract<InterceptResult, { status: 'clean' }> => r.status === 'clean'
/** Narrows a verdict to `rate_limited`. */
export const isRateLimited = (r: InterceptResult): r is Extract<InterceptResult, { status: 'rate_limited' }> => r.status === 'rate_limited'
/** Narrows a verdict to `ignored`. */
export const isIgnored = (r: InterceptResult): r is Extract<InterceptResult, { status: 'ignored' }> => r.status === 'ignored'
