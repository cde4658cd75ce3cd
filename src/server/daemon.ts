/** tracehoundd assembled: config, engine, services, listeners, reload and shutdown. */

import type { ConnectRouter } from '@connectrpc/connect'
import { createValidator } from '@bufbuild/protovalidate'
import { pino, type DestinationStream, type Logger } from 'pino'
import { type AuditRecord, type Clock, type MacKey, nodeCrypto, type RandomSource, Tracehound } from '../core/index.js'
import { Health } from '../gen/grpc/health/v1/health_pb.js'
import { AdminService } from '../gen/tracehound/v1/admin_service_pb.js'
import { TracehoundService } from '../gen/tracehound/v1/tracehound_service_pb.js'
import { ConformanceService } from '../gen/tracehound/conformance/v1/conformance_service_pb.js'
import { adminService } from './admin-service.js'
import { TokenCheck } from './auth.js'
import { type DaemonConfig, loadConfig, redactedJson } from './config.js'
import { ConformanceDeterminism, conformanceService } from './conformance-service.js'
import { type DaemonEngine, type EngineSettings, settingsFromConfig } from './engine.js'
import { EventBus } from './events.js'
import { MAX_PENDING_ANSWERS, validateInterceptor, warmValidator } from './intercept-stream.js'
import { bidi, createGrpcDirect } from './grpc-direct.js'
import { auditRecordToWire } from '../wire/index.js'
import { forwardEngineEvents } from './wire.js'
import { GroupCommit, Ledger } from '../storage/index.js'
import { fullCheck } from '../storage/full-check.js'
import { healthService, HealthState } from './health-service.js'
import { secureDataDir } from './data-dir-mode.js'
import { createRequestHandlers } from './http-handler.js'
import { checkLimits, limitsFromConfig, reloadLimits, resolveLimits, type ServerLimits } from './limits.js'
import { type Listener, listenTcp, listenUnix, type TlsFiles } from './listen.js'
import { createMetrics } from './metrics.js'
import { RefusalLog } from './refusal-log.js'
import { RequestGate } from './request-gate.js'
import { Reloader } from './reloader.js'
import { directUnary, tracehoundImpl, tracehoundService } from './tracehound-service.js'
import { TracehoundError } from '../core/index.js'

export const SERVER_VERSION = '0.1.0'

export interface TcpOptions {
  host: string
  port: number
  /** At least 16 bytes; null only when auth was explicitly disabled. */
  token: string | null
  tls?: TlsFiles
}

export interface DaemonOptions {
  configPath?: string
  /** Unix socket path; undefined serves no socket. */
  socketPath?: string
  tcp?: TcpOptions
  /** Browser origins allowed on TCP (exact match); never with token null. @default [] */
  corsOrigins?: string[]
  /** Caps on connections, streams, headers, timeouts and bytes in flight (flags): over the config file's `limits`, which are over DEFAULT_LIMITS. */
  limits?: Partial<ServerLimits>
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
  /** Keep the evidence ledger here (docs/storage.md); undefined keeps state in memory only. Ignored in conformance mode. */
  dataDir?: string
  /** The operator has reviewed the integrity problems the ledger reports: accept writes again. */
  acknowledgeTamper?: boolean
  /** A tree head saved earlier that the ledger must extend (docs/storage.md, rollback). */
  trustedHead?: string
  /** Witness file: every new tree head is appended; its last one is checked at start. */
  witness?: string
  /** Verify the whole ledger (every entry and stored node) this often, on a worker thread; 0: never. @default 24 h */
  fullCheckMs?: number
  /** Memory mode: audit records and Merkle nodes kept for the newest N leaves (older proofs: OUT_OF_RANGE). @default 100 000 */
  auditRetention?: number
}

/** Memory mode's default bound on the audit state kept for proofs (about 0.5 KB a leaf at most). */
export const DEFAULT_AUDIT_RETENTION = 100_000

export interface Daemon {
  /** "unix:/path" and/or "host:port", in that order. */
  addresses: string[]
  log: Logger
  reloader: Reloader
  engine: DaemonEngine
  /** The durable ledger, when the daemon has a data directory. */
  ledger: Ledger | undefined
  /** Graceful: NOT_SERVING, stop accepting, finish in-flight calls (up to graceMs), remove the socket. */
  close(graceMs?: number): Promise<void>
}

export async function startDaemon(o: DaemonOptions): Promise<Daemon> {
  const corsOrigins = o.corsOrigins ?? []
  // With no token, an allowed origin would let any page it serves drive the daemon.
  if (corsOrigins.length > 0 && o.tcp?.token === null)
    throw new TracehoundError(
      'SERVER_OPTIONS_INVALID',
      'CORS origins need the bearer token: --cors-origin cannot go with --insecure-no-auth',
    )
  if (corsOrigins.includes('*'))
    throw new TracehoundError('SERVER_OPTIONS_INVALID', '--cors-origin takes exact origins (e.g. https://app.example), not *')
  const token = o.tcp?.token ? new TokenCheck(o.tcp.token) : undefined
  const flagLimits = o.limits ?? {}
  checkLimits(flagLimits)
  const logLevel = o.logLevel ?? 'info'
  const log = pino({ name: 'tracehoundd', level: logLevel }, o.logDestination)
  const env = o.env ?? process.env
  const initial = await loadConfig(o.configPath, env)
  // One object for the daemon's life: the gate and the listeners read it, a reload changes it in place.
  const limits = resolveLimits(limitsFromConfig(initial.config), flagLimits)
  const determinism = o.conformance ? new ConformanceDeterminism() : undefined
  const settings = settingsFromConfig(initial.config)
  const dataDir = o.dataDir !== undefined && !determinism ? secureDataDir(o.dataDir) : undefined
  if (dataDir?.tightenedFrom !== undefined)
    log.warn(
      { dataDir: dataDir.dir, was: dataDir.tightenedFrom.toString(8), now: '700' },
      'data dir was open to group or others; set to 0700',
    )
  const ledger = o.dataDir !== undefined && !determinism ? openLedger({ ...o, dataDir: o.dataDir }, settings, log) : undefined
  const commits = ledger && new GroupCommit(ledger)
  const events = new EventBus()
  // A capacity eviction is a neutralization too: watchers see it with its audit record.
  const onEvict = (record: AuditRecord) => {
    if (events.watched) events.publish({ case: 'evidenceNeutralized', value: { record: auditRecordToWire(record) } })
  }
  let engine: DaemonEngine
  try {
    engine = new Tracehound({
      ...settings,
      crypto: nodeCrypto,
      ...(o.clock && { clock: o.clock }),
      ...(o.random && { random: o.random }),
      ...(determinism && { clock: determinism.clock.now, random: determinism.random }),
      // One fsynced transaction for the writes of every call answered in the same turn (GroupCommit).
      ...(ledger && commits
        ? { storage: ledger, durability: { commit: () => commits.durable() } }
        : { auditRetention: o.auditRetention ?? DEFAULT_AUDIT_RETENTION }),
      onEvict,
    })
  } catch (e) {
    ledger?.close()
    throw e
  }
  if (determinism) log.warn('conformance mode: manual clock, seeded ids, ConformanceService.Reset discards all state')
  forwardEngineEvents(engine, events)
  const metrics = createMetrics(() => engine.stats())
  const listeners: Listener[] = []
  const applyLimits = (config: DaemonConfig) => {
    const restart = reloadLimits(limits, limitsFromConfig(config), flagLimits)
    for (const l of listeners) l.limitsChanged()
    return restart
  }
  const reloader = new Reloader(initial, o.configPath, { engine, log, events, metrics, env, baseLogLevel: logLevel, applyLimits })
  const health = new HealthState()
  const shutdown = new AbortController()

  const validator = createValidator()
  warmValidator(validator, [TracehoundService, AdminService, Health, ConformanceService])
  const tracehound = tracehoundService({
    engine,
    events,
    metrics,
    serverVersion: SERVER_VERSION,
    validator,
    ...(ledger && { durable: () => engine.durable(), writeRefusal: () => ledger.refusal }),
  })
  const routes = (router: ConnectRouter) => {
    router.service(TracehoundService, tracehoundImpl(tracehound, shutdown.signal))
    router.service(AdminService, adminService(reloader, events, shutdown.signal))
    router.service(Health, healthService(health, shutdown.signal))
    router.service(ConformanceService, conformanceService(engine, determinism))
  }
  const interceptors = [metrics.interceptor, validateInterceptor(validator)]
  const readMaxBytes = o.readMaxBytes ?? 16 * 1024 * 1024
  const refusals = new RefusalLog(metrics, log)
  const refused = refusals.refused.bind(refusals)
  const gate = new RequestGate({ limits, readMaxBytes, refused })
  metrics.gaugeGate(gate)
  const direct = createGrpcDirect({
    unary: directUnary(tracehound),
    bidi: [
      bidi({
        method: TracehoundService.method.interceptStream,
        answer: tracehound.answerStream,
        maxPending: MAX_PENDING_ANSWERS,
        closing: shutdown.signal,
      }),
    ],
    validator,
    gate,
    readMaxBytes,
    observe: metrics.observeRpc,
  })
  const serve = (listenerToken: TokenCheck | undefined, cors: string[]) => ({
    handlers: createRequestHandlers({
      routes,
      interceptors,
      direct,
      gate,
      token: listenerToken,
      corsOrigins: cors,
      readMaxBytes,
      metrics,
      log,
    }),
    limits,
    refused,
  })

  try {
    // The socket is the local trust boundary (0600): no token, and no browser can reach it.
    if (o.socketPath !== undefined) listeners.push(await listenUnix(o.socketPath, serve(undefined, [])))
    if (o.tcp) listeners.push(await listenTcp(o.tcp.host, o.tcp.port, serve(token, corsOrigins), o.tcp.tls))
  } catch (e) {
    await Promise.all(listeners.map((l) => l.close(0)))
    ledger?.close()
    throw e
  }
  if (o.watchConfig ?? true) reloader.watch()
  const fullChecks = ledger && scheduleFullChecks(o.dataDir!, o.fullCheckMs ?? DAY_MS, () => engine.settings.macKeys, log)

  const addresses = listeners.map((l) => l.address)
  // Printed at any log level: operators and scripts read the socket path and port from it.
  const startLog = log.child({}, { level: 'info' })
  if (ledger && ledger.problems.length === 0) {
    // The positive counterpart of the integrity errors: what was checked, and how much
    // (treeSize counts every log entry: captures, purges, blocks; auditRecords the v1 records).
    const head = engine.treeHead()
    startLog.info(
      {
        ledger: ledger.path,
        auditRecords: engine.auditChain.length,
        treeSize: head.treeSize,
        rootHash: head.rootHash,
        evidence: engine.quarantine.stats.count,
        macKeys: settings.macKeys.length,
      },
      settings.macKeys.length > 0
        ? 'ledger verified: audit log, tree head, evidence and MACs'
        : 'ledger verified: audit log, tree head and evidence (no MAC keys configured)',
    )
  }
  startLog.info(
    {
      addresses,
      ...(ledger && {
        ledger: ledger.path,
        restored: {
          evidence: engine.quarantine.stats.count,
          auditRecords: engine.auditChain.length,
          treeSize: engine.auditChain.treeSize,
          verifiedFrom: ledger.verifiedFrom,
        },
      }),
      ...(!ledger && { auditRetention: o.auditRetention ?? DEFAULT_AUDIT_RETENTION }),
      tls: Boolean(o.tcp?.tls),
      auth: o.tcp ? o.tcp.token !== null : undefined,
      limits,
      source: initial.source,
      config: redactedJson(initial.config),
    },
    'listening',
  )

  let closing: Promise<void> | undefined
  const close = (graceMs = 10_000) =>
    (closing ??= (async () => {
      log.info({ graceMs }, 'shutting down')
      health.stopServing()
      reloader.close()
      if (fullChecks) clearInterval(fullChecks)
      shutdown.abort()
      await Promise.all(listeners.map((l) => l.close(graceMs)))
      await commits?.durable()?.catch(() => undefined)
      ledger?.close()
      log.info('stopped')
    })())

  return { addresses, log, reloader, engine, ledger, close }
}

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * The periodic full check: every entry and stored node, on a worker thread, one at a time. What a
 * start does not verify (before the checkpoint) is verified here; problems are logged as errors.
 */
function scheduleFullChecks(dataDir: string, everyMs: number, macKeys: () => readonly MacKey[], log: Logger): NodeJS.Timeout | undefined {
  if (!(everyMs > 0)) return undefined
  let running = false
  const timer = setInterval(() => {
    if (running) return
    running = true
    fullCheck(dataDir, macKeys())
      .then((r) => {
        for (const problem of r.problems) log.error({ problem }, 'ledger full check: integrity problem')
        log.info({ entries: r.entries, problems: r.problems.length, ms: r.ms, nice: r.nice }, 'ledger full check done')
      })
      .catch((err: unknown) => log.error({ err }, 'ledger full check failed'))
      .finally(() => (running = false))
  }, everyMs)
  timer.unref()
  return timer
}

/** Opens and verifies the ledger; every integrity problem is logged, and writes stay refused until acknowledged. */
function openLedger(o: DaemonOptions & { dataDir: string }, settings: EngineSettings, log: Logger): Ledger {
  const acknowledge = o.acknowledgeTamper ?? false
  const ledger = new Ledger({
    dataDir: o.dataDir,
    macKeys: settings.macKeys,
    ...(settings.activeKid && { activeKid: settings.activeKid }),
    ...(o.trustedHead !== undefined && { trustedHead: o.trustedHead }),
    ...(o.witness !== undefined && { witness: o.witness }),
  })
  if (ledger.nodesRewritten > 0)
    log.warn({ ledger: ledger.path, nodes: ledger.nodesRewritten }, 'stored Merkle nodes rewritten to match the audit log as stored')
  for (const done of ledger.migrations) log.warn({ ledger: ledger.path, migration: done }, 'ledger migrated')
  for (const problem of ledger.problems) {
    const acknowledged = !ledger.unacknowledged.includes(problem)
    log.error({ ledger: ledger.path, problem, acknowledged }, 'ledger integrity problem')
  }
  if (acknowledge && ledger.unacknowledged.length > 0) {
    log.warn(
      { ledger: ledger.path, acknowledged: ledger.acknowledge().length },
      'integrity problems acknowledged by the operator (--acknowledge-tamper); accepting writes',
    )
  }
  const refusal = ledger.refusal
  if (refusal)
    log.error(
      { ledger: ledger.path, refusal },
      'refusing writes (Intercept with a threat, Neutralize) until acknowledged: review, then restart with --acknowledge-tamper',
    )
  return ledger
}
