/**
 * v1's hash-chained audit log, with an RFC 9162 Merkle tree over every audit entry: the v1
 * records and the capture and purge entries that bind the evidence set (audit-entry.ts).
 * The v1 surface (append, verify, export, lastHash, length) sees only the v1 records.
 */

import { TracehoundError } from '../errors.js'
import {
  auditLeafInput,
  type AuditEntry,
  type BlockEntry,
  type CaptureEntry,
  entryText,
  isChainRecord,
  type PurgeEntry,
} from './audit-entry.js'
import { auditRecordHashInput, GENESIS_HASH, recordHashText } from './audit-record.js'
import { bytesEqual, type CryptoPort, toHex } from '../ports/crypto-port.js'
import { leafHashWith, MerkleTree } from './merkle-tree.js'
import { nodeCrypto } from '../ports/node-crypto.js'
import type { AuditRecord, EvacuateRecord, EvidenceHandle, NeutralizationRecord } from '../types.js'

export { GENESIS_HASH }

/** v1's audit chain contract: append hash-chained records and verify the chain. */
export interface IAuditChain {
  readonly lastHash: string
  readonly length: number
  /** Appends a record, chained to the last one, and adds its leaf to the Merkle tree. */
  append(record: NeutralizationRecord | EvacuateRecord): void
  /** Recomputes every record hash and the chain links; false at the first break. */
  verify(): boolean
  /** Every record, oldest first. */
  export(): AuditRecord[]
}

/** The hash functions the audit chain uses (default: the platform's). */
export interface AuditChainOptions {
  crypto?: CryptoPort
  /**
   * Memory bound: records and Merkle nodes are kept for the newest `retain` leaves only (proofs
   * about older leaves answer RetentionError, unless `storage` serves them). Default: all (v1).
   */
  retain?: number
  /** A durable store of the log: its tree is the chain's tree, and it serves the records memory dropped. */
  storage?: AuditStore
}

/** What the chain asks of durable storage (the ledger): the audit tree itself, and old records. */
export interface AuditStore {
  /** The durable Merkle tree (its nodes on disk), at the size storage verified: the chain appends to it. */
  readonly tree: MerkleTree
  /** The committed v1 record at a leaf, or undefined (another entry type, or none). */
  recordAtLeaf(leaf: number): AuditRecord | undefined
}

/** Where a durable chain left off: enough to go on appending and proving. */
export interface AuditFrontier {
  /** The durable tree's size (a check: storage hands over the tree itself). */
  treeSize: number
  /** v1 records before `recent`. */
  records: number
  /** The hash the first of `recent` links to (with none, the chain's last hash). */
  lastHash: string
  /** The newest v1 records with their leaves, oldest first: the ones memory keeps. */
  recent: { leaf: number; record: AuditRecord }[]
}

/** The hash-chained audit log (v1's record hash) with an RFC 9162 Merkle tree over it. */
export class AuditChain implements IAuditChain {
  /** The retained v1 records, oldest first, from records[recordsStart]. */
  private records: AuditRecord[] = []
  /** records[i] is Merkle leaf recordLeaf[i] (ascending). */
  private recordLeaf: number[] = []
  private recordsStart = 0
  /** v1 records before the retained ones (dropped, or restored from storage as a count). */
  private recordsDropped = 0
  /** The hash the first retained record links to. */
  private baseHash = GENESIS_HASH
  private readonly tree: MerkleTree
  private readonly crypto: CryptoPort
  private readonly retain: number
  private readonly storage: AuditStore | undefined
  private _lastHash = GENESIS_HASH

  constructor(options: AuditChainOptions = {}) {
    this.crypto = options.crypto ?? nodeCrypto
    this.retain = options.retain ?? Infinity
    this.storage = options.storage
    this.tree = options.storage?.tree ?? new MerkleTree(this.crypto, { retain: this.retain })
  }

  /** Continues the v1 chain where durable storage left off; call before any append. */
  restoreFrontier(f: AuditFrontier): void {
    if (this.records.length > 0 || f.treeSize !== this.tree.size)
      throw new TracehoundError(
        'AUDIT_RESTORE_INVALID',
        `restoreFrontier needs a fresh chain over the stored tree (${this.tree.size} leaves, got ${f.treeSize})`,
      )
    this.recordsDropped = f.records
    this.baseHash = this._lastHash = f.lastHash
    for (const { leaf, record } of f.recent) {
      this.records.push(record)
      this.recordLeaf.push(leaf)
      this._lastHash = record.hash
    }
    if (this.retain !== Infinity) this.dropOld()
  }

  get lastHash(): string {
    return this._lastHash
  }

  /** v1 records (not capture or purge entries), retained or not. */
  get length(): number {
    return this.recordsDropped + this.records.length - this.recordsStart
  }

  /** The newest record, without copying the chain. */
  get lastRecord(): AuditRecord | undefined {
    return this.records.length > this.recordsStart ? this.records[this.records.length - 1] : undefined
  }

  /** Chains the record and returns it as stored (the persistence port writes exactly this). */
  append(record: NeutralizationRecord | EvacuateRecord): AuditRecord {
    const previousHash = this._lastHash
    const audited: AuditRecord = {
      id: record.id,
      type: 'status' in record ? 'neutralization' : 'evacuation',
      signature: record.signature,
      timestamp: record.timestamp,
      previousHash,
      hash: this.crypto.sha256Hex(recordHashText(record.id, record.signature, record.timestamp, previousHash)),
    }
    this.add(audited)
    return audited
  }

  /** Logs evidence entering quarantine. */
  appendCapture(e: EvidenceHandle): CaptureEntry {
    const entry: CaptureEntry = {
      type: 'capture',
      signature: e.signature,
      hash: e.hash,
      size: e.size,
      severity: e.severity,
      captured: e.captured,
      compressed: (e as { compressed?: boolean }).compressed === true,
    }
    this.add(entry)
    return entry
  }

  /** Logs evidence dropped without a v1 record. */
  appendPurge(signature: string, timestamp: number, reason: PurgeEntry['reason']): PurgeEntry {
    const entry: PurgeEntry = { type: 'purge', signature, timestamp, reason }
    this.add(entry)
    return entry
  }

  /** Logs a rate-limit block. */
  appendBlock(source: string, blockedUntil: number): BlockEntry {
    const entry: BlockEntry = { type: 'block', source, blockedUntil }
    this.add(entry)
    return entry
  }

  /** Appends an entry as it is: its leaf to the tree, and a v1 record to the chain. */
  private add(entry: AuditEntry): void {
    const leaf = this.tree.appendText(entryText(entry))
    if (isChainRecord(entry)) {
      this.records.push(entry)
      this.recordLeaf.push(leaf)
      this._lastHash = entry.hash
    }
    if (this.retain !== Infinity) this.dropOld()
  }

  /** Forgets records before the retained leaves; compacts once the dropped part is half the array. */
  private dropOld(): void {
    const lo = this.tree.size - this.retain
    while (this.recordsStart < this.records.length && this.recordLeaf[this.recordsStart]! < lo) {
      this.baseHash = this.records[this.recordsStart]!.hash
      this.recordsStart++
      this.recordsDropped++
    }
    if (this.recordsStart > 1024 && this.recordsStart * 2 > this.records.length) {
      this.records = this.records.slice(this.recordsStart)
      this.recordLeaf = this.recordLeaf.slice(this.recordsStart)
      this.recordsStart = 0
    }
  }

  /** Chain continuity, every record hash, and each record's Merkle leaf against the record (the retained ones). */
  verify(): boolean {
    let expected = this.baseHash
    for (let i = this.recordsStart; i < this.records.length; i++) {
      const r = this.records[i]!
      if (r.previousHash !== expected) return false
      if (this.crypto.sha256Hex(auditRecordHashInput(r)) !== r.hash) return false
      if (!bytesEqual(this.tree.leafHash(this.recordLeaf[i]!), leafHashWith(this.crypto, auditLeafInput(r)))) return false
      expected = r.hash
    }
    return true
  }

  /** The retained records as a new array (all of them unless `retain` is set); the record objects are shared, as in v1. */
  export(): AuditRecord[] {
    return this.records.slice(this.recordsStart)
  }

  /** The v1 record at Merkle leaf `index`, or undefined (a capture or purge entry, no such leaf, or not retained). */
  recordAtLeaf(index: number): AuditRecord | undefined {
    const first = this.recordLeaf[this.recordsStart]
    if (this.storage && (first === undefined || index < first)) return this.storage.recordAtLeaf(index)
    let lo = this.recordsStart
    let hi = this.recordLeaf.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1
      const leaf = this.recordLeaf[mid]!
      if (leaf === index) return this.records[mid]
      if (leaf < index) lo = mid + 1
      else hi = mid - 1
    }
    return undefined
  }

  /** Merkle leaves: every entry, records and captures alike. */
  get treeSize(): number {
    return this.tree.size
  }

  /** The Merkle root of the first `treeSize` leaves (default: all). */
  rootHash(treeSize = this.tree.size): string {
    return toHex(this.tree.root(treeSize))
  }

  /** The Merkle leaf hash of record `index`. */
  leafHash(index: number): string {
    return toHex(this.tree.leafHash(index))
  }

  /** The RFC 9162 inclusion path (hex hashes) of leaf `leafIndex` in the tree of `treeSize` leaves. */
  inclusionProof(leafIndex: number, treeSize = this.tree.size): string[] {
    return this.tree.inclusionProof(leafIndex, treeSize).map(toHex)
  }

  /** The RFC 9162 consistency path (hex hashes) between two tree sizes. */
  consistencyProof(firstSize: number, secondSize = this.tree.size): string[] {
    return this.tree.consistencyProof(firstSize, secondSize).map(toHex)
  }
}
