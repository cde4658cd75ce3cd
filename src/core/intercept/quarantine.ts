/** Evidence store keyed by signature, evicting by priority into the audit chain. */

import type { AuditChain } from '../audit/audit-chain.js'
import type { QuarantineConfig } from '../config.js'
import { type EvidenceContext, systemEvidenceContext } from './evidence.js'
import { EvictionQueue, type QueueEntry, severityRank } from './eviction-queue.js'
import type { StoragePort } from '../ports/storage-port.js'
import type {
  AuditedEvacuation,
  AuditedNeutralization,
  AuditRecord,
  EvidenceHandle,
  NeutralizationRecord,
  PurgeRecord,
  Severity,
} from '../types.js'

/** Whether evidence went in, or the evidence already quarantined under its signature. */
export interface InsertResult {
  status: 'inserted' | 'duplicate'
  existing?: EvidenceHandle
}

/** Heap retained per quarantined item beyond its payload bytes (bench/quarantine-bytes.ts measures it). */
export const EVIDENCE_OVERHEAD_BYTES = 480

/** How much the quarantine holds: items, bytes, items per severity. */
export interface QuarantineStats {
  count: number
  /** Payload bytes held (what maxBytes limits, as in v1). */
  bytes: number
  bySeverity: Record<Severity, number>
}

/** What `replace` did: the old evidence neutralized and the new one inserted, or only inserted. */
export interface ReplaceResult {
  status: 'replaced' | 'inserted_only'
  neutralized?: AuditedNeutralization
  inserted: boolean
  duplicate?: EvidenceHandle
}

/** The quarantine's evidence context, eviction callback and durable storage. */
export interface QuarantineOptions {
  context?: EvidenceContext
  /** Called after an eviction has been neutralized and recorded. */
  onEvict?: (evidence: EvidenceHandle, record: AuditedNeutralization) => void
  /** Told of every membership change, with the audit record it produced (docs/storage.md). */
  storage?: Pick<StoragePort, 'evidenceInserted' | 'evidenceRemoved'>
}

interface Entry extends QueueEntry {
  readonly evidence: EvidenceHandle
  /** Size at insertion: a handle reports 0 once disposed, the accounting must not. */
  readonly size: number
}

/**
 * Bounded evidence store keyed by signature: evicts lowest severity, then oldest, when over
 * capacity; every removal yields an audit-ready record.
 */
export class Quarantine {
  private readonly store = new Map<string, Entry>()
  private readonly queue = new EvictionQueue<Entry>()
  private readonly counts: Record<Severity, number> = { low: 0, medium: 0, high: 0, critical: 0 }
  private totalBytes = 0
  private seq = 0
  private readonly context: EvidenceContext
  private readonly storage: QuarantineOptions['storage']

  constructor(
    private readonly config: QuarantineConfig,
    private readonly auditChain: AuditChain,
    private readonly options: QuarantineOptions = {},
  ) {
    this.context = options.context ?? systemEvidenceContext
    this.storage = options.storage
  }

  /** Inserts, then evicts while over limits; the new item itself may be evicted (still 'inserted'). */
  insert(evidence: EvidenceHandle): InsertResult {
    return this.add(evidence, true)
  }

  /** Inserts evidence loaded from storage: not reported back as new, but evictions are (limits may have shrunk). */
  restore(evidence: EvidenceHandle): InsertResult {
    return this.add(evidence, false)
  }

  private add(evidence: EvidenceHandle, report: boolean): InsertResult {
    const existing = this.store.get(evidence.signature)
    if (existing) return { status: 'duplicate', existing: existing.evidence }
    const entry: Entry = {
      evidence,
      size: evidence.size,
      rank: severityRank(evidence.severity),
      captured: evidence.captured,
      seq: this.seq++,
      live: true,
    }
    this.store.set(evidence.signature, entry)
    this.queue.push(entry)
    this.totalBytes += entry.size
    this.counts[evidence.severity]++
    if (report) {
      const capture = this.auditChain.appendCapture(evidence)
      this.storage?.evidenceInserted(evidence, capture)
    }
    while (this.store.size > this.config.maxCount || this.totalBytes > this.config.maxBytes) {
      const victim = this.queue.popLive()
      if (!victim) break
      const record = this.neutralizeEntry(victim)
      this.options.onEvict?.(victim.evidence, record)
    }
    return { status: 'inserted' }
  }

  /** The evidence quarantined under a signature, or null. */
  get(signature: string): EvidenceHandle | null {
    return this.store.get(signature)?.evidence ?? null
  }

  /** True when evidence is quarantined under the signature. */
  has(signature: string): boolean {
    return this.store.has(signature)
  }

  /** Live handles in insertion order. */
  list(): EvidenceHandle[] {
    return Array.from(this.store.values(), (e) => e.evidence)
  }

  /** Removes and disposes of the evidence; its record (with the chained audit record), or null when none. */
  neutralize(signature: string): AuditedNeutralization | null {
    const entry = this.store.get(signature)
    if (!entry) return null
    const record = this.neutralizeEntry(entry)
    this.queue.compact(this.store.size)
    return record
  }

  /** Hands live evidence to `destination` (already written there): audit record, then removal. */
  evacuate(signature: string, destination: string): AuditedEvacuation | null {
    const entry = this.store.get(signature)
    if (!entry || entry.evidence.disposed) return null
    const record = entry.evidence.evacuate(destination)
    const audited = this.auditChain.append(record)
    this.remove(entry)
    this.storage?.evidenceRemoved(signature, audited)
    this.queue.compact(this.store.size)
    return { ...record, audit: audited }
  }

  /** Neutralizes everything; the audit records, in quarantine order. */
  flush(): AuditedNeutralization[] {
    const records = Array.from(this.store.values(), (e) => this.neutralizeEntry(e))
    this.queue.clear()
    return records
  }

  /** Drops evidence without a v1 audit record, with the reason (v1 semantics); the log gets a purge entry. */
  purge(signature: string, reason: PurgeRecord['reason']): PurgeRecord | null {
    const entry = this.store.get(signature)
    if (!entry) return null
    const now = this.context.clock()
    const record: PurgeRecord = {
      id: `prg-${now}-${this.context.newId().slice(-8)}`,
      reason,
      scent: {
        id: entry.evidence.signature,
        source: 'unknown',
        timestamp: entry.evidence.captured,
        payloadHash: entry.evidence.hash,
        payloadSize: entry.size,
      },
      purgeTimestamp: now,
    }
    if (!entry.evidence.disposed) entry.evidence.transfer()
    this.remove(entry)
    // No v1 record, but a log entry: the evidence set stays provable (audit-entry.ts).
    this.storage?.evidenceRemoved(signature, this.auditChain.appendPurge(signature, now, reason))
    this.queue.compact(this.store.size)
    return record
  }

  /** Neutralizes the evidence under `oldSignature` and inserts `newEvidence`. */
  replace(oldSignature: string, newEvidence: EvidenceHandle): ReplaceResult {
    const neutralized = this.neutralize(oldSignature)
    const insert = this.insert(newEvidence)
    const inserted = insert.status === 'inserted'
    if (!neutralized) return { status: 'inserted_only', inserted }
    return { status: 'replaced', neutralized, inserted, ...(insert.existing && { duplicate: insert.existing }) }
  }

  /** Items held (stats.count without building stats). */
  get count(): number {
    return this.store.size
  }

  /** Payload bytes held (stats.bytes without building stats). */
  get bytes(): number {
    return this.totalBytes
  }

  get stats(): QuarantineStats {
    return { count: this.store.size, bytes: this.totalBytes, bySeverity: { ...this.counts } }
  }

  /**
   * Memory the quarantine really retains: payload bytes plus EVIDENCE_OVERHEAD_BYTES per item
   * (handle, strings, index entries, buffer header), measured by bench/quarantine-bytes.ts.
   * Not part of `stats` (v1's shape, which the conformance vectors fix).
   */
  get retainedBytes(): number {
    return this.totalBytes + this.store.size * EVIDENCE_OVERHEAD_BYTES
  }

  /** Neutralizes into the audit chain; a handle the host already transferred still gets its record. */
  private neutralizeEntry(entry: Entry): AuditedNeutralization {
    const { evidence } = entry
    const previousHash = this.auditChain.lastHash
    const record: NeutralizationRecord = evidence.disposed
      ? {
          id: this.context.newId(),
          signature: evidence.signature,
          hash: evidence.hash,
          size: entry.size,
          status: 'neutralized',
          timestamp: this.context.clock(),
          previousHash,
        }
      : evidence.neutralize(previousHash)
    const audited = this.auditChain.append(record)
    this.remove(entry)
    this.storage?.evidenceRemoved(evidence.signature, audited)
    return withAudit(record, audited)
  }

  private remove(entry: Entry): void {
    entry.live = false
    this.store.delete(entry.evidence.signature)
    this.totalBytes -= entry.size
    this.counts[entry.evidence.severity]--
  }
}

/** The record and its audit entry, spelled out: an object spread costs about a microsecond, on every eviction. */
function withAudit(r: NeutralizationRecord, audit: AuditRecord): AuditedNeutralization {
  const { id, signature, hash, size, status, timestamp, previousHash } = r
  return { id, signature, hash, size, status, timestamp, previousHash, audit }
}
