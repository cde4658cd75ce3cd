/**
 * The entries of the audit log, one Merkle leaf each (docs/core.md): v1's chained records
 * (neutralization, evacuation) plus the capture and purge entries that bind the evidence set and
 * the block entries that bind the rate-limit penalties.
 * The leaf input is the TH-CJSON-1 bytes of the whole entry (every field; a MAC is never part of
 * an entry), so a verifier without keys checks every field. Platform-free.
 */

import { TracehoundError } from '../errors.js'
import { canonicalBytes } from '../encoding/canonical-json.js'
import { jsonText } from '../encoding/json-text.js'
import type { AuditRecord, Severity } from '../types.js'
import { SEVERITIES } from '../types.js'

/** Evidence entered quarantine: binds the evidence row's every metadata column. */
export interface CaptureEntry {
  type: 'capture'
  signature: string
  /** SHA-256 of the evidence bytes (the row's `hash`). */
  hash: string
  size: number
  severity: Severity
  captured: number
  compressed: boolean
}

/** Evidence left quarantine without a v1 record (v1's purge). */
export interface PurgeEntry {
  type: 'purge'
  signature: string
  timestamp: number
  reason: 'timeout' | 'error' | 'abort' | 'panic'
}

/** A source was blocked by the rate limiter (the penalty must survive a restart, untouched). */
export interface BlockEntry {
  type: 'block'
  source: string
  blockedUntil: number
}

/**
 * Any entry of the audit log: a v1 chain record (neutralization, evacuation), a capture, a purge
 * or a rate-limit block.
 */
export type AuditEntry = AuditRecord | CaptureEntry | PurgeEntry | BlockEntry

/** An entry a verifier must refuse: unknown type, a field outside its schema, or a field of the wrong form. */
export class AuditEntryError extends TracehoundError<'AUDIT_ENTRY_INVALID'> {
  constructor(message: string) {
    super('AUDIT_ENTRY_INVALID', message)
  }

  override get name(): string {
    return 'AuditEntryError'
  }
}

type Check = (v: unknown) => boolean
const hex64: Check = (v) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v)
const text: Check = (v) => typeof v === 'string' && v.length > 0
const count: Check = (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
const signature: Check = (v) => typeof v === 'string' && /^[a-z_]+:[0-9a-f]{64}$/.test(v)
const oneOf =
  (values: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v)

const record = { id: text, type: text, signature, timestamp: count, previousHash: hex64, hash: hex64 }

/** Exactly these fields, per type; nothing else is accepted. */
export const AUDIT_ENTRY_SCHEMA: Readonly<Record<AuditEntry['type'], Readonly<Record<string, Check>>>> = {
  neutralization: record,
  evacuation: record,
  capture: {
    type: text,
    signature,
    hash: hex64,
    size: count,
    severity: oneOf(SEVERITIES),
    captured: count,
    compressed: (v) => typeof v === 'boolean',
  },
  purge: { type: text, signature, timestamp: count, reason: oneOf(['timeout', 'error', 'abort', 'panic']) },
  block: { type: text, source: (v) => typeof v === 'string', blockedUntil: count },
}

/** The entry, checked against its type's schema; throws AuditEntryError naming the first problem. */
export function checkAuditEntry(value: unknown): AuditEntry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new AuditEntryError('an audit entry is a JSON object')
  const entry = value as Record<string, unknown>
  const type = entry.type
  const schema =
    typeof type === 'string' && Object.hasOwn(AUDIT_ENTRY_SCHEMA, type) ? AUDIT_ENTRY_SCHEMA[type as AuditEntry['type']] : undefined
  if (!schema) throw new AuditEntryError(`unknown audit entry type ${JSON.stringify(type)}`)
  for (const key of Object.keys(entry)) {
    if (!Object.hasOwn(schema, key)) throw new AuditEntryError(`field "${key}" is not part of a ${type} entry`)
  }
  for (const [key, ok] of Object.entries(schema)) {
    if (!Object.hasOwn(entry, key)) throw new AuditEntryError(`${type} entry without "${key}"`)
    if (!ok(entry[key])) throw new AuditEntryError(`${type} entry: "${key}" is malformed`)
  }
  return entry as unknown as AuditEntry
}

/** The Merkle leaf input: TH-CJSON-1 of the checked entry (what a verifier computes). */
export function auditLeafInput(entry: AuditEntry): Uint8Array {
  return canonicalBytes(checkAuditEntry(entry))
}

const q = jsonText

/**
 * TH-CJSON-1 of an entry the engine built itself (or a storage adapter verified), spelled out with
 * the keys in canonical order: the intercept path makes one per capture and eviction, and the
 * general encoder costs several times more. Property-tested against `canonicalize`.
 */
export function entryText(e: AuditEntry): string {
  switch (e.type) {
    case 'capture':
      return `{"captured":${e.captured},"compressed":${e.compressed},"hash":${q(e.hash)},"severity":${q(e.severity)},"signature":${q(e.signature)},"size":${e.size},"type":"capture"}`
    case 'purge':
      return `{"reason":${q(e.reason)},"signature":${q(e.signature)},"timestamp":${e.timestamp},"type":"purge"}`
    case 'block':
      return `{"blockedUntil":${e.blockedUntil},"source":${q(e.source)},"type":"block"}`
    default:
      return `{"hash":${q(e.hash)},"id":${q(e.id)},"previousHash":${q(e.previousHash)},"signature":${q(e.signature)},"timestamp":${e.timestamp},"type":${q(e.type)}}`
  }
}

/** True for the entries that are v1 chain records (neutralization, evacuation). */
export const isChainRecord = (e: AuditEntry): e is AuditRecord => e.type === 'neutralization' || e.type === 'evacuation'
