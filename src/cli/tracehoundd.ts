#!/usr/bin/env node
/** tracehoundd: parses flags and environment, starts the daemon, maps signals. */

import { readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { Command, InvalidArgumentError, Option } from 'commander'
import { defaultSocketPath } from '../client/socket-path.js'
import { type DaemonOptions, SERVER_VERSION, startDaemon } from '../server/daemon.js'
import { DEFAULT_LIMITS, LIMIT_KEYS, LIMIT_RANGE, limitConfigKey, limitFlag, RELOADABLE, type ServerLimits } from '../server/limits.js'
import { defaultDataDir } from '../storage/data-dir.js'
import { ensurePrivateSocketDir } from '../server/socket-dir.js'

function hostPort(value: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(value)
  const port = Number(m?.[3])
  if (!m || port > 65535) throw new InvalidArgumentError('expected host:port, e.g. 127.0.0.1:7420')
  return { host: m[1] ?? m[2] ?? '', port }
}

function positiveInt(value: string): number {
  const n = Number(value)
  if (!Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer')
  return n
}

/** An exact browser origin, scheme://host[:port]; repeatable. */
function origin(value: string, previous: string[]): string[] {
  let parsed: URL | undefined
  try {
    parsed = new URL(value)
  } catch {
    parsed = undefined
  }
  if (!parsed || parsed.origin !== value)
    throw new InvalidArgumentError('expected an exact origin such as https://app.example or http://localhost:5173')
  return [...previous, value]
}

const LIMIT_HELP: Record<keyof ServerLimits, string> = {
  maxConnections: 'open connections per listener',
  maxConcurrentStreams: 'concurrent streams per HTTP/2 connection',
  maxHeaderBytes: 'request header block (HTTP/1.1 headers, HTTP/2 header list)',
  firstByteTimeoutMs: 'ms from accept to the first bytes (and the TLS handshake)',
  headersTimeoutMs: 'ms for a complete HTTP/1.1 request head',
  idleTimeoutMs: 'ms a connection may stay without an open request or stream',
  inFlightBytes: 'request bytes held across all calls',
  serverStreamsPerConnection: 'open Watch/WatchEvents streams per connection',
  serverStreams: 'open Watch/WatchEvents streams in total',
}

function nonNegative(value: string): number {
  const n = Number(value)
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number of hours, 0 or more')
  return n
}

const program = new Command('tracehoundd')
  .description('Serves the Tracehound engine over Connect, gRPC and gRPC-Web on a Unix socket and optionally TCP.')
  .version(SERVER_VERSION)
  .addOption(
    new Option('-c, --config <file>', 'config file (tracehound.v1.DaemonConfig as JSON); reloaded on change').env('TRACEHOUND_CONFIG'),
  )
  .addOption(new Option('-s, --socket <path>', 'Unix socket path (created 0600)').env('TRACEHOUND_SOCKET').default(defaultSocketPath()))
  .option('--no-socket', 'serve no Unix socket')
  .option('--print-socket', 'print the Unix socket path this invocation would use, and exit')
  .addOption(new Option('--tcp <host:port>', 'also listen on TCP, e.g. 127.0.0.1:7420').env('TRACEHOUND_TCP').argParser(hostPort))
  .addOption(new Option('--token-file <file>', 'bearer token required on TCP (or TRACEHOUND_TOKEN)'))
  .option('--insecure-no-auth', 'serve TCP without a bearer token')
  .option('--tls-cert <file>', 'TLS certificate (PEM) for TCP')
  .option('--tls-key <file>', 'TLS private key (PEM) for TCP')
  .option('--cors-origin <origin>', 'a browser origin allowed on TCP (repeatable; none by default; needs the token)', origin, [])
  .addOption(
    new Option('--log-level <level>', 'pino level').choices(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  )
  .addOption(new Option('--max-message-bytes <n>', 'largest request message').argParser(positiveInt).default(16 * 1024 * 1024))
  .option('--no-watch', 'do not reload when the config file changes')
  .addOption(
    new Option('--data-dir <dir>', 'where the evidence ledger lives (ledger.sqlite)').env('TRACEHOUND_DATA_DIR').default(defaultDataDir()),
  )
  .option('--memory', 'keep evidence and audit in memory only: nothing survives a restart (or TRACEHOUND_MEMORY=1)')
  .option(
    '--trusted-head <file>',
    'a tree head saved earlier (`tracehound audit head`): the ledger must extend it, else writes are refused',
  )
  .option(
    '--witness <file>',
    'append every new tree head here (keep it off the data directory); its last head is checked at start like --trusted-head',
  )
  .option(
    '--audit-retention <n>',
    'memory mode: keep audit records and Merkle nodes for the newest N leaves; older proofs answer OUT_OF_RANGE (default 100000)',
    positiveInt,
  )
  .option(
    '--full-check-hours <h>',
    'verify the whole ledger (every entry and stored node) this often, on a worker thread; 0: never (default 24)',
    nonNegative,
  )
  .option('--acknowledge-tamper', 'accept writes although the ledger reports integrity problems (after review; recorded in the ledger)')
  .option('--conformance', 'serve ConformanceService (manual clock, seeded ids, resettable): for conformance runs only')

// No commander default: a flag given overrides the config file's `limits`, an absent one does not.
for (const key of LIMIT_KEYS) {
  const [min, max] = LIMIT_RANGE[key]
  const inRange = (value: string) => {
    const n = Number(value)
    if (!Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected an integer from ${min} to ${max}`)
    return n
  }
  const help = `${LIMIT_HELP[key]} (default ${DEFAULT_LIMITS[key]}; config ${limitConfigKey(key)}; ${RELOADABLE.has(key) ? 'reloadable' : 'restart to change'})`
  program.addOption(new Option(`${limitFlag(key)} <n>`, help).argParser(inRange))
}

interface FlagValues {
  config?: string
  socket: string | false
  tcp?: { host: string; port: number }
  tokenFile?: string
  insecureNoAuth?: boolean
  tlsCert?: string
  tlsKey?: string
  corsOrigin: string[]
  logLevel: string
  maxMessageBytes: number
  watch: boolean
  conformance?: boolean
  printSocket?: boolean
  dataDir: string
  memory?: boolean
  acknowledgeTamper?: boolean
  trustedHead?: string
  witness?: string
  auditRetention?: number
  fullCheckHours?: number
}

type Flags = FlagValues & Partial<ServerLimits>

function daemonOptions(f: Flags): DaemonOptions {
  const options: DaemonOptions = {
    corsOrigins: f.corsOrigin,
    limits: Object.fromEntries(LIMIT_KEYS.filter((k) => f[k] !== undefined).map((k) => [k, f[k]])),
    logLevel: f.logLevel,
    readMaxBytes: f.maxMessageBytes,
    watchConfig: f.watch,
    conformance: Boolean(f.conformance),
    // Conformance mode stays memory-only and deterministic.
    ...(!(f.memory || process.env.TRACEHOUND_MEMORY === '1') &&
      !f.conformance && {
        dataDir: f.dataDir,
        acknowledgeTamper: Boolean(f.acknowledgeTamper),
        ...(f.trustedHead !== undefined && { trustedHead: f.trustedHead }),
        ...(f.witness !== undefined && { witness: f.witness }),
        ...(f.fullCheckHours !== undefined && { fullCheckMs: f.fullCheckHours * 3_600_000 }),
      }),
    ...(f.auditRetention !== undefined && { auditRetention: f.auditRetention }),
    ...(f.config !== undefined && { configPath: f.config }),
    ...(f.socket !== false && { socketPath: f.socket }),
  }
  if (f.tcp) {
    const token = f.tokenFile ? tokenFromFile(f.tokenFile) : process.env.TRACEHOUND_TOKEN?.trim()
    if (!token && !f.insecureNoAuth) {
      throw new Error('--tcp needs a bearer token (--token-file or TRACEHOUND_TOKEN), or --insecure-no-auth')
    }
    if (Boolean(f.tlsCert) !== Boolean(f.tlsKey)) throw new Error('--tls-cert and --tls-key go together')
    options.tcp = {
      ...f.tcp,
      token: token || null,
      ...(f.tlsCert && f.tlsKey && { tls: { cert: readFileSync(f.tlsCert), key: readFileSync(f.tlsKey) } }),
    }
  }
  if (options.socketPath === undefined && !options.tcp) throw new Error('nothing to serve: --no-socket without --tcp')
  return options
}

function tokenFromFile(path: string): string {
  const token = readFileSync(path, 'utf8').trim()
  if (!token) throw new Error(`--token-file ${path} is empty: write the token (at least 16 bytes, e.g. \`openssl rand -hex 32\`) into it`)
  return token
}

async function main() {
  // An empty TRACEHOUND_SOCKET means unset, as for every client's default-socket rule.
  if (process.env.TRACEHOUND_SOCKET === '') delete process.env.TRACEHOUND_SOCKET
  const flags = program.parse().opts<Flags>()
  if (flags.printSocket) {
    process.stdout.write(`${flags.socket === false ? '' : flags.socket}\n`)
    return
  }
  // The default path's directory must be ours alone; an explicit --socket is the operator's choice.
  if (flags.socket !== false && program.getOptionValueSource('socket') === 'default') {
    ensurePrivateSocketDir(dirname(flags.socket))
  }
  const starting = startDaemon(daemonOptions(flags))
  // Handlers go in before the daemon reports "listening", so no signal finds the default action.
  const stop = () => void starting.then((d) => d.close()).then(() => process.exit(0))
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
  process.on('SIGHUP', () => void starting.then((d) => d.reloader.reload('signal')).catch(() => undefined))
  const { log } = await starting
  // A client must never be able to take the daemon down; a bug is logged, not fatal.
  process.on('uncaughtException', (err) => log.fatal({ err }, 'uncaught exception; still serving'))
  process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection; still serving'))
}

main().catch((e: Error) => {
  process.stderr.write(`tracehoundd: ${e.message}\n`)
  process.exit(1)
})
