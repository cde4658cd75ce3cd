import { describe, expect, it } from 'vitest'
import { createManualClock, type TimerPort } from '../core/index.js'
import { encodeHoundMessage } from './hound-ipc.js'
import { createHoundPool, HoundPool, type HoundPoolConfig, type HoundResult } from './hound-pool.js'
import { createMockAdapter } from './mock-adapter.js'
import { DEFAULT_CONSTRAINTS } from './process-adapter.js'

function harness(config: Partial<HoundPoolConfig> = {}) {
  const clock = createManualClock(0)
  const timers = new Map<number, { at: number; fn: () => void }>()
  let nextTimer = 0
  const timerPort: TimerPort = {
    set: (fn, ms) => (timers.set(++nextTimer, { at: clock.now() + ms, fn }), nextTimer),
    clear: (id) => void timers.delete(id as number),
  }
  const advance = (ms: number) => {
    clock.advance(ms)
    for (const [id, t] of [...timers]) if (t.at <= clock.now() && timers.delete(id)) t.fn()
  }
  const adapter = createMockAdapter()
  const pool = createHoundPool({ poolSize: 2, timeout: 100, rotationJitterMs: 0, adapter, clock: clock.now, timers: timerPort, ...config })
  const results: HoundResult[] = []
  pool.onResult((r) => results.push(r))
  const status = (pid: number, state: 'processing' | 'complete' | 'error', error?: string) =>
    adapter.simulateMessage(pid, new Uint8Array(encodeHoundMessage({ type: 'status', state, ...(error && { error }) }).subarray(4)).buffer)
  const pids = () => [...adapter.getMockProcesses().keys()]
  return { pool, adapter, results, advance, status, pids, timers }
}

const evidence = (id: string) => ({ signature: `injection:${id}`, bytes: new TextEncoder().encode(id).buffer })

describe('HoundPool', () => {
  it('sends the evidence bytes and reports processed with the duration, reusing the process', () => {
    const h = harness()
    expect(h.pool.activate(evidence('a'))).toBeUndefined()
    const [pid] = h.pids()
    expect(new TextDecoder().decode(h.adapter.getMockProcesses().get(pid!)!.receivedPayloads[0])).toBe('a')
    h.status(pid!, 'processing') // the idle ping changes nothing
    expect(h.pool.stats.activeProcesses).toBe(1)
    h.advance(30)
    h.status(pid!, 'complete')
    expect(h.results).toEqual([{ signature: 'injection:a', status: 'processed', durationMs: 30, processId: 'hound-0' }])
    h.pool.activate(evidence('b'))
    expect(h.pids()).toEqual([pid]) // no respawn after success
    expect(h.pool.stats).toMatchObject({ activeProcesses: 1, totalActivations: 2, avgProcessingMs: 30 })
  })

  it('kills a hound that exceeds the timeout and reports one timeout result', () => {
    const h = harness()
    h.pool.activate(evidence('slow'))
    const [pid] = h.pids()
    h.advance(99)
    expect(h.results).toEqual([])
    h.advance(1)
    expect(h.results).toEqual([{ signature: 'injection:slow', status: 'timeout', durationMs: 100, processId: 'hound-0', error: 'timeout' }])
    expect(h.adapter.getMockProcesses().get(pid!)!.alive).toBe(false)
    expect(h.pool.stats).toMatchObject({ totalTimeouts: 1, totalErrors: 0, activeProcesses: 0 })
    h.status(pid!, 'complete') // a late answer from the dead process is ignored
    expect(h.results).toHaveLength(1)
  })

  it('a success cancels the timeout', () => {
    const h = harness()
    h.pool.activate(evidence('x'))
    h.status(h.pids()[0]!, 'complete')
    expect(h.timers.size).toBe(0)
    h.advance(1_000)
    expect(h.results.map((r) => r.status)).toEqual(['processed'])
  })

  it.each([
    ['an error status', (h: ReturnType<typeof harness>, pid: number) => h.status(pid, 'error', 'analysis_failed'), 'analysis_failed'],
    [
      'an undecodable message',
      (h: ReturnType<typeof harness>, pid: number) => h.adapter.simulateMessage(pid, new Uint8Array([0xff]).buffer),
      'ipc_decode_error',
    ],
    ['a crash', (h: ReturnType<typeof harness>, pid: number) => h.adapter.simulateExit(pid, 3), 'process_exit_3'],
  ])('ends the job in one error result on %s, and respawns next time', (_name, act, error) => {
    const h = harness()
    h.pool.activate(evidence('e'))
    const [pid] = h.pids()
    act(h, pid!)
    expect(h.results).toEqual([{ signature: 'injection:e', status: 'error', durationMs: 0, processId: 'hound-0', error }])
    expect(h.pool.stats).toMatchObject({ totalErrors: 1, activeProcesses: 0 })
    h.pool.activate(evidence('f'))
    expect(h.pids()).toHaveLength(2)
  })

  it('terminate() kills the hound working on that signature only', () => {
    const h = harness()
    h.pool.activate(evidence('keep'))
    h.pool.activate(evidence('kill'))
    h.pool.terminate('injection:nobody')
    expect(h.results).toEqual([])
    h.pool.terminate('injection:kill')
    expect(h.results).toEqual([expect.objectContaining({ signature: 'injection:kill', status: 'error', error: 'forced_terminate' })])
    expect(h.pool.stats.activeProcesses).toBe(1)
  })

  it.each([
    ['drop', 'pool_exhausted', 0],
    ['escalate', 'pool_exhausted_escalated', 1],
  ] as const)('when exhausted, %s answers %s', (action, error, errors) => {
    const h = harness({ poolSize: 1, onPoolExhausted: action })
    h.pool.activate(evidence('1'))
    h.pool.activate(evidence('2'))
    expect(h.results).toEqual([{ signature: 'injection:2', status: 'error', durationMs: 0, processId: 'pool', error }])
    expect(h.pool.stats.totalErrors).toBe(errors)
  })

  it('defer queues up to the limit and runs queued work in order as slots free', () => {
    const h = harness({ poolSize: 1, onPoolExhausted: 'defer', deferQueueLimit: 2 })
    for (const id of ['1', '2', '3', '4']) h.pool.activate(evidence(id))
    expect(h.results).toEqual([expect.objectContaining({ signature: 'injection:4', error: 'defer_queue_full' })])
    const [pid] = h.pids()
    h.status(pid!, 'complete')
    h.status(pid!, 'complete')
    h.status(pid!, 'complete')
    expect(h.results.slice(1).map((r) => [r.signature, r.status])).toEqual([
      ['injection:1', 'processed'],
      ['injection:2', 'processed'],
      ['injection:3', 'processed'],
    ])
  })

  it('spawn failures and disposed evidence become error results, never throws', () => {
    const h = harness()
    h.adapter.spawn = () => {
      throw new Error('EAGAIN')
    }
    expect(() => h.pool.activate(evidence('s'))).not.toThrow()
    const disposed = {
      signature: 'injection:gone',
      get bytes(): ArrayBuffer {
        throw new Error('disposed')
      },
    }
    h.pool.activate(disposed)
    expect(() => h.pool.activate(null as never)).not.toThrow()
    expect(h.results.map((r) => r.error)).toEqual(['EAGAIN', 'evidence_unavailable'])
    expect(h.pool.stats.totalErrors).toBe(3)
    expect(h.pool.stats.activeProcesses).toBe(0)
  })

  it('a throwing result handler is counted, not propagated', () => {
    const h = harness()
    h.pool.onResult(() => {
      throw new Error('handler bug')
    })
    h.pool.activate(evidence('x'))
    expect(() => h.status(h.pids()[0]!, 'complete')).not.toThrow()
    expect(h.pool.stats.totalErrors).toBe(1)
  })

  it('shutdown kills every process and leaves no slots or timers', () => {
    const h = harness()
    h.pool.activate(evidence('a'))
    h.pool.activate(evidence('b'))
    h.pool.shutdown()
    expect([...h.adapter.getMockProcesses().values()].every((p) => !p.alive)).toBe(true)
    expect(h.pool.stats).toMatchObject({ totalProcesses: 0, activeProcesses: 0 })
    expect(h.timers.size).toBe(0)
    expect(h.results).toEqual([])
  })

  it('exposes the declarative, frozen default constraints', () => {
    expect(HoundPool.DEFAULT_CONSTRAINTS).toBe(DEFAULT_CONSTRAINTS)
    expect(DEFAULT_CONSTRAINTS).toEqual({ maxMemoryMB: 128, networkAccess: false, fileSystemWrite: false, childSpawn: false })
    expect(Object.isFrozen(DEFAULT_CONSTRAINTS)).toBe(true)
  })
})
