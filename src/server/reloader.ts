/** Hot reload: load → validate → build → atomic swap; a bad config leaves the old one serving. */

import { watch, type FSWatcher } from 'node:fs'
import { basename, dirname } from 'node:path'
import { equals } from '@bufbuild/protobuf'
import type { Logger } from 'pino'
import { DaemonConfigSchema } from '../gen/tracehound/v1/config_pb.js'
import { ConfigError, type DaemonConfig, type LoadedConfig, loadConfig, redactedJson } from './config.js'
import { type DaemonEngine, settingsFromConfig } from './engine.js'
import type { EventBus } from './events.js'
import type { Metrics } from './metrics.js'

export type ReloadTrigger = 'file' | 'signal' | 'rpc'

export interface ReloaderDeps {
  engine: DaemonEngine
  log: Logger
  events: EventBus
  metrics: Metrics
  env: NodeJS.ProcessEnv
  /** Level from the command line; a config's logLevel overrides it. */
  baseLogLevel: string
  /** Applies the config's server limits that can change while serving; returns the keys that wait for a restart. */
  applyLimits?(config: DaemonConfig): string[]
}

export interface ReloadResult {
  /** The generation in force. */
  generation: number
  /** Config keys whose new value applies only after a restart. */
  restartRequired: string[]
}

export class Reloader {
  #current: LoadedConfig
  #generation = 1
  /** Reloads run one at a time, in order of request. */
  #queue: Promise<unknown> = Promise.resolve()
  #watcher: FSWatcher | undefined

  constructor(
    initial: LoadedConfig,
    private readonly path: string | undefined,
    private readonly deps: ReloaderDeps,
  ) {
    this.#current = initial
    deps.metrics.setGeneration(1)
    this.#applyLogLevel(initial)
  }

  get current(): LoadedConfig {
    return this.#current
  }

  get generation(): number {
    return this.#generation
  }

  /** Resolves with the generation in force; rejects with ConfigError, the old config still serving. */
  reload(trigger: ReloadTrigger): Promise<ReloadResult> {
    const run = this.#queue.then(() => this.#reload(trigger))
    this.#queue = run.catch(() => undefined)
    return run
  }

  async #reload(trigger: ReloadTrigger): Promise<ReloadResult> {
    const { engine, log, events, metrics, env } = this.deps
    try {
      const next = await loadConfig(this.path, env)
      // Editors fire several change events per save; an identical config is no reload.
      if (trigger === 'file' && equals(DaemonConfigSchema, next.config, this.#current.config))
        return { generation: this.#generation, restartRequired: [] }
      try {
        engine.reconfigure(settingsFromConfig(next.config))
      } catch (e) {
        throw new ConfigError(`config ${next.source}: ${(e as Error).message}`, { cause: e })
      }
      // Validated with the file; applying cannot fail, so the swap stays all or nothing.
      const restartRequired = this.deps.applyLimits?.(next.config) ?? []
      this.#current = next
      this.#generation++
      this.#applyLogLevel(next)
      metrics.countReload('ok')
      metrics.setGeneration(this.#generation)
      log.info(
        {
          trigger,
          generation: this.#generation,
          source: next.source,
          config: redactedJson(next.config),
          ...(restartRequired.length > 0 && { restartRequired }),
        },
        'config reloaded',
      )
      if (restartRequired.length > 0) log.warn({ restartRequired }, 'config reloaded; these keys keep their old value until a restart')
      events.publish({ case: 'configReloaded', value: { generation: BigInt(this.#generation), source: next.source } })
      return { generation: this.#generation, restartRequired }
    } catch (e) {
      const reason = (e as Error).message
      metrics.countReload('rejected')
      log.error({ trigger, reason, serving: this.#generation }, 'config rejected')
      events.publish({ case: 'configRejected', value: { reason } })
      throw e
    }
  }

  #applyLogLevel({ config }: LoadedConfig) {
    this.deps.log.level = config.logLevel || this.deps.baseLogLevel
  }

  /** Watches the config file's directory, so editors that save by rename are seen too. */
  watch(debounceMs = 100): void {
    if (this.path === undefined || this.#watcher) return
    const name = basename(this.path)
    let timer: NodeJS.Timeout | undefined
    this.#watcher = watch(dirname(this.path), (_event, file) => {
      if (file !== name) return
      clearTimeout(timer)
      timer = setTimeout(() => this.reload('file').catch(() => undefined), debounceMs)
    })
  }

  close(): void {
    this.#watcher?.close()
  }
}
