import { describe, expect, it } from 'vitest'
import { createHoundPool, DEFAULT_HOUND_SCRIPT, type HoundResult } from './hound-pool.js'
import { createProcessAdapter, houndExecArgv } from './process-adapter.js'

// Real child processes: the plain-JS hound entry against the TypeScript decoder.
describe('hound child process', () => {
  it('processes evidence end to end and is reused for the next job', async () => {
    const pool = createHoundPool({ poolSize: 1, timeout: 10_000, rotationJitterMs: 0 })
    const results: HoundResult[] = []
    pool.onResult((r) => results.push(r))
    try {
      pool.activate({ signature: 'injection:1', bytes: new TextEncoder().encode('{"a":1}').buffer })
      await expect.poll(() => results.length, { timeout: 10_000 }).toBe(1)
      pool.activate({ signature: 'injection:2', bytes: new Uint8Array(200_000).buffer })
      await expect.poll(() => results.length, { timeout: 10_000 }).toBe(2)
      expect(results.map((r) => [r.signature, r.status])).toEqual([
        ['injection:1', 'processed'],
        ['injection:2', 'processed'],
      ])
      expect(pool.stats.totalErrors).toBe(0)
    } finally {
      pool.shutdown()
    }
  })

  it('reports a missing script as an error result, not an exception', async () => {
    const pool = createHoundPool({ poolSize: 1, timeout: 10_000, rotationJitterMs: 0, processScriptPath: '/nonexistent/hound.mjs' })
    const results: HoundResult[] = []
    pool.onResult((r) => results.push(r))
    try {
      pool.activate({ signature: 'injection:x', bytes: new Uint8Array([1]).buffer })
      await expect.poll(() => results.length, { timeout: 10_000 }).toBe(1)
      expect(results[0]).toMatchObject({ status: 'error', error: 'process_exit_1' })
    } finally {
      pool.shutdown()
    }
  })

  it('kill() ends the process with SIGKILL', async () => {
    const adapter = createProcessAdapter()
    const handle = adapter.spawn(DEFAULT_HOUND_SCRIPT)
    const exited = new Promise<string | null>((resolve) => adapter.onExit(handle, (_code, signal) => resolve(signal)))
    adapter.kill(handle)
    expect(await exited).toBe('SIGKILL')
  })

  it('starts hounds with the heap limit and hardening flags', () => {
    expect(houndExecArgv()).toEqual(['--max-old-space-size=128', '--disable-proto=throw', '--disallow-code-generation-from-strings'])
    expect(houndExecArgv({ maxMemoryMB: 64 })[0]).toBe('--max-old-space-size=64')
  })
})
