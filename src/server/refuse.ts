/**
 * Answers a request the daemon will not run, in the request's own protocol (gRPC, gRPC-Web,
 * Connect unary or streaming, plain HTTP), without reading its body; then drops the rest of it:
 * RST_STREAM on HTTP/2, connection close on HTTP/1.1.
 */

import { Code } from '@connectrpc/connect'
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http'
import * as http2 from 'node:http2'
import type { NodeHandlerFn } from './http-handler.js'

type Request = Parameters<NodeHandlerFn>[0]
type Response = Parameters<NodeHandlerFn>[1]

/** Connect's name of a code (snake case) and its HTTP status (connectrpc.com/docs/protocol). */
const CONNECT: Partial<Record<Code, [string, number]>> = {
  [Code.InvalidArgument]: ['invalid_argument', 400],
  [Code.DeadlineExceeded]: ['deadline_exceeded', 504],
  [Code.ResourceExhausted]: ['resource_exhausted', 429],
  [Code.Unauthenticated]: ['unauthenticated', 401],
  [Code.Unavailable]: ['unavailable', 503],
}

/** How long an HTTP/1.1 connection may drain after a refusal before it is cut. */
const H1_LINGER_MS = 1_000

export type Protocol = 'grpc' | 'grpc-web' | 'connect-stream' | 'connect' | 'http'

export function protocolOf(headers: IncomingHttpHeaders, method: string | undefined): Protocol {
  const type = (headers['content-type'] ?? '').toLowerCase()
  if (type.startsWith('application/grpc-web')) return 'grpc-web'
  if (type.startsWith('application/grpc')) return 'grpc'
  if (type.startsWith('application/connect+')) return 'connect-stream'
  if (type.startsWith('application/json') || type.startsWith('application/proto') || method === 'GET') return 'connect'
  return 'http'
}

export interface Refusal {
  status: number
  headers: OutgoingHttpHeaders
  body: Buffer | undefined
}

/** The answer to a refused request, shaped for its protocol. */
export function refusal(headers: IncomingHttpHeaders, method: string | undefined, code: Code, message: string): Refusal {
  const [name, httpStatus] = CONNECT[code] ?? ['unknown', 500]
  const out: OutgoingHttpHeaders = {}
  let status = 200
  let body: Buffer | undefined
  switch (protocolOf(headers, method)) {
    case 'grpc':
    case 'grpc-web':
      // Trailers-only: the status travels in the headers.
      out['content-type'] = headers['content-type']
      out['grpc-status'] = String(code)
      out['grpc-message'] = encodeURIComponent(message)
      break
    case 'connect-stream': {
      out['content-type'] = headers['content-type']
      const json = Buffer.from(JSON.stringify({ error: { code: name, message } }))
      body = Buffer.alloc(5 + json.length)
      body[0] = 0b10 // end-of-stream flag
      body.writeUInt32BE(json.length, 1)
      json.copy(body, 5)
      break
    }
    case 'connect':
      status = httpStatus
      out['content-type'] = 'application/json'
      body = Buffer.from(JSON.stringify({ code: name, message }))
      break
    case 'http':
      status = httpStatus
      out['content-type'] = 'text/plain; charset=utf-8'
      body = Buffer.from(`${message}\n`)
  }
  if (code === Code.Unauthenticated) out['www-authenticate'] = 'Bearer'
  if (body) out['content-length'] = body.length
  return { status, headers: out, body }
}

/** On the HTTP/2 core API, before node builds request objects: the cheapest refusal. */
export function refuseStream(stream: http2.ServerHttp2Stream, headers: IncomingHttpHeaders, code: Code, message: string): void {
  const r = refusal(headers, headers[':method'] as string | undefined, code, message)
  if (stream.destroyed || stream.headersSent) return
  stream.respond({ ':status': r.status, ...r.headers }, { endStream: !r.body })
  if (r.body) stream.end(r.body)
  // RST_STREAM(NO_ERROR) after the answer: the client stops sending its body (RFC 9113 §8.1).
  stream.close(http2.constants.NGHTTP2_NO_ERROR)
}

/** On a node request (HTTP/1.1, or HTTP/2 through the compatibility API). */
export function refuse(req: Request, res: Response, code: Code, message: string): void {
  const r = refusal(req.headers, req.method, code, message)
  if ('stream' in req) {
    res.once('finish', () => req.stream.close(http2.constants.NGHTTP2_NO_ERROR))
  } else {
    r.headers.connection = 'close'
    const socket = req.socket
    res.once('finish', () => {
      // Stop reading the unwanted body (node would read and discard it); the kernel's window then
      // stalls the client. Cut after a moment rather than at once: a reset could destroy the
      // answer before the client has read it.
      socket.pause()
      setTimeout(() => socket.destroy(), H1_LINGER_MS).unref()
    })
  }
  res.writeHead(r.status, r.headers)
  if (r.body) res.end(r.body)
  else res.end()
}
