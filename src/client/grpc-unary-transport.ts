/**
 * A connect Transport for the Node client whose unary calls go straight onto an HTTP/2 stream of
 * the client's session (gRPC framing, status from the trailers), while streaming calls go through
 * connect-node's gRPC transport. Why: on Node 20 connect-node's per-call pipeline leaves garbage
 * that survives young-generation collection, and its pauses set a verifier's proof p99 (the
 * daemon's side of the same problem is docs/server-paths.md).
 */

import { create, type DescMessage, type DescMethodUnary, fromBinary, isMessage, type MessageInitShape, toBinary } from '@bufbuild/protobuf'
import { Code, ConnectError, type Transport, type UnaryResponse } from '@connectrpc/connect'
import { encodeEnvelope } from '@connectrpc/connect/protocol'
import { codeFromHttpStatus, findTrailerError } from '@connectrpc/connect/protocol-grpc'
import type { Http2SessionManager } from '@connectrpc/connect-node'
import * as http2 from 'node:http2'

/** What `createGrpcUnaryTransport` runs on. */
export interface GrpcUnaryTransportOptions {
  sessionManager: Http2SessionManager
  /** Sent as `Authorization: Bearer …` on every call. */
  token?: string
  /** Serves the streaming calls (connect-node's gRPC transport over the same session manager). */
  streams: Transport
}

type Headers2 = http2.IncomingHttpHeaders

/** Incoming HTTP/2 headers as a fetch Headers object (pseudo-headers left out). */
function toHeaders(h: Headers2 | undefined): Headers {
  const out = new Headers()
  for (const [k, v] of Object.entries(h ?? {})) {
    if (k.startsWith(':') || v === undefined) continue
    for (const one of Array.isArray(v) ? v : [v]) out.append(k, String(one))
  }
  return out
}

/** The single message of a unary answer, from its 5-byte-prefixed envelope. */
function unwrap(body: Buffer): Uint8Array {
  if (body.length < 5) throw new ConnectError('protocol error: missing output message for unary method', Code.Unimplemented)
  if (body[0]! & 1) throw new ConnectError('protocol error: received compressed output without grpc-encoding', Code.Internal)
  const length = body.readUInt32BE(1)
  if (body.length !== 5 + length)
    throw new ConnectError('protocol error: received extra output message for unary method', Code.Unimplemented)
  // A plain Uint8Array: decoded bytes fields are views of it, and must not be views of a pool.
  return new Uint8Array(body.subarray(5))
}

const { constants: h2 } = http2
/** A stream reset without a status: what connect-node reports for the same reset code. */
const RESET_CODES: Partial<Record<number, Code>> = {
  [h2.NGHTTP2_REFUSED_STREAM]: Code.Unavailable,
  [h2.NGHTTP2_CANCEL]: Code.Canceled,
  [h2.NGHTTP2_ENHANCE_YOUR_CALM]: Code.ResourceExhausted,
  [h2.NGHTTP2_INADEQUATE_SECURITY]: Code.PermissionDenied,
}

/**
 * The Node client's gRPC transport (what `createTracehoundClient` uses): unary calls on the
 * session's HTTP/2 streams, streaming calls through `o.streams`. For `createClient` of any
 * service the daemon serves.
 */
export function createGrpcUnaryTransport(o: GrpcUnaryTransportOptions): Transport {
  const { sessionManager } = o
  return {
    stream: (...args) => o.streams.stream(...args),
    async unary<I extends DescMessage, O extends DescMessage>(
      method: DescMethodUnary<I, O>,
      signal: AbortSignal | undefined,
      timeoutMs: number | undefined,
      header: HeadersInit | undefined,
      input: MessageInitShape<I>,
    ): Promise<UnaryResponse<I, O>> {
      const message = isMessage(input, method.input) ? input : create(method.input, input as MessageInitShape<I>)
      const envelope = encodeEnvelope(0, toBinary(method.input, message))
      const headers: http2.OutgoingHttpHeaders = { 'content-type': 'application/grpc+proto', te: 'trailers' }
      new Headers(header).forEach((v, k) => {
        headers[k] = v
      })
      if (o.token) headers.authorization = `Bearer ${o.token}`
      if (timeoutMs !== undefined) headers['grpc-timeout'] = `${Math.max(1, Math.ceil(timeoutMs))}m`
      signal?.throwIfAborted()
      const stream = await sessionManager
        .request('POST', `/${method.parent.typeName}/${method.name}`, headers, {})
        .catch((e: unknown) => Promise.reject(ConnectError.from(e, Code.Unavailable)))
      return new Promise<UnaryResponse<I, O>>((resolve, reject) => {
        const chunks: Buffer[] = []
        let responseHeaders: Headers2 | undefined
        let trailers: Headers2 | undefined
        // Why this client ended the call itself (its deadline, an abort), and what the stream reported.
        let stopped: ConnectError | undefined
        let streamError: unknown
        const stop = (err: ConnectError) => {
          stopped ??= err
          if (!stream.closed) stream.close(http2.constants.NGHTTP2_CANCEL)
        }
        const onAbort = () => stop(new ConnectError('the operation was aborted', Code.Canceled))
        // Aborted while the stream was being opened: no event will come.
        if (signal?.aborted) onAbort()
        else signal?.addEventListener('abort', onAbort, { once: true })
        const timer =
          timeoutMs === undefined
            ? undefined
            : setTimeout(() => stop(new ConnectError('the operation timed out', Code.DeadlineExceeded)), timeoutMs)
        stream.on('response', (h) => {
          responseHeaders = h
        })
        stream.on('data', (c: Buffer) => {
          chunks.push(c)
          sessionManager.notifyResponseByteRead(stream)
        })
        stream.on('trailers', (t) => {
          trailers = t
        })
        stream.on('error', (e) => {
          streamError ??= e
        })
        stream.on('close', () => {
          clearTimeout(timer)
          signal?.removeEventListener('abort', onAbort)
          try {
            if (stopped) throw stopped
            if (!trailers && !responseHeaders?.['grpc-status'] && stream.rstCode) {
              throw new ConnectError(`stream reset (code ${stream.rstCode})`, RESET_CODES[stream.rstCode] ?? Code.Internal)
            }
            if (streamError !== undefined) throw ConnectError.from(streamError, Code.Unavailable)
            const status = Number(responseHeaders?.[':status'] ?? 0)
            if (status !== 200) {
              const code = responseHeaders ? codeFromHttpStatus(status) : Code.Unavailable
              throw new ConnectError(`HTTP ${status || 'stream closed before a response'}`, code)
            }
            // A trailers-only answer carries the status in the headers.
            const statusFields = toHeaders(trailers ?? responseHeaders)
            const error = findTrailerError(statusFields)
            if (error) throw error
            if (!statusFields.has('grpc-status')) throw new ConnectError('protocol error: missing trailers', Code.Internal)
            resolve({
              stream: false,
              service: method.parent,
              method,
              header: toHeaders(responseHeaders),
              message: fromBinary(method.output, unwrap(Buffer.concat(chunks))),
              trailer: statusFields,
            })
          } catch (e) {
            reject(ConnectError.from(e))
          }
        })
        stream.end(envelope)
      })
    },
  }
}
