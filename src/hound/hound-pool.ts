/**
 * HoundPool: a fixed set of process slots that analyse evidence off the
 * request path. activate() returns nothing and never throws; each activation
 * ends in exactly one HoundResult (processed, timeout or error) delivered to
 * onResult handlers. Processes spawn lazily, are reused after success and
 * are killed (SIGKILL) on timeout, error or terminate().
 */

import { fileURLToPath } from 'node:url'
import { type Clock, systemClock, systemTimers, type TimerPort } from '../core/index.js'
import { decodeHoundMessage } from './hound-ipc.js'
import {
  createProcessAdapter,
  DEFAULT_CONSTRAINTS,
  type HoundHandle,
  type HoundProcessConstraints,
  type IHoundProcessAdapter,
} from './process-adapter.js'

/** What a hound reported for one piece of evidence. */
export interface HoundResult {
  signature: string
  status: 'processed' | 'timeout' | 'error'
  durationMs: number
  /** `hound-<slot>`, or 'pool' when no slot took the evidence */
  processId: string
  /** pool_exhausted, pool_exhausted_escalated, defer_queue_full, forced_terminate, timeout, process_exit_<code>, ipc_decode_error, evidence_unavailable, or the hound's own message */
  error?: string
}

/** Process, activation, timeout and error counters of the pool. */
export interface HoundPoolStats {
  /** Busy slots; never more than totalProcesses */
  activeProcesses: number
  totalProcesses: number
  totalActivations: number
  totalTimeouts: number
  totalErrors: number
  /** Mean of the last 100 successful runs */
  avgProcessingMs: number
}

/** drop: answer pool_exhausted; escalate: the same, counted as an error; defer: queue (bounded). */
export type PoolExhaustedAction = 'drop' | 'escalate' | 'defer'

/** What a hound needs of evidence: its signature and bytes. */
export interface HoundEvidence {
  readonly signature: string
  readonly bytes: ArrayBuffer
}

/** Pool size, per-activation timeout, rotation jitter and what happens when the pool is exhausted. */
export interface HoundPoolConfig {
  poolSize: number
  /** ms a hound may take before it is killed */
  timeout: number
  /** Accepted for v1 compatibility; processes are not rotated on a timer. */
  rotationJitterMs: number
  /** Default 'drop'. */
  onPoolExhausted?: PoolExhaustedAction
  /** Default 100. */
  deferQueueLimit?: number
  processConstraints?: Partial<HoundProcessConstraints>
  /** Default: the bundled hound-process.mjs. */
  processScriptPath?: string
  /** Default: real child processes. */
  adapter?: IHoundProcessAdapter
  clock?: Clock
  timers?: TimerPort
}

/** v1's hound pool contract: activate evidence in an isolated process, collect results. */
export interface IHoundPool {
  /** Hands evidence to a hound process (or queues it, per the exhaustion policy). */
  activate(evidence: HoundEvidence): void
  /** Kills the hound working on `signature`, if any. */
  terminate(signature: string): void
  readonly stats: Readonly<HoundPoolStats>
  /** Calls `handler` with every hound result. */
  onResult(handler: (result: HoundResult) => void): void
  /** Kills every process and drops the queue; the pool has no slots afterwards. */
  shutdown(): void
}

/** The script a hound process runs by default (shipped with the package). */
export const DEFAULT_HOUND_SCRIPT = fileURLToPath(new URL('./hound-process.mjs', import.meta.url))

interface Slot {
  readonly id: string
  handle: HoundHandle | null
  job: { signature: string; startedAt: number; timer: unknown } | null
}

const AVERAGE_WINDOW = 100

/**
 * Runs evidence analysis in child processes, at most `poolSize` at a time, each bounded by
 * `timeout`.
 */
export class HoundPool implements IHoundPool {
  static readonly DEFAULT_CONSTRAINTS = DEFAULT_CONSTRAINTS

  private readonly slots: Slot[] = []
  private readonly deferred: HoundEvidence[] = []
  private readonly handlers: Array<(result: HoundResult) => void> = []
  private readonly durations: number[] = []
  private readonly adapter: IHoundProcessAdapter
  private readonly clock: Clock
  private readonly timers: TimerPort
  private activations = 0
  private timeouts = 0
  private errors = 0

  constructor(private readonly config: HoundPoolConfig) {
    this.adapter = config.adapter ?? createProcessAdapter()
    this.clock = config.clock ?? systemClock
    this.timers = config.timers ?? systemTimers
    for (let i = 0; i < config.poolSize; i++) this.slots.push({ id: `hound-${i}`, handle: null, job: null })
  }

  activate(evidence: HoundEvidence): void {
    this.activations++
    try {
      const slot = this.slots.find((s) => !s.job)
      if (slot) this.assign(slot, evidence)
      else this.exhausted(evidence)
    } catch {
      this.errors++ // not even a signature to report against (a malformed argument)
    }
  }

  terminate(signature: string): void {
    const slot = this.slots.find((s) => s.job?.signature === signature)
    if (slot) this.fail(slot, 'error', 'forced_terminate')
  }

  get stats(): Readonly<HoundPoolStats> {
    const total = this.durations.reduce((a, b) => a + b, 0)
    return Object.freeze({
      activeProcesses: this.slots.filter((s) => s.job).length,
      totalProcesses: this.slots.length,
      totalActivations: this.activations,
      totalTimeouts: this.timeouts,
      totalErrors: this.errors,
      avgProcessingMs: this.durations.length > 0 ? total / this.durations.length : 0,
    })
  }

  onResult(handler: (result: HoundResult) => void): void {
    this.handlers.push(handler)
  }

  shutdown(): void {
    for (const slot of this.slots) {
      if (slot.job) this.timers.clear(slot.job.timer)
      slot.job = null
      this.killProcess(slot)
    }
    this.slots.length = 0
    this.deferred.length = 0
  }

  private exhausted(evidence: HoundEvidence): void {
    const action = this.config.onPoolExhausted ?? 'drop'
    if (action === 'defer' && this.deferred.length < (this.config.deferQueueLimit ?? 100)) {
      this.deferred.push(evidence)
      return
    }
    if (action === 'escalate') this.errors++
    const error = action === 'defer' ? 'defer_queue_full' : action === 'escalate' ? 'pool_exhausted_escalated' : 'pool_exhausted'
    this.emit({ signature: evidence.signature, status: 'error', durationMs: 0, processId: 'pool', error })
  }

  private assign(slot: Slot, evidence: HoundEvidence): void {
    const signature = evidence.signature
    let bytes: ArrayBuffer
    try {
      bytes = evidence.bytes // a disposed handle throws
    } catch {
      this.errors++
      this.emit({ signature, status: 'error', durationMs: 0, processId: slot.id, error: 'evidence_unavailable' })
      return
    }
    try {
      if (!slot.handle) slot.handle = this.spawn(slot)
    } catch (err) {
      this.errors++
      const error = err instanceof Error ? err.message : 'spawn_failed'
      this.emit({ signature, status: 'error', durationMs: 0, processId: slot.id, error })
      return
    }
    const timer = this.timers.set(() => this.onTimeout(slot), this.config.timeout)
    slot.job = { signature, startedAt: this.clock(), timer }
    try {
      this.adapter.send(slot.handle, bytes)
    } catch {
      this.fail(slot, 'error', 'send_failed')
    }
  }

  private spawn(slot: Slot): HoundHandle {
    const handle = this.adapter.spawn(this.config.processScriptPath ?? DEFAULT_HOUND_SCRIPT, this.config.processConstraints)
    // Callbacks from a handle the slot no longer holds (killed by us) are stale and ignored.
    this.adapter.onMessage(handle, (payload) => {
      if (slot.handle === handle) this.onMessage(slot, payload)
    })
    this.adapter.onExit(handle, (code) => {
      if (slot.handle !== handle) return
      slot.handle = null
      if (slot.job) this.fail(slot, 'error', `process_exit_${code}`)
    })
    return handle
  }

  private onMessage(slot: Slot, payload: ArrayBuffer): void {
    let message
    try {
      message = decodeHoundMessage(payload)
    } catch {
      this.fail(slot, 'error', 'ipc_decode_error')
      return
    }
    if (message.type !== 'status' || !slot.job) return // metrics and the idle 'processing' ping
    if (message.state === 'complete') this.succeed(slot)
    else if (message.state === 'error') this.fail(slot, 'error', message.error ?? 'hound_error')
  }

  private onTimeout(slot: Slot): void {
    if (!slot.job) return
    this.fail(slot, 'timeout', 'timeout')
  }

  private succeed(slot: Slot): void {
    const job = this.finish(slot)
    this.durations.push(job.durationMs)
    if (this.durations.length > AVERAGE_WINDOW) this.durations.shift()
    this.emit({ signature: job.signature, status: 'processed', durationMs: job.durationMs, processId: slot.id })
    this.drainDeferred()
  }

  private fail(slot: Slot, status: 'timeout' | 'error', error: string): void {
    if (!slot.job) return
    if (status === 'timeout') this.timeouts++
    else if (error !== 'forced_terminate') this.errors++
    const job = this.finish(slot)
    this.killProcess(slot)
    this.emit({ signature: job.signature, status, durationMs: job.durationMs, processId: slot.id, error })
    this.drainDeferred()
  }

  private finish(slot: Slot): { signature: string; durationMs: number } {
    const job = slot.job!
    this.timers.clear(job.timer)
    slot.job = null
    return { signature: job.signature, durationMs: Math.max(0, this.clock() - job.startedAt) }
  }

  private killProcess(slot: Slot): void {
    const handle = slot.handle
    slot.handle = null // first, so the exit it causes is recognised as ours
    if (!handle) return
    try {
      this.adapter.kill(handle)
    } catch {
      // Already gone.
    }
  }

  private drainDeferred(): void {
    while (this.deferred.length > 0) {
      const slot = this.slots.find((s) => !s.job)
      if (!slot) return
      this.assign(slot, this.deferred.shift()!)
    }
  }

  private emit(result: HoundResult): void {
    for (const handler of this.handlers) {
      try {
        handler(result)
      } catch {
        this.errors++
      }
    }
  }
}

/** A HoundPool with the given configuration. */
export function createHoundPool(config: HoundPoolConfig): IHoundPool {
  return new HoundPool(config)
}
