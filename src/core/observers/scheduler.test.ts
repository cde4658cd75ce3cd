import { describe, expect, it } from 'vitest'
import { createManualClock } from '../ports/clock.js'
import { createSeededRandom, type RandomSource } from '../ports/random.js'
import { createScheduler, type SchedulerDeps } from './scheduler.js'
import type { TimerPort } from '../ports/timer-port.js'

/** A timer port driven by a manual clock: run() fires whatever is due. */
function manualTimers(clock: ReturnType<typeof createManualClock>) {
  let pending: { at: number; fn: () => void; id: number } | null = null
  let ids = 0
  const delays: number[] = []
  const timers: TimerPort = {
    set(fn, ms) {
      delays.push(ms)
      pending = { at: clock.now() + ms, fn, id: ++ids }
      return pending.id
    },
    clear(id) {
      if (pending?.id === id) pending = null
    },
  }
  const advance = (ms: number) => {
    const end = clock.now() + ms
    while (pending && pending.at <= end) {
      const { at, fn } = pending
      pending = null
      clock.set(at)
      fn()
    }
    clock.set(end)
  }
  return { timers, advance, delays, armed: () => pending !== null }
}

const zeros: RandomSource = (n) => new Uint8Array(n)

function setup(config = {}, random: RandomSource = zeros) {
  const clock = createManualClock(1_000_000)
  const t = manualTimers(clock)
  const deps: SchedulerDeps = { clock: clock.now, timers: t.timers, random }
  return { ...t, scheduler: createScheduler({ tickInterval: 100, jitterMs: 50, ...config }, deps) }
}

describe('Scheduler', () => {
  it('runs a new task on the first tick, then once its interval has passed', () => {
    const { scheduler, advance } = setup()
    let runs = 0
    scheduler.schedule({ id: 't', intervalMs: 250, execute: () => void runs++ })
    scheduler.start()
    advance(100) // tick 1: due (never ran)
    expect(runs).toBe(1)
    advance(200) // ticks at +200, +300: 100 and 200 ms since the run
    expect(runs).toBe(1)
    advance(100) // +400: 300 ms since the run
    expect(runs).toBe(2)
    expect(scheduler.stats).toMatchObject({ totalTicks: 4, totalTasksExecuted: 2, running: true })
  })

  it('adds jitter in [0, jitterMs) from the injected random source, reproducibly', () => {
    const a = setup({}, createSeededRandom('jitter'))
    const b = setup({}, createSeededRandom('jitter'))
    for (const s of [a, b]) {
      s.scheduler.start()
      s.advance(2_000)
    }
    expect(a.delays).toEqual(b.delays)
    expect(a.delays.length).toBeGreaterThan(5)
    for (const d of a.delays) expect(d >= 100 && d < 150).toBe(true)
    expect(new Set(a.delays).size).toBeGreaterThan(1)
  })

  it('skips ticks while busy unless skipIfBusy is false; a throwing checker counts as busy', () => {
    const skip = setup()
    let ran = 0
    skip.scheduler.schedule({ id: 't', intervalMs: 0, execute: () => void ran++ })
    skip.scheduler.setBusyChecker(() => {
      throw new Error('unknown')
    })
    skip.scheduler.start()
    skip.advance(300)
    expect(ran).toBe(0)
    expect(skip.scheduler.stats).toMatchObject({ skippedTicks: 3, busy: true })

    const run = setup({ skipIfBusy: false })
    run.scheduler.schedule({ id: 't', intervalMs: 0, execute: () => void ran++ })
    run.scheduler.setBusyChecker(() => true)
    run.scheduler.start()
    run.advance(300)
    expect(ran).toBe(3)
    expect(run.scheduler.stats.skippedTicks).toBe(0)
  })

  it('orders due tasks by priority (default 100) and contains failures', async () => {
    const { scheduler, advance } = setup()
    const order: string[] = []
    scheduler.schedule({ id: 'default', intervalMs: 0, execute: () => void order.push('default') })
    scheduler.schedule({
      id: 'boom',
      intervalMs: 0,
      priority: 1,
      execute: () => {
        order.push('boom')
        throw new Error('x')
      },
    })
    scheduler.schedule({ id: 'async', intervalMs: 0, priority: 50, execute: async () => void order.push('async') })
    scheduler.schedule({ id: 'reject', intervalMs: 0, priority: 200, execute: () => Promise.reject(new Error('y')) })
    scheduler.start()
    advance(100)
    await Promise.resolve()
    expect(order).toEqual(['boom', 'async', 'default'])
    expect(scheduler.stats.totalTasksExecuted).toBe(4)
  })

  it('start is idempotent, stop cancels the pending tick, unschedule removes a task', () => {
    const { scheduler, advance, armed } = setup()
    scheduler.schedule({ id: 'a', intervalMs: 0, execute: () => {} })
    scheduler.start()
    scheduler.start()
    advance(100)
    expect(scheduler.stats.totalTicks).toBe(1)
    scheduler.unschedule('a')
    expect(scheduler.stats.scheduledTasks).toBe(0)
    scheduler.stop()
    expect(armed()).toBe(false)
    advance(1_000)
    expect(scheduler.stats).toMatchObject({ totalTicks: 1, running: false })
  })

  it('a task stopping the scheduler from inside a tick leaves nothing armed', () => {
    const { scheduler, advance, armed } = setup()
    scheduler.schedule({ id: 'stopper', intervalMs: 0, execute: () => scheduler.stop() })
    scheduler.start()
    advance(100)
    expect(armed()).toBe(false)
  })
})
