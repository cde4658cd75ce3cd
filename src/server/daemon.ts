/** tracehoundd assembled: config, engine, services, listeners, reload and shutdown. */

import type { ConnectRouter, Interceptor } from '@connectrpc/connect'
import { createValidateInterceptor } from '@connectrpc/validate'
import { pino, type DestinationStream, type Logger } from 'pino'
import type { Clock, RandomSource } from '../core/index.js'
import { Health } from '../gen/grpc/health/v1/health_pb.js'
import { AdminService } from '../gen/tracehound/v1/admin_service_pb.js'
import { TracehoundService } from '../gen/tracehound/v1/tracehound_service_pb.js'
import { ConformanceService } from '../gen/tracehound/conformance/v1/conformance_service_pb.js'
import { adminService } from './admin-service.js'
import { bearerAuth } from './auth.js'
import { loadConfig, redactedJson } from './config.js'
import { ConformanceDeterminism, conformanceService } from './conformance-service.js'
import { DaemonEngine, settingsFromConfig } from './engine.js'
import { EventBus } from './events.js'
import { healthService, HealthState } from './health-service.js'
import { createRequestListener } from './http-handler.js'
import { type Listener, listenTcp, listenUnix, type TlsFiles } from './listen.js'
import { createMetrics } from './metrics.js'
import { Reloader } from './reloader.js'
import { tracehoundService } from './tracehound-service.js'

export const SERVER_VERSION = '0.1.0'

export interface TcpOptions {
  host: string
  port: number
  /** null only when auth was explicitly disabled. */
  token: string | null
  tls?: TlsFiles
}

export interface DaemonOptions {
  configPath?: string
  /** Unix socket path; undefined serves no socket. */
  socketPath?: string
  tcp?: TcpOptions
  /** @default ["*"] */
  corsOrigins?: string[]
  /** Largest request message; larger ones fail with RESOURCE_EXHAUSTED. @default 16 MiB */
  readMaxBytes?: number
  /** @default "info" */
  logLevel?: string
  logDestination?: DestinationStream
  /** Reload when the config file changes. @default true */
  watchConfig?: boolean
  env?: NodeJS.ProcessEnv
  clock?: Clock
  random?: RandomSource
  /** Serve ConformanceService: a manual clock and seeded ids, reset per test. Never in production. */
  conformance?: boolean
}

export interface Daemon {
  /** "unix:/path" and/or "host:port", in that order. */
  addresses: string[]
  log: Logger
  reloader: Reloader
  engine: DaemonEngine
  /** Graceful: NOT_SERVING, stop accepting, finish in-flight calls (up to graceMs), remove the socket. */
  close(graceMs?: number): Promise<void>
}

export async function startDaemon(o: DaemonOptions): Promise<Daemon> {
  const logLevel = o.logLevel ?? 'info'
  const log = pino({ name: 'tracehoundd', level: logLevel }, o.logDestination)
  const env = o.env ?? process.env
  const initial = await loadConfig(o.configPath, env)
  const determinism = o.conformance ? new ConformanceDeterminism() : undefined
  const engine = new DaemonEngine(settingsFromConfig(initial.config), {
    ...(o.clock && { clock: o.clock }),
    ...(o.random && { random: o.random }),
    ...(determinism && { clock: determinism.clock.now, random: determinism.random }),
  })
  if (determinism) log.warn('conformance mode: manual clock, seeded ids, ConformanceService.Reset discards all state')
  const events = new EventBus()
  const metrics = createMetrics(() => engine.stats())
  const reloader = new Reloader(initial, o.configPath, { engine, log, events, metrics, env, baseLogLevel: logLevel })
  const health = new HealthState()
  const shutdown = new AbortController()

  const routes = (router: ConnectRouter) => {
    router.service(TracehoundService, tracehoundService({ engine, events, metrics, serverVersion: SERVER_VERSION }))
    router.service(AdminService, adminService(reloader, events, shutdown.signal))
    router.service(Health, healthService(health, shutdown.signal))
    router.service(ConformanceService, conformanceService(engine, determinism))
  }
  const validate = createValidateInterceptor()
  const handler = (token: string | undefined, auth: Interceptor[]) =>
    createRequestListener({
      routes,
      interceptors: [metrics.interceptor, ...auth, validate],
      token,
      corsOrigins: o.corsOrigins ?? ['*'],
      readMaxBytes: o.readMaxBytes ?? 16 * 1024 * 1024,
      metrics,
      log,
    })

  const listeners: Listener[] = []
  try {
    if (o.socketPath !== undefined) listeners.push(await listenUnix(o.socketPath, handler(undefined, [])))
    if (o.tcp) {
      const { token } = o.tcp
      const auth = token === null ? [] : [bearerAuth(token)]
      listeners.push(await listenTcp(o.tcp.host, o.tcp.port, handler(token ?? undefined, auth), o.tcp.tls))
    }
  } catch (e) {
    await Promise.all(listeners.map((l) => l.close(0)))
    throw e
  }
  if (o.watchConfig ?? true) reloader.watch()

  const addresses = listeners.map((l) => l.address)
  log.info(
    { addresses, tls: Boolean(o.tcp?.tls), auth: o.tcp ? o.tcp.token !== null : undefined, source: initial.source, config: redactedJson(initial.config) },
    'listening',
  )

  let closing: Promise<void> | undefined
  const close = (graceMs = 10_000) =>
    (closing ??= (async () => {
      log.info({ graceMs }, 'shutting down')
      health.stopServing()
      reloader.close()
      shutdown.abort()
      await Promise.all(listeners.map((l) => l.close(graceMs)))
      log.info('stopped')
    })())

  return { addresses, log, reloader, engine, close }
}
