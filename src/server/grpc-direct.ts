/**
 * The hot RPCs over gRPC, served straight on the HTTP/2 stream: no compatibility request objects,
 * no Connect per-call pipeline (async iterables, abort controllers, header objects), whose
 * per-call garbage on Node 20 is what set the daemon's tail latency (docs/server-paths.md).
 *
 * Only the plain case is taken: POST, `application/grpc` or `application/grpc+proto`, no request
 * compression, a well-formed `grpc-timeout` if any, no `Origin`. Anything else (gRPC-Web, Connect,
 * JSON, gzip, other methods) goes to connect-node as before. What is answered here is what
 * connect-node answers for the same bytes: its status codes and messages, with client faults
 * reported as INVALID_ARGUMENT (fault-codes.ts), validation by the same protovalidate rules.
 */

import {
  create,
  type DescMessage,
  type DescMethodBiDiStreaming,
  type DescMethodUnary,
  fromBinary,
  isMessage,
  type MessageInitShape,
  type MessageShape,
  toBinary,
} from '@bufbuild/protobuf'
import { type Validator, violationsToProto } from '@bufbuild/protovalidate'
import { Code, ConnectError } from '@connectrpc/connect'
import { encodeEnvelope } from '@connectrpc/connect/protocol'
import { setTrailerStatus } from '@connectrpc/connect/protocol-grpc'
import * as http2 from 'node:http2'
import type { RequestGate } from './request-gate.js'

type Reply<O extends DescMessage> = MessageInitShape<O> | MessageShape<O>

/** A unary method served here: its handler needs nothing of the call but the request. */
export interface DirectUnary<I extends DescMessage = DescMessage, O extends DescMessage = DescMessage> {
  method: DescMethodUnary<I, O>
  handler(req: MessageShape<I>): Reply<O> | Promise<Reply<O>>
}

/**
 * A bidi method served here as a push pipeline: `answer` answers each request (a promise while it
 * waits; answers go out in request order), and `closing` stops reading (graceful shutdown).
 */
export interface DirectBidi<I extends DescMessage = DescMessage, O extends DescMessage = DescMessage> {
  method: DescMethodBiDiStreaming<I, O>
  answer(req: MessageShape<I>): Reply<O> | Promise<Reply<O>>
  /** Answers held back for ordering (e.g. waiting for fsync) before the stream stops reading. */
  maxPending: number
  closing: AbortSignal
}

export interface GrpcDirectOptions {
  unary: DirectUnary[]
  bidi: DirectBidi[]
  validator: Validator
  gate: RequestGate
  readMaxBytes: number
  /** Per finished unary call: the method's name, the status code's name, seconds. */
  observe(method: string, code: string, seconds: number): void
}

export const unary = <I extends DescMessage, O extends DescMessage>(
  method: DescMethodUnary<I, O>,
  handler: (req: MessageShape<I>) => Reply<O> | Promise<Reply<O>>,
): DirectUnary => ({ method, handler }) as unknown as DirectUnary

export const bidi = <I extends DescMessage, O extends DescMessage>(b: DirectBidi<I, O>): DirectBidi => b as unknown as DirectBidi

const GRPC_TYPES = new Set(['application/grpc', 'application/grpc+proto'])
const TIMEOUT = /^\d{1,8}[HMSmun]$/
const RESPONSE_HEADERS = { ':status': 200, 'content-type': 'application/grpc+proto' }
const OK_TRAILERS = { 'grpc-status': '0' }
const ignore = () => undefined

/** Whether these headers are the plain gRPC case (anything else is left to connect-node). */
function plainGrpc(headers: http2.IncomingHttpHeaders): boolean {
  if (headers[':method'] !== 'POST' || headers.origin !== undefined) return false
  if (!GRPC_TYPES.has((headers['content-type'] ?? '').toLowerCase())) return false
  const encoding = headers['grpc-encoding']
  if (encoding !== undefined && encoding !== 'identity') return false
  const timeout = headers['grpc-timeout']
  return timeout === undefined || (typeof timeout === 'string' && TIMEOUT.test(timeout))
}

function trailersOf(err: ConnectError): http2.OutgoingHttpHeaders {
  const out: http2.OutgoingHttpHeaders = {}
  setTrailerStatus(new Headers(), err).forEach((v, k) => {
    out[k] = v
  })
  return out
}

/** Validation as @connectrpc/validate's interceptor reports it: the same message and details. */
function validationError(validator: Validator, desc: DescMessage, msg: MessageShape<DescMessage>): ConnectError | undefined {
  const result = validator.validate(desc, msg)
  if (result.kind === 'valid') return undefined
  const details = result.violations ? [(([value, d]) => ({ desc: d, value }))(violationsToProto(result.violations))] : []
  return new ConnectError(result.error.message, Code.InvalidArgument, undefined, details, result.error)
}

/** connect-node's binary parse error, reported (as everywhere in this daemon) as the client's fault. */
function parse<I extends DescMessage>(desc: I, bytes: Uint8Array): MessageShape<I> {
  try {
    return fromBinary(desc, bytes)
  } catch (e) {
    throw new ConnectError(`parse binary: ${e instanceof Error ? e.message : String(e)}`, Code.InvalidArgument)
  }
}

function serialize(desc: DescMessage, reply: Reply<DescMessage>): Uint8Array {
  return encodeEnvelope(0, toBinary(desc, isMessage(reply, desc) ? reply : create(desc, reply)))
}

/**
 * Splits 5-byte-prefixed messages out of the body as it arrives. Holds request bytes against the
 * gate's in-flight budget until their message is complete; refuses a declared length over
 * readMaxBytes before buffering it.
 */
class EnvelopeReader {
  #parts: Buffer[] = []
  #buffered = 0
  #held = 0

  constructor(
    private readonly gate: RequestGate,
    private readonly readMaxBytes: number,
    private readonly path: string,
  ) {}

  /** The complete messages' payloads; throws ConnectError for what the call cannot go on with. */
  push(chunk: Buffer, out: Uint8Array[]): void {
    this.#held += chunk.length
    this.gate.hold(chunk.length, this.path)
    this.#parts.push(chunk)
    this.#buffered += chunk.length
    for (;;) {
      if (this.#buffered < 5) return
      const head = this.#parts[0]!.length >= 5 ? this.#parts[0]! : this.#flatten()
      const length = head.readUInt32BE(1)
      if (length > this.readMaxBytes) {
        throw new ConnectError(`message size ${length} is larger than configured readMaxBytes ${this.readMaxBytes}`, Code.ResourceExhausted)
      }
      if (head[0]! & 1) throw new ConnectError('received compressed envelope, but do not know how to decompress', Code.Internal)
      if (this.#buffered < 5 + length) return
      const whole = this.#parts.length === 1 ? head : this.#flatten()
      // A copy into a plain Uint8Array: decoded bytes fields are views of it, and code that
      // copies them with .slice() must get a copy (Buffer's slice is a view of a shared pool).
      out.push(new Uint8Array(whole.subarray(5, 5 + length)))
      const rest = whole.subarray(5 + length)
      this.#parts = rest.length > 0 ? [rest] : []
      this.#buffered = rest.length
      this.gate.release(this.#held - rest.length)
      this.#held = rest.length
    }
  }

  /** At the end of the body: an envelope cut short is the client's fault. */
  end(): void {
    if (this.#buffered > 0) throw new ConnectError('protocol error: incomplete envelope', Code.InvalidArgument)
  }

  /** Whatever is still held goes back to the budget (once the call is over, however it ended). */
  release(): void {
    this.gate.release(this.#held)
    this.#held = 0
    this.#parts = []
    this.#buffered = 0
  }

  #flatten(): Buffer {
    const b = Buffer.concat(this.#parts, this.#buffered)
    this.#parts = [b]
    return b
  }
}

/**
 * Ends a call: headers when none went out yet (an error too, as connect-node does, rather than
 * trailers-only), the last bytes if any, then the trailers; if the client is still sending, the
 * stream is reset (CANCEL) once they are out, so it stops.
 */
function endCall(stream: http2.ServerHttp2Stream, trailers: http2.OutgoingHttpHeaders, last?: Uint8Array): void {
  if (stream.destroyed || stream.closed) return
  if (!stream.headersSent) stream.respond(RESPONSE_HEADERS, { waitForTrailers: true })
  stream.once('wantTrailers', () => {
    stream.sendTrailers(trailers)
    if (!stream.readableEnded) setImmediate(() => stream.closed || stream.close(http2.constants.NGHTTP2_CANCEL))
  })
  stream.end(last)
}

export interface GrpcDirect {
  /** True: the call is this module's (answered or being answered); false: leave it to connect-node. */
  take(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders): boolean
}

export function createGrpcDirect(o: GrpcDirectOptions): GrpcDirect {
  const paths = new Map<string, (stream: http2.ServerHttp2Stream, path: string) => void>()
  for (const u of o.unary) paths.set(`/${u.method.parent.typeName}/${u.method.name}`, (s, p) => serveUnary(s, p, u))
  for (const b of o.bidi) paths.set(`/${b.method.parent.typeName}/${b.method.name}`, (s, p) => serveBidi(s, p, b))

  const serveUnary = (stream: http2.ServerHttp2Stream, path: string, u: DirectUnary) => {
    const start = performance.now()
    const name = u.method.name
    const reader = new EnvelopeReader(o.gate, o.readMaxBytes, path)
    const messages: Uint8Array[] = []
    let over = false
    const finish = (err: ConnectError | undefined, reply?: Uint8Array) => {
      if (over) return
      over = true
      reader.release()
      stream.off('data', onData)
      o.observe(name, err ? (Code[err.code] ?? 'unknown') : 'ok', (performance.now() - start) / 1000)
      endCall(stream, err ? trailersOf(err) : OK_TRAILERS, reply)
    }
    const run = () => {
      // A second message already failed the call as it arrived (onData).
      if (messages.length === 0) throw new ConnectError('protocol error: missing input message for unary method', Code.InvalidArgument)
      const req = parse(u.method.input, messages[0]!)
      const invalid = validationError(o.validator, u.method.input, req)
      if (invalid) throw invalid
      const reply = u.handler(req)
      if (!(reply instanceof Promise)) return finish(undefined, serialize(u.method.output, reply))
      reply.then(
        (r) => finish(undefined, serialize(u.method.output, r)),
        (e: unknown) => finish(ConnectError.from(e)),
      )
    }
    const onData = (chunk: Buffer) => {
      try {
        reader.push(chunk, messages)
        if (messages.length > 1)
          throw new ConnectError('protocol error: received extra input message for unary method', Code.InvalidArgument)
      } catch (e) {
        finish(ConnectError.from(e))
      }
    }
    stream.on('data', onData)
    stream.once('end', () => {
      if (over) return
      try {
        reader.end()
        run()
      } catch (e) {
        finish(ConnectError.from(e))
      }
    })
    // A client that resets or vanishes: give its bytes back to the budget.
    stream.once('close', () => {
      if (!over) {
        over = true
        reader.release()
        o.observe(name, 'Canceled', (performance.now() - start) / 1000)
      }
    })
  }

  const serveBidi = (stream: http2.ServerHttp2Stream, path: string, b: DirectBidi) => {
    const reader = new EnvelopeReader(o.gate, o.readMaxBytes, path)
    const out = b.method.output
    // Answers not yet written, in request order; one waiting for its promise has no bytes yet.
    const queue: { bytes: Uint8Array | undefined }[] = []
    const messages: Uint8Array[] = []
    let ended = false
    let over = false

    const finish = (err: ConnectError | undefined) => {
      if (over) return
      over = true
      reader.release()
      b.closing.removeEventListener('abort', onClosing)
      // Ended by shutdown while the client still sends: endCall resets it, so it stops.
      endCall(stream, err ? trailersOf(err) : OK_TRAILERS)
    }
    /** Writes the answers at the head of the queue that are ready. */
    const writeReady = () => {
      if (!queue[0]?.bytes || stream.destroyed || stream.closed) return
      if (!stream.headersSent) stream.respond(RESPONSE_HEADERS, { waitForTrailers: true })
      stream.cork()
      while (queue[0]?.bytes) stream.write(queue.shift()!.bytes)
      stream.uncork()
    }
    /** Writes what is ready; ends the call once all is out, else reads on or holds back. */
    const flush = () => {
      if (over) return
      writeReady()
      if (ended) {
        if (queue.length === 0) finish(undefined)
        return
      }
      // Holding back reads lets HTTP/2 flow control hold the client.
      if (queue.length >= b.maxPending || stream.writableNeedDrain) stream.pause()
      else stream.resume()
    }
    const answerOne = (req: MessageShape<DescMessage>) => {
      const a = b.answer(req)
      if (!(a instanceof Promise)) return void queue.push({ bytes: serialize(out, a) })
      const slot: (typeof queue)[number] = { bytes: undefined }
      queue.push(slot)
      a.then(
        (r) => {
          slot.bytes = serialize(out, r)
          flush()
        },
        (e: unknown) => finish(ConnectError.from(e)),
      )
    }
    const onData = (chunk: Buffer) => {
      try {
        reader.push(chunk, messages)
        // Each message is validated by `answer` (one refused call does not end the stream).
        for (const m of messages.splice(0)) answerOne(parse(b.method.input, m))
        flush()
      } catch (e) {
        // The answers to the messages before the bad one go out first (as connect-node's do).
        writeReady()
        finish(ConnectError.from(e))
      }
    }
    const onClosing = () => {
      // Shutdown: nothing more is read; what was read is answered, then the stream ends.
      stream.pause()
      stream.off('data', onData)
      ended = true
      flush()
    }
    stream.on('data', onData)
    stream.on('drain', flush)
    stream.once('end', () => {
      if (over || ended) return
      try {
        reader.end()
        ended = true
        flush()
      } catch (e) {
        finish(ConnectError.from(e))
      }
    })
    stream.once('close', () => {
      if (over) return
      over = true
      reader.release()
      b.closing.removeEventListener('abort', onClosing)
    })
    if (b.closing.aborted) onClosing()
    else b.closing.addEventListener('abort', onClosing, { once: true })
  }

  return {
    take(stream, headers) {
      const path = headers[':path']
      const serve = path === undefined ? undefined : paths.get(path)
      if (!serve || !plainGrpc(headers)) return false
      // Resets by the client surface here as errors; the call is over either way.
      stream.on('error', ignore)
      serve(stream, path!)
      return true
    },
  }
}
