/** v1's hash-chained audit log, with an RFC 9162 Merkle tree over the record hashes. */

import { auditRecordHashInput, GENESIS_HASH } from './audit-record.js'
import { bytesEqual, type CryptoPort, fromHex, toHex } from './crypto-port.js'
import { leafHashWith, MerkleTree } from './merkle-tree.js'
import { nodeCrypto } from './node-crypto.js'
import type { AuditRecord, EvacuateRecord, NeutralizationRecord } from './types.js'

export { GENESIS_HASH }

export interface IAuditChain {
  readonly lastHash: string
  readonly length: number
  append(record: NeutralizationRecord | EvacuateRecord): void
  verify(): boolean
  export(): AuditRecord[]
}

export interface AuditChainOptions {
  crypto?: CryptoPort
}

export class AuditChain implements IAuditChain {
  private readonly records: AuditRecord[] = []
  private readonly tree: MerkleTree
  private readonly crypto: CryptoPort
  private _lastHash = GENESIS_HASH

  constructor(options: AuditChainOptions = {}) {
    this.crypto = options.crypto ?? nodeCrypto
    this.tree = new MerkleTree(this.crypto)
  }

  get lastHash(): string {
    return this._lastHash
  }

  get length(): number {
    return this.records.length
  }

  /** The newest record, without copying the chain. */
  get lastRecord(): AuditRecord | undefined {
    return this.records[this.records.length - 1]
  }

  /** Chains the record and returns it as stored (the persistence port writes exactly this). */
  append(record: NeutralizationRecord | EvacuateRecord): AuditRecord {
    const previousHash = this._lastHash
    const raw = this.crypto.sha256(auditRecordHashInput({ ...record, previousHash }))
    const audited: AuditRecord = {
      id: record.id,
      type: 'status' in record ? 'neutralization' : 'evacuation',
      signature: record.signature,
      timestamp: record.timestamp,
      previousHash,
      hash: toHex(raw),
    }
    this.records.push(audited)
    this.tree.append(raw)
    this._lastHash = audited.hash
    return audited
  }

  /** Re-appends a record loaded from storage as it is; the storage adapter has verified it. */
  restore(record: AuditRecord): void {
    this.records.push(record)
    this.tree.append(fromHex(record.hash))
    this._lastHash = record.hash
  }

  /** Chain continuity, every record hash, and the Merkle leaves against the records. */
  verify(): boolean {
    let expected = GENESIS_HASH
    for (let i = 0; i < this.records.length; i++) {
      const r = this.records[i]!
      if (r.previousHash !== expected) return false
      const hash = this.crypto.sha256Hex(auditRecordHashInput(r))
      if (hash !== r.hash) return false
      if (!bytesEqual(this.tree.leafHash(i), leafHashWith(this.crypto, fromHex(hash)))) return false
      expected = r.hash
    }
    return true
  }

  /** The records as a new array; the record objects are shared, as in v1. */
  export(): AuditRecord[] {
    return [...this.records]
  }

  get treeSize(): number {
    return this.tree.size
  }

  rootHash(treeSize = this.tree.size): string {
    return toHex(this.tree.root(treeSize))
  }

  leafHash(index: number): string {
    return toHex(this.tree.leafHash(index))
  }

  inclusionProof(leafIndex: number, treeSize = this.tree.size): string[] {
    return this.tree.inclusionProof(leafIndex, treeSize).map(toHex)
  }

  consistencyProof(firstSize: number, secondSize = this.tree.size): string[] {
    return this.tree.consistencyProof(firstSize, secondSize).map(toHex)
  }
}
