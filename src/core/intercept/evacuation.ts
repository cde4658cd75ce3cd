/**
 * Evacuation to cold storage: encode the evidence bytes (gzip + SHA-256 via
 * the injected encoder), write them through the adapter, and only once the
 * write succeeded take the evidence out of quarantine with an audit record.
 * A failed write leaves the evidence where it was. Never throws.
 */

import type { IColdStorageAdapter } from '../v1/cold-storage.js'
import type { EncodedPayload } from '../encoding/encoded-payload.js'
import { createError, Errors, type TracehoundError } from '../errors.js'
import type { Quarantine } from './quarantine.js'
import type { AuditedEvacuation } from '../types.js'

/** A cold storage adapter with the encoder that seals evidence for it. */
export interface ColdStorageTarget {
  adapter: IColdStorageAdapter
  /** e.g. encodeWithIntegrityAsync; the root package supplies it by default. */
  encode: (bytes: Uint8Array) => Promise<EncodedPayload>
}

/** What `evacuate` did: moved (with the audit record) or why not. */
export type EvacuationOutcome = { ok: true; record: AuditedEvacuation; location: string } | { ok: false; error: TracehoundError }

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err))

export async function evacuate(
  quarantine: Quarantine,
  target: ColdStorageTarget | undefined,
  signature: string,
): Promise<EvacuationOutcome> {
  if (!target) {
    return { ok: false, error: createError('cold_storage', 'COLD_NOT_CONFIGURED', 'No cold storage is configured', { recoverable: false }) }
  }
  const evidence = quarantine.get(signature)
  if (!evidence) {
    return {
      ok: false,
      error: createError('quarantine', 'QUARANTINE_NOT_FOUND', `Evidence ${signature} is not in quarantine`, {
        context: { signature },
        recoverable: false,
      }),
    }
  }
  if (evidence.disposed) return { ok: false, error: Errors.evidenceAlreadyDisposed(signature) }
  let payload: EncodedPayload
  try {
    payload = await target.encode(new Uint8Array(evidence.bytes.slice(0)))
  } catch (err) {
    return { ok: false, error: Errors.codecEncodeFailed(messageOf(err)) }
  }
  let written: Awaited<ReturnType<IColdStorageAdapter['write']>>
  try {
    written = await target.adapter.write(signature, payload)
  } catch (err) {
    written = { success: false, error: messageOf(err) } // adapters should not throw; tolerate one that does
  }
  if (!written.success) return { ok: false, error: Errors.coldStorageWriteFailed(signature, written.error ?? 'unknown') }
  const location = written.id ?? signature
  // The write awaited; meanwhile the evidence may have been evicted (and then has its own audit record).
  const record = quarantine.evacuate(signature, location)
  if (!record) return { ok: false, error: Errors.evidenceAlreadyDisposed(signature) }
  return { ok: true, record, location }
}
