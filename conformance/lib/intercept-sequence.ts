/**
 * Runs one intercept_test sequence against a target (the library, or a client of the daemon) and
 * returns what it observed in the vector's form, so the generator and every TS executor share it.
 */

import type { AuditRecord, InterceptResult, JsonSerializable, Scent } from '../../src/core/index.js'
import { decodeSpecial } from './special-values.js'

export interface EngineSetup {
  config: {
    maxPayloadSize: number
    quarantine: { maxCount: number; maxBytes: number }
    rateLimit: { windowMs: number; maxRequests: number; blockDurationMs: number }
  }
  clockStart: number
  idSeed: string
  macKeys: { kid: string; key: string }[]
}

/** What a conformance executor drives: a fresh engine per sequence, on a manual clock. */
export interface InterceptTarget {
  reset(setup: EngineSetup): Promise<void>
  advance(ms: number): Promise<void>
  intercept(scent: Scent): Promise<VerdictForm>
  neutralize(signature: string): Promise<AuditRecord | null>
  auditRecords(): Promise<AuditRecord[]>
  summary(): Promise<SequenceSummary>
}

export type VerdictForm =
  | { status: 'clean' }
  | { status: 'rate_limited'; retryAfter: number }
  | { status: 'payload_too_large'; limit: number }
  | { status: 'ignored'; signature: string }
  | {
      status: 'quarantined'
      handle: { signature: string; hash: string; size: number; severity: string; captured: number; disposed: boolean }
    }
  | { status: 'error'; error: { state: string; code: string; recoverable: boolean } }

export interface SequenceSummary {
  stats: {
    agent: Record<string, number>
    quarantine: { count: number; bytes: number; bySeverity: Record<string, number> }
    audit: { records: number; treeSize: number }
  }
  treeHead: { treeSize: number; rootHash: string; timestamp: number; kid?: string; mac?: string }
}

export type Step = { advanceMs?: number; scent: Scent } | { advanceMs?: number; neutralize: string }

export interface StepOutcome {
  verdict?: VerdictForm
  neutralized?: AuditRecord | null
  audit: AuditRecord[]
}

/** The wire-independent form of a verdict: messages are left out (they are per-language prose). */
export function verdictForm(r: InterceptResult): VerdictForm {
  switch (r.status) {
    case 'quarantined': {
      const h = r.handle
      return {
        status: r.status,
        handle: { signature: h.signature, hash: h.hash, size: h.size, severity: h.severity, captured: h.captured, disposed: h.disposed },
      }
    }
    case 'error':
      return { status: r.status, error: { state: r.error.state, code: r.error.code, recoverable: r.error.recoverable } }
    default:
      return r
  }
}

export async function runSequence(
  target: InterceptTarget,
  setup: EngineSetup,
  steps: Step[],
): Promise<{ steps: StepOutcome[]; final: SequenceSummary }> {
  await target.reset(setup)
  const outcomes: StepOutcome[] = []
  let seen = 0
  for (const step of steps) {
    if (step.advanceMs) await target.advance(step.advanceMs)
    const outcome: StepOutcome = { audit: [] }
    if ('scent' in step) {
      outcome.verdict = await target.intercept({ ...step.scent, payload: decodeSpecial(step.scent.payload) as JsonSerializable })
    } else {
      outcome.neutralized = await target.neutralize(step.neutralize)
    }
    const records = await target.auditRecords()
    outcome.audit = records.slice(seen)
    seen = records.length
    outcomes.push(outcome)
  }
  return { steps: outcomes, final: await target.summary() }
}
