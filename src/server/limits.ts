/**
 * Caps that bound what any client, authenticated or not, can make the daemon hold.
 * Fixed at start (flags); docs/daemon.md lists each with its flag.
 */

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

/** The flag of each limit (kebab case of its key). */
export const limitFlag = (key: keyof ServerLimits): string => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`
