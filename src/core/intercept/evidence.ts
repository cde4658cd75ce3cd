/** Quarantined evidence with ownership semantics: transfer, neutralize or evacuate exactly once. */

import { type Clock, systemClock } from '../ports/clock.js'
import { Errors } from '../errors.js'
import { hashBuffer } from '../encoding/hash.js'
import { generateSecureId, type IdSource } from './secure-id.js'
import type { EvacuateRecord, EvidenceHandle, NeutralizationRecord, Severity } from '../types.js'

/** Where an evidence handle takes record ids and timestamps from (docs/determinism.md). */
export interface EvidenceContext {
  readonly clock: Clock
  readonly newId: IdSource
}

export const systemEvidenceContext: EvidenceContext = { clock: systemClock, newId: generateSecureId }

/** What evidence is made of; `bytes` are checked against `hash` unless compressed or already verified. */
export interface EvidenceInit {
  bytes: ArrayBuffer
  signature: string
  /** SHA-256 hex of the canonical (uncompressed) payload bytes. */
  hash: string
  severity: Severity
  /** When the scent was captured (its timestamp, ms epoch). */
  captured: number
  /** The bytes are compressed: they cannot be checked against the hash of the uncompressed content. @default false */
  compressed?: boolean
  /** Where record ids and timestamps come from. @default the system clock and secure ids */
  context?: EvidenceContext
  /** The caller (the factory, a storage that checked on load) hashed these very bytes. @default false */
  hashVerified?: boolean
}

export class Evidence implements EvidenceHandle {
  private _bytes: ArrayBuffer | null
  private readonly _size: number
  private _disposed = false
  private readonly _signature: string
  private readonly _hash: string
  private readonly _severity: Severity
  private readonly _captured: number
  private readonly _compressed: boolean
  private readonly context: EvidenceContext

  constructor(init: EvidenceInit) {
    const { bytes } = init
    if (!(bytes instanceof ArrayBuffer)) throw Errors.evidenceInvalidBytes()
    if (bytes.byteLength === 0) throw Errors.evidenceEmpty()
    this._compressed = init.compressed ?? false
    if (!this._compressed && !init.hashVerified) {
      const actual = hashBuffer(bytes)
      if (actual !== init.hash) throw Errors.evidenceHashMismatch(init.hash, actual)
    }
    this._bytes = bytes
    this._size = bytes.byteLength
    this._signature = init.signature
    this._hash = init.hash
    this._severity = init.severity
    this._captured = init.captured
    this.context = init.context ?? systemEvidenceContext
  }

  get bytes(): ArrayBuffer {
    return this.owned()
  }

  /** Byte size; 0 once disposed, as in v1. */
  get size(): number {
    return this._disposed ? 0 : this._size
  }

  /** Byte size kept after disposal, for audit and accounting. */
  get originalSize(): number {
    return this._size
  }

  get hash(): string {
    return this._hash
  }

  get signature(): string {
    return this._signature
  }

  get captured(): number {
    return this._captured
  }

  get severity(): Severity {
    return this._severity
  }

  get compressed(): boolean {
    return this._compressed
  }

  get disposed(): boolean {
    return this._disposed
  }

  transfer(): ArrayBuffer {
    const bytes = this.owned()
    this.dispose()
    return bytes
  }

  neutralize(previousHash: string): NeutralizationRecord {
    this.owned()
    const record: NeutralizationRecord = {
      id: this.context.newId(),
      signature: this._signature,
      hash: this._hash,
      size: this._size,
      status: 'neutralized',
      timestamp: this.context.clock(),
      previousHash,
    }
    this.dispose()
    return record
  }

  evacuate(destination: string): EvacuateRecord {
    this.owned()
    const record: EvacuateRecord = {
      id: this.context.newId(),
      signature: this._signature,
      destination,
      timestamp: this.context.clock(),
      compressed: this._compressed,
      size: this._size,
    }
    this.dispose()
    return record
  }

  private owned(): ArrayBuffer {
    if (this._disposed) throw Errors.evidenceAlreadyDisposed(this._signature)
    return this._bytes!
  }

  private dispose(): void {
    this._bytes = null
    this._disposed = true
  }
}
