/**
 * Tick scheduler for background work. Each tick fires after tickInterval plus
 * a random jitter in [0, jitterMs) so maintenance timing is not predictable;
 * a tick is skipped while the host reports busy (unless skipIfBusy is false).
 * Due tasks run lowest `priority` first (default 100); task failures are contained.
 */

import { type Clock, systemClock } from '../ports/clock.js'
import { type RandomSource, systemRandom } from '../ports/random.js'
import { systemTimers, type TimerPort } from '../ports/timer-port.js'

/** Background work run every `intervalMs`, lowest `priority` first. */
export interface ScheduledTask {
  id: string
  /** The work; a failure is contained and counted. */
  execute: () => void | Promise<void>
  intervalMs: number
  /** Lower runs first. Default 100. */
  priority?: number
}

/** Tick interval, jitter and whether a busy host skips ticks. */
export interface TickSchedulerConfig {
  tickInterval: number
  jitterMs: number
  /** Default true. */
  skipIfBusy?: boolean
}

/** Ticks, executed tasks, skipped ticks and the scheduler's state. */
export interface SchedulerStats {
  totalTicks: number
  totalTasksExecuted: number
  skippedTicks: number
  scheduledTasks: number
  running: boolean
  busy: boolean
}

/** Reports whether the host is busy; a busy host's ticks are skipped. */
export type BusyChecker = () => boolean

/** v1's scheduler contract. */
export interface IScheduler {
  /** Starts ticking. */
  start(): void
  /** Stops ticking; scheduled tasks stay registered. */
  stop(): void
  /** Replaces a task with the same id. */
  schedule(task: ScheduledTask): void
  /** Removes the task with that id. */
  unschedule(taskId: string): void
  /** Sets what reports the host as busy. */
  setBusyChecker(checker: BusyChecker): void
  readonly stats: Readonly<SchedulerStats>
}

/** Injected clock, randomness (jitter) and timers. */
export interface SchedulerDeps {
  clock?: Clock
  /** Jitter source (§5); a seeded one makes tick times reproducible. */
  random?: RandomSource
  timers?: TimerPort
}

/** [0, 1) from 32 random bits. */
function unitInterval(random: RandomSource): number {
  const b = random(4)
  return (((b[0]! << 24) >>> 0) + (b[1]! << 16) + (b[2]! << 8) + b[3]!) / 2 ** 32
}

interface TaskState {
  task: ScheduledTask
  /** 0 = never, so a new task is due on the first tick */
  lastRun: number
}

/** Runs scheduled tasks on jittered ticks (see the module comment). */
export class Scheduler implements IScheduler {
  private readonly tasks = new Map<string, TaskState>()
  private readonly skipIfBusy: boolean
  private readonly clock: Clock
  private readonly random: RandomSource
  private readonly timers: TimerPort
  private busyChecker: BusyChecker = () => false
  private pending: unknown = null
  private running = false
  private busy = false
  private totalTicks = 0
  private totalTasksExecuted = 0
  private skippedTicks = 0

  constructor(
    private readonly config: TickSchedulerConfig,
    deps: SchedulerDeps = {},
  ) {
    this.skipIfBusy = config.skipIfBusy ?? true
    this.clock = deps.clock ?? systemClock
    this.random = deps.random ?? systemRandom
    this.timers = deps.timers ?? systemTimers
  }

  start(): void {
    if (this.running) return
    this.running = true
    this.arm()
  }

  stop(): void {
    this.running = false
    if (this.pending !== null) this.timers.clear(this.pending)
    this.pending = null
  }

  schedule(task: ScheduledTask): void {
    this.tasks.set(task.id, { task, lastRun: 0 })
  }

  unschedule(taskId: string): void {
    this.tasks.delete(taskId)
  }

  setBusyChecker(checker: BusyChecker): void {
    this.busyChecker = checker
  }

  get stats(): Readonly<SchedulerStats> {
    return Object.freeze({
      totalTicks: this.totalTicks,
      totalTasksExecuted: this.totalTasksExecuted,
      skippedTicks: this.skippedTicks,
      scheduledTasks: this.tasks.size,
      running: this.running,
      busy: this.busy,
    })
  }

  private arm(): void {
    const delay = this.config.tickInterval + unitInterval(this.random) * this.config.jitterMs
    this.pending = this.timers.set(() => this.tick(), delay)
  }

  private tick(): void {
    this.pending = null
    if (!this.running) return
    this.totalTicks++
    this.busy = this.isBusy()
    if (this.busy && this.skipIfBusy) {
      this.skippedTicks++
    } else {
      this.runDueTasks()
    }
    if (this.running) this.arm()
  }

  private isBusy(): boolean {
    try {
      return this.busyChecker()
    } catch {
      return true // cannot tell: behave as busy, the safe side
    }
  }

  private runDueTasks(): void {
    const now = this.clock()
    const due = [...this.tasks.values()]
      .filter((state) => now - state.lastRun >= state.task.intervalMs)
      .sort((a, b) => (a.task.priority ?? 100) - (b.task.priority ?? 100))
    for (const state of due) {
      state.lastRun = now
      this.totalTasksExecuted++
      try {
        const result = state.task.execute()
        if (result instanceof Promise) result.catch(() => {})
      } catch {
        // One failing task must not starve the others.
      }
    }
  }
}

/** A Scheduler with the given tick configuration and injected parts. */
export function createScheduler(config: TickSchedulerConfig, deps: SchedulerDeps = {}): IScheduler {
  return new Scheduler(config, deps)
}
