/**
 * What a request must pass before any byte of its body is read: the token (from the headers),
 * its deadline, the declared size, and the server-stream caps; and, once admitted, the budget of
 * request bytes the daemon holds across all calls.
 */

import type { IncomingHttpHeaders } from 'node:http'
import { Code, ConnectError } from '@connectrpc/connect'
import { Health } from '../gen/grpc/health/v1/health_pb.js'
import { AdminService } from '../gen/tracehound/v1/admin_service_pb.js'
import type { TokenCheck } from './auth.js'
import type { NodeHandlerFn } from './http-handler.js'
import type { ServerLimits } from './limits.js'
import type { RefusalReason } from './metrics.js'
import { protocolOf } from './refuse.js'

type Request = Parameters<NodeHandlerFn>[0]

const SERVER_STREAMS = new Set([
  `/${Health.typeName}/${Health.method.watch.name}`,
  `/${AdminService.typeName}/${AdminService.method.watchEvents.name}`,
])

/** gRPC: 1–8 digits and a unit; a leading minus is read as what it means, an expired deadline. */
const GRPC_TIMEOUT = /^(-?)(\d{1,8})[HMSmun]$/
const CONNECT_TIMEOUT = /^-?\d{1,10}$/

/** Whether the request's deadline has already passed (zero or negative). Malformed values are connect's to answer. */
export function deadlineExpired(headers: IncomingHttpHeaders): boolean {
  const grpc = headers['grpc-timeout']
  if (typeof grpc === 'string') {
    const m = GRPC_TIMEOUT.exec(grpc.trim())
    return m !== null && (m[1] === '-' || Number(m[2]) === 0)
  }
  const connect = headers['connect-timeout-ms']
  return typeof connect === 'string' && CONNECT_TIMEOUT.test(connect.trim()) && Number(connect) <= 0
}

/** RFC 7541 §4.1: name + value + 32 per field, the measure SETTINGS_MAX_HEADER_LIST_SIZE uses. */
export function headerListSize(headers: IncomingHttpHeaders): number {
  let size = 0
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue
    for (const v of Array.isArray(value) ? value : [value]) size += name.length + String(v).length + 32
  }
  return size
}

export interface GateOptions {
  limits: Pick<ServerLimits, 'inFlightBytes' | 'serverStreams' | 'serverStreamsPerConnection' | 'maxHeaderBytes'>
  readMaxBytes: number
  refused(reason: RefusalReason, detail?: Record<string, unknown>): void
}

/** What the gate sees of a request: its headers, and hooks into its connection and its end. */
export interface Incoming {
  headers: IncomingHttpHeaders
  method: string | undefined
  path: string
  /** The HTTP/2 session or the HTTP/1.1 socket: server streams are counted per connection. */
  connection: object | undefined
  /** Runs `f` once the request is over. */
  onClose(f: () => void): void
}

export interface Refused {
  code: Code
  message: string
  reason: RefusalReason
}

/** Refusals decided before the token was checked or by it: the client has not shown the token. */
export const beforeAuth = (r: Refused | undefined): boolean => r?.reason === 'header_bytes' || r?.reason === 'unauthenticated'

/** One per daemon: its counters span every listener. */
export class RequestGate {
  #inFlight = 0
  #serverStreams = 0
  readonly #perConnection = new WeakMap<object, number>()

  constructor(private readonly o: GateOptions) {}

  get inFlightBytes(): number {
    return this.#inFlight
  }

  get serverStreams(): number {
    return this.#serverStreams
  }

  /**
   * Undefined: run the request. Otherwise why not (counted and logged here; the caller answers).
   * `token`, when set (TCP), is required on every path.
   */
  admit(i: Incoming, token: TokenCheck | undefined): Refused | undefined {
    const { o } = this
    // HTTP/1.1's parser enforces this itself; node's HTTP/2 only advertises it.
    const headerBytes = headerListSize(i.headers)
    if (headerBytes > o.limits.maxHeaderBytes) {
      return this.#refused(
        i,
        'header_bytes',
        Code.ResourceExhausted,
        `header list of ${headerBytes} bytes exceeds ${o.limits.maxHeaderBytes}`,
      )
    }
    if (token && !token.accepts(i.headers.authorization))
      return this.#refused(i, 'unauthenticated', Code.Unauthenticated, 'missing or invalid bearer token')
    if (deadlineExpired(i.headers))
      return this.#refused(i, 'deadline', Code.DeadlineExceeded, 'the deadline expired before the call started')
    const declared = Number(i.headers['content-length'])
    if (protocolOf(i.headers, i.method) === 'connect' && declared > o.readMaxBytes) {
      return this.#refused(
        i,
        'message_bytes',
        Code.ResourceExhausted,
        `message size ${declared} is larger than configured readMaxBytes ${o.readMaxBytes}`,
      )
    }
    if (SERVER_STREAMS.has(i.path)) return this.#admitServerStream(i)
    return undefined
  }

  #admitServerStream(i: Incoming): Refused | undefined {
    const { limits } = this.o
    const { connection } = i
    const here = (connection && this.#perConnection.get(connection)) ?? 0
    if (here >= limits.serverStreamsPerConnection) {
      return this.#refused(
        i,
        'server_streams_per_connection',
        Code.ResourceExhausted,
        `at most ${limits.serverStreamsPerConnection} server streams per connection`,
      )
    }
    if (this.#serverStreams >= limits.serverStreams)
      return this.#refused(i, 'server_streams', Code.ResourceExhausted, `at most ${limits.serverStreams} server streams`)
    this.#serverStreams++
    if (connection) this.#perConnection.set(connection, here + 1)
    i.onClose(() => {
      this.#serverStreams--
      if (connection) this.#perConnection.set(connection, (this.#perConnection.get(connection) ?? 1) - 1)
    })
    return undefined
  }

  #refused(i: Incoming, reason: RefusalReason, code: Code, message: string): Refused {
    this.o.refused(reason, { path: i.path })
    return { code, message, reason }
  }

  /**
   * Counts `bytes` of a request as held by the daemon. A hold that crosses the in-flight budget
   * throws RESOURCE_EXHAUSTED (its call fails; other calls go on); the bytes count as held until
   * released either way.
   */
  hold(bytes: number, path: string | undefined): void {
    this.#inFlight += bytes
    if (this.#inFlight > this.o.limits.inFlightBytes) {
      this.o.refused('in_flight_bytes', { path })
      throw new ConnectError(
        `the daemon holds its limit of ${this.o.limits.inFlightBytes} request bytes in flight; retry later`,
        Code.ResourceExhausted,
      )
    }
  }

  release(bytes: number): void {
    this.#inFlight -= bytes
  }

  /**
   * The request body as connect reads it, held against the in-flight budget: a Connect unary
   * body until it is read whole, a stream's bytes until their message is complete.
   */
  async *metered(req: Request, body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    const enveloped = protocolOf(req.headers, req.method) !== 'connect'
    const messages = new EnvelopeTracker()
    let held = 0
    try {
      for await (const chunk of body) {
        held += chunk.byteLength
        this.hold(chunk.byteLength, req.url)
        if (enveloped) {
          const done = messages.push(chunk)
          held -= done
          this.release(done)
        }
        yield chunk
      }
    } finally {
      this.release(held)
    }
  }
}

/** Follows 5-byte-prefixed envelopes (flags, uint32 length) across chunks; reports bytes of completed ones. */
export class EnvelopeTracker {
  #header = Buffer.alloc(5)
  #headerFill = 0
  #remaining = 0
  #current = 0

  /** Bytes of the envelopes this chunk completes, counting their earlier bytes too. */
  push(chunk: Uint8Array): number {
    let completed = 0
    let i = 0
    while (i < chunk.length) {
      if (this.#headerFill < 5) {
        const n = Math.min(5 - this.#headerFill, chunk.length - i)
        this.#header.set(chunk.subarray(i, i + n), this.#headerFill)
        this.#headerFill += n
        this.#current += n
        i += n
        if (this.#headerFill < 5) break
        this.#remaining = this.#header.readUInt32BE(1)
      }
      const n = Math.min(this.#remaining, chunk.length - i)
      this.#remaining -= n
      this.#current += n
      i += n
      if (this.#remaining === 0) {
        completed += this.#current
        this.#current = 0
        this.#headerFill = 0
      }
    }
    return completed
  }
}
