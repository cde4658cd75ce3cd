/**
 * Caps that bound what any client, authenticated or not, can make the daemon hold: defaults, the
 * config file's `limits` (tracehound.v1.ServerLimits), flags over the file, and which caps a
 * reload can change. docs/daemon.md lists each with its flag and key.
 */

import { ConfigError, type DaemonConfig } from './config.js'

export interface ServerLimits {
  /** Open connections per listener; more are closed at accept. */
  maxConnections: number
  /** Concurrent streams per HTTP/2 connection (SETTINGS_MAX_CONCURRENT_STREAMS). */
  maxConcurrentStreams: number
  /** Request header block: HTTP/1.1 header size, HTTP/2 header list size. */
  maxHeaderBytes: number
  /** From accept to the first bytes (and the TLS handshake): idle sockets are closed. */
  firstByteTimeoutMs: number
  /** HTTP/1.1: from the request line to the end of the headers (slowloris). */
  headersTimeoutMs: number
  /** A connection with no open request or stream is closed after this long. */
  idleTimeoutMs: number
  /** Request bytes held by the daemon across all calls: unary bodies and partial stream messages. */
  inFlightBytes: number
  /** Open server streams (Health/Watch, AdminService/WatchEvents) per connection. */
  serverStreamsPerConnection: number
  /** Open server streams in total. */
  serverStreams: number
}

export type LimitKey = keyof ServerLimits

export const DEFAULT_LIMITS: Readonly<ServerLimits> = {
  maxConnections: 1024,
  maxConcurrentStreams: 100,
  maxHeaderBytes: 16 * 1024,
  firstByteTimeoutMs: 5_000,
  headersTimeoutMs: 10_000,
  idleTimeoutMs: 60_000,
  inFlightBytes: 64 * 1024 * 1024,
  serverStreamsPerConnection: 16,
  serverStreams: 1024,
}

/** node's largest timer: a longer timeout would fire after 1 ms instead. */
const MAX_TIMER_MS = 2_147_483_647
const UINT32 = 4_294_967_295

/** The accepted range of each cap; the same bounds as config.proto's rules. */
export const LIMIT_RANGE: Readonly<Record<LimitKey, readonly [min: number, max: number]>> = {
  maxConnections: [1, UINT32],
  maxConcurrentStreams: [1, UINT32],
  maxHeaderBytes: [1024, 16 * 1024 * 1024],
  firstByteTimeoutMs: [1, MAX_TIMER_MS],
  headersTimeoutMs: [1, MAX_TIMER_MS],
  idleTimeoutMs: [1, MAX_TIMER_MS],
  inFlightBytes: [1, Number.MAX_SAFE_INTEGER],
  serverStreamsPerConnection: [1, UINT32],
  serverStreams: [1, UINT32],
}

/**
 * Caps a reload changes in place: the request gate and the accept check read them per request or
 * connection. The others are handed to node's HTTP servers and sessions when a listener is built.
 */
export const RELOADABLE: ReadonlySet<LimitKey> = new Set<LimitKey>([
  'maxConnections',
  'inFlightBytes',
  'serverStreamsPerConnection',
  'serverStreams',
])

export const LIMIT_KEYS = Object.keys(DEFAULT_LIMITS) as LimitKey[]

/** The flag of each limit (kebab case of its key). */
export const limitFlag = (key: LimitKey): string => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`

/** The config file's key of each limit. */
export const limitConfigKey = (key: LimitKey): string => `limits.${key}`

/** The caps the config file sets (validated by its schema); absent ones are left out. */
export function limitsFromConfig(config: DaemonConfig): Partial<ServerLimits> {
  const out: Partial<ServerLimits> = {}
  const file = config.limits
  if (!file) return out
  for (const key of LIMIT_KEYS) {
    const v = file[key]
    if (v !== undefined) out[key] = Number(v)
  }
  return out
}

/** Throws naming the flag when a cap set outside the config file (flags, DaemonOptions) is out of range. */
export function checkLimits(limits: Partial<ServerLimits>): void {
  for (const key of LIMIT_KEYS) {
    const v = limits[key]
    if (v === undefined) continue
    const [min, max] = LIMIT_RANGE[key]
    if (!Number.isSafeInteger(v) || v < min || v > max)
      throw new ConfigError(`${limitFlag(key)} must be an integer from ${min} to ${max} (it is ${v})`)
  }
}

/** Defaults, then the file, then flags. */
export const resolveLimits = (fromFile: Partial<ServerLimits>, fromFlags: Partial<ServerLimits>): ServerLimits => ({
  ...DEFAULT_LIMITS,
  ...fromFile,
  ...fromFlags,
})

/**
 * Applies a reloaded file's caps to the live limits object: reloadable keys change in place
 * (flags still win); the others keep their value. Returns the config keys whose new value waits
 * for a restart.
 */
export function reloadLimits(live: ServerLimits, fromFile: Partial<ServerLimits>, fromFlags: Partial<ServerLimits>): string[] {
  const next = resolveLimits(fromFile, fromFlags)
  const restart: string[] = []
  for (const key of LIMIT_KEYS) {
    if (next[key] === live[key]) continue
    if (RELOADABLE.has(key)) live[key] = next[key]
    else restart.push(limitConfigKey(key))
  }
  return restart
}
