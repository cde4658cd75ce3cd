/**
 * Answers a request the daemon will not run, in the request's own protocol (gRPC, gRPC-Web,
 * Connect unary or streaming, plain HTTP), without reading its body; then drops the rest of it:
 * RST_STREAM on HTTP/2, connection close on HTTP/1.1.
 */

import { Code } from '@connectrpc/connect'
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

export function protocolOf(req: Request): Protocol {
  const type = (req.headers['content-type'] ?? '').toLowerCase()
  if (type.startsWith('application/grpc-web')) return 'grpc-web'
  if (type.startsWith('application/grpc')) return 'grpc'
  if (type.startsWith('application/connect+')) return 'connect-stream'
  if (type.startsWith('application/json') || type.startsWith('application/proto') || req.method === 'GET') return 'connect'
  return 'http'
}

export function refuse(req: Request, res: Response, code: Code, message: string): void {
  const [name, httpStatus] = CONNECT[code] ?? ['unknown', 500]
  const headers: Record<string, string | number> = {}
  let status = 200
  let body: Buffer | undefined
  switch (protocolOf(req)) {
    case 'grpc':
    case 'grpc-web':
      // Trailers-only: the status travels in the headers.
      headers['content-type'] = req.headers['content-type'] ?? 'application/grpc'
      headers['grpc-status'] = code
      headers['grpc-message'] = encodeURIComponent(message)
      break
    case 'connect-stream': {
      headers['content-type'] = req.headers['content-type'] ?? 'application/connect+json'
      const json = Buffer.from(JSON.stringify({ error: { code: name, message } }))
      body = Buffer.alloc(5 + json.length)
      body[0] = 0b10 // end-of-stream flag
      body.writeUInt32BE(json.length, 1)
      json.copy(body, 5)
      break
    }
    case 'connect':
      status = httpStatus
      headers['content-type'] = 'application/json'
      body = Buffer.from(JSON.stringify({ code: name, message }))
      break
    case 'http':
      status = httpStatus
      headers['content-type'] = 'text/plain; charset=utf-8'
      body = Buffer.from(`${message}\n`)
  }
  if (code === Code.Unauthenticated) headers['www-authenticate'] = 'Bearer'
  if (body) headers['content-length'] = body.length
  if ('stream' in req) {
    // The stream is reset once the answer is out, so the client stops sending its body.
    res.once('finish', () => req.stream.close(http2.constants.NGHTTP2_NO_ERROR))
  } else {
    headers.connection = 'close'
    const socket = req.socket
    res.once('finish', () => setTimeout(() => socket.destroy(), H1_LINGER_MS).unref())
  }
  res.writeHead(status, headers)
  if (body) res.end(body)
  else res.end()
}
