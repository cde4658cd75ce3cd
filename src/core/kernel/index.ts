/**
 * The verification kernel (docs/spec/audit.md): everything a client needs to check the daemon's answers
 * without trusting it. Platform-free and synchronous (pure-JS SHA-256), so browsers can use it.
 * Hashes, proofs and MACs are lowercase hex, as on the wire and in the vectors.
 */

import { type AuditEntry, auditLeafInput } from '../audit/audit-entry.js'
import { type HashableAuditRecord, auditRecordHashInput } from '../audit/audit-record.js'
import { canonicalBytes } from '../encoding/canonical-json.js'
import { type Bytes, fromHex, toHex } from '../ports/crypto-port.js'
import { computeMacWith, verifyMacWith } from '../audit/mac.js'
import { leafHashWith } from '../audit/merkle-tree.js'
import { verifyConsistency as verifyConsistencyBytes, verifyInclusion as verifyInclusionBytes } from './merkle-verify.js'
import { nobleCrypto } from './noble-crypto.js'

export { CanonicalJsonError, canonicalBytes, canonicalize } from '../encoding/canonical-json.js'
export { GENESIS_HASH } from '../audit/audit-record.js'
export type { Bytes } from '../ports/crypto-port.js'
export type { HashableAuditRecord } from '../audit/audit-record.js'
export { AuditEntryError, checkAuditEntry } from '../audit/audit-entry.js'
export type { AuditEntry, BlockEntry, CaptureEntry, PurgeEntry } from '../audit/audit-entry.js'

/** `category:sha256hex(TH-CJSON-1(payload))`; throws CanonicalJsonError for NaN, Infinity, undefined… */
export function signature(category: string, payload: unknown): string {
  return `${category}:${nobleCrypto.sha256Hex(canonicalBytes(payload))}`
}

/** v1's audit record hash. */
export function recordHash(record: HashableAuditRecord): string {
  return nobleCrypto.sha256Hex(auditRecordHashInput(record))
}

/**
 * RFC 9162 leaf hash of an audit entry: SHA-256(0x00 ‖ TH-CJSON-1(entry)), every field bound.
 * Throws AuditEntryError for an unknown type, a field outside the type's schema, or a malformed field.
 */
export function leafHash(entry: AuditEntry): string {
  return toHex(leafHashWith(nobleCrypto, auditLeafInput(entry)))
}

const LOWER_HEX = /^[0-9a-f]*$/

/** Decodes canonical lowercase hex, or undefined: a malformed proof simply fails. */
function hex(value: string): Bytes | undefined {
  return typeof value === 'string' && LOWER_HEX.test(value) && value.length % 2 === 0 ? fromHex(value) : undefined
}

function hexList(values: readonly string[]): Bytes[] | undefined {
  if (!Array.isArray(values)) return undefined
  const out: Bytes[] = []
  for (const v of values) {
    const b = hex(v)
    if (!b) return undefined
    out.push(b)
  }
  return out
}

/** An RFC 9162 inclusion proof with the root it should lead to (hashes as lowercase hex). */
export interface InclusionInput {
  leafHash: string
  leafIndex: number
  treeSize: number
  path: readonly string[]
  rootHash: string
}

/**
 * True when `path` leads from `leafHash` at `leafIndex` to `rootHash` in a tree of `treeSize`
 * leaves; false for any malformed input (never throws).
 */
export function verifyInclusion(p: InclusionInput): boolean {
  const leaf = hex(p.leafHash)
  const root = hex(p.rootHash)
  const path = hexList(p.path)
  return !!leaf && !!root && !!path && verifyInclusionBytes(leaf, p.leafIndex, p.treeSize, path, root, nobleCrypto)
}

/** An RFC 9162 consistency proof between two tree heads (hashes as lowercase hex). */
export interface ConsistencyInput {
  firstSize: number
  secondSize: number
  path: readonly string[]
  firstRoot: string
  secondRoot: string
}

/**
 * True when the tree of `firstSize` leaves with `firstRoot` is a prefix of the tree of
 * `secondSize` leaves with `secondRoot`; false for any malformed input (never throws).
 */
export function verifyConsistency(p: ConsistencyInput): boolean {
  const first = hex(p.firstRoot)
  const second = hex(p.secondRoot)
  const path = hexList(p.path)
  return !!first && !!second && !!path && verifyConsistencyBytes(p.firstSize, p.secondSize, path, first, second, nobleCrypto)
}

const keyBytes = (key: Bytes | string): Bytes => (typeof key === 'string' ? fromHex(key) : key)

/** Hex HMAC-SHA256(key, TH-CJSON-1(body)); key as bytes or hex. */
export function computeMac(key: Bytes | string, body: unknown): string {
  return computeMacWith(nobleCrypto, keyBytes(key), body)
}

/** Constant-time check of a MAC over TH-CJSON-1(body). */
export function verifyMac(key: Bytes | string, body: unknown, mac: string): boolean {
  return verifyMacWith(nobleCrypto, keyBytes(key), body, mac)
}

/** Verifies a record that carries its own `kid` and `mac` (tree heads, evidence records). */
export function verifyRecordMac<T extends { kid?: string; mac?: string }>(key: Bytes | string, record: T): boolean {
  const { kid: _kid, mac, ...body } = record
  return typeof mac === 'string' && verifyMac(key, body, mac)
}

export { toHex, fromHex }
