/**
 * The request listener of one listener (UDS or TCP): authority guard, CORS, the request gate
 * (token, deadline, caps: all before any body byte), then /metrics or Connect, gRPC and gRPC-Web.
 */

import { Code, ConnectError, cors, createConnectRouter, type ConnectRouter, type Interceptor } from '@connectrpc/connect'
import {
  compressionBrotli,
  compressionGzip,
  universalRequestFromNodeRequest,
  universalResponseToNodeResponse,
  type connectNodeAdapter,
} from '@connectrpc/connect-node'
import type { IncomingHttpHeaders } from 'node:http'
import * as http2 from 'node:http2'
import type { Logger } from 'pino'
import type { TokenCheck } from './auth.js'
import { withClientFaults } from './fault-codes.js'
import type { GrpcDirect } from './grpc-direct.js'
import type { Metrics } from './metrics.js'
import { protocolOf, refuse, refuseStream } from './refuse.js'
import { beforeAuth, type RequestGate } from './request-gate.js'

export interface HandlerOptions {
  routes: (router: ConnectRouter) => void
  interceptors: Interceptor[]
  /** The hot RPCs over plain gRPC, served on the HTTP/2 stream ahead of connect-node. */
  direct: GrpcDirect
  gate: RequestGate
  /** Required on every path when set (TCP): RPCs, health and /metrics alike. */
  token: TokenCheck | undefined
  /** Allowed browser origins (exact match); none by default. */
  corsOrigins: string[]
  readMaxBytes: number
  metrics: Metrics
  log: Logger
}

/** connect-node's handler types (not exported by name). */
export type NodeHandlerFn = ReturnType<typeof connectNodeAdapter>
type Request = Parameters<NodeHandlerFn>[0]
type Response = Parameters<NodeHandlerFn>[1]

const ALLOWED_HEADERS = [...cors.allowedHeaders, 'Authorization'].join(', ')
const EXPOSED_HEADERS = cors.exposedHeaders.join(', ')
const ALLOWED_METHODS = cors.allowedMethods.join(', ')

/**
 * connect-node builds `new URL(path, "http://" + authority)` synchronously and
 * an invalid authority (grpcio over UDS sends e.g. "tmp%2Fth.sock") throws out
 * of the request listener, killing the process. The authority means nothing to
 * this daemon, so anything that is not a plain host[:port] becomes localhost.
 */
const PLAIN_AUTHORITY = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/

function normaliseAuthority(req: Request): void {
  if ('authority' in req) {
    if (!PLAIN_AUTHORITY.test(req.authority ?? '')) Object.defineProperty(req, 'authority', { value: 'localhost' })
  } else if (!PLAIN_AUTHORITY.test(req.headers.host ?? '')) {
    req.headers.host = 'localhost'
  }
}

const isPreflight = (headers: IncomingHttpHeaders, method: string | undefined, origins: string[]) =>
  method === 'OPTIONS' && headers.origin !== undefined && origins.includes(headers.origin)

function applyCors(req: Request, res: Response, origins: string[]): boolean {
  const origin = req.headers.origin
  if (!origin || !origins.includes(origin)) return false
  res.setHeader('Access-Control-Allow-Origin', origin)
  res.setHeader('Vary', 'Origin')
  res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS)
  return true
}

export interface RequestHandlers {
  /** For node's 'request' event (HTTP/1.1, and HTTP/2 through the compatibility API). */
  listener: NodeHandlerFn
  /**
   * For the HTTP/2 server's 'stream' event, ahead of the compatibility API: the gate runs on the
   * raw headers and a refused stream is answered and reset without node building request
   * objects (a flood of them then costs a fraction). Then the direct gRPC path takes what it
   * serves. False: refused or taken; true: for connect-node.
   */
  admitStream(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders): boolean
}

const ignore = () => undefined

export function createRequestHandlers(o: HandlerOptions): RequestHandlers {
  const metricsEndpoint = (res: Response) => {
    o.metrics.registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'Content-Type': o.metrics.registry.contentType })
        res.end(text)
      },
      () => {
        res.writeHead(500)
        res.end()
      },
    )
  }
  const router = createConnectRouter({
    interceptors: o.interceptors,
    readMaxBytes: o.readMaxBytes,
    acceptCompression: [compressionGzip, compressionBrotli],
  })
  o.routes(router)
  const rpcs = new Map(router.handlers.map((h) => [h.requestPath, h]))

  // HTTP/2 connections on which a stream has shown the token (or needs none).
  const authenticated = new WeakSet<http2.Http2Session>()
  const admitStream = (stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders): boolean => {
    const { session } = stream
    // A stream parsed in the same read as the one that closed its connection: nothing to answer.
    // The GOAWAY's last stream id already tells the client it was not processed. The Error node
    // emits for that reset is expected; unheard, it would reach the process as an uncaught
    // exception. CANCEL, because node builds an Error for every other reset code.
    if (!session || session.closed) {
      stream.on('error', ignore)
      if (!stream.destroyed) stream.close(http2.constants.NGHTTP2_CANCEL)
      return false
    }
    const method = headers[':method']
    if (isPreflight(headers, method, o.corsOrigins)) return true
    const refused = o.gate.admit(
      { headers, method, path: (headers[':path'] ?? '').split('?', 1)[0]!, connection: session, onClose: (f) => stream.once('close', f) },
      o.token,
    )
    if (!beforeAuth(refused)) authenticated.add(session)
    if (!refused) return !o.direct.take(stream, headers)
    refuseStream(stream, headers, refused.code, refused.message)
    if (!authenticated.has(session)) {
      // A connection that has never shown the token gets one answer, then GOAWAY: the streams it
      // has queued behind this one are not processed (ENHANCE_YOUR_CALM), so a flood of
      // unauthenticated streams costs one refusal per connection, not one per stream.
      session.goaway(http2.constants.NGHTTP2_ENHANCE_YOUR_CALM, stream.id)
      session.close()
    }
    return false
  }

  const listener: NodeHandlerFn = (req, res) => {
    try {
      normaliseAuthority(req)
      applyCors(req, res, o.corsOrigins)
      // Browsers send preflights without credentials; only listed origins get an answer.
      if (isPreflight(req.headers, req.method, o.corsOrigins)) {
        res.writeHead(204, {
          'Access-Control-Allow-Methods': ALLOWED_METHODS,
          'Access-Control-Allow-Headers': ALLOWED_HEADERS,
          'Access-Control-Max-Age': '7200',
        })
        res.end()
        return
      }
      const path = req.url?.split('?', 1)[0] ?? ''
      // HTTP/2 streams passed admitStream already.
      if (!('stream' in req)) {
        const refused = o.gate.admit(
          { headers: req.headers, method: req.method, path, connection: req.socket, onClose: (f) => res.once('close', f) },
          o.token,
        )
        if (refused) return refuse(req, res, refused.code, refused.message)
      }
      const rpc = rpcs.get(path)
      if (!rpc) {
        if (req.method === 'GET' && path === '/metrics') return metricsEndpoint(res)
        res.writeHead(404)
        res.end()
        return
      }
      if ('stream' in req) {
        // Answered before its body was read to the end (e.g. a message over the limit): reset once
        // the trailers are out (node sends them from a setImmediate queued by an earlier listener),
        // so the client stops sending. CANCEL, not NO_ERROR: node holds a NO_ERROR reset until its
        // writable side finishes, which a client that stopped reading can postpone forever.
        const { stream } = req
        stream.once('wantTrailers', () =>
          setImmediate(() => stream.closed || req.readableEnded || stream.close(http2.constants.NGHTTP2_CANCEL)),
        )
      }
      const uReq = universalRequestFromNodeRequest(req, res, undefined, undefined)
      const body = o.gate.metered(req, uReq.body as AsyncIterable<Uint8Array>)
      rpc({ ...uReq, body })
        .then((uRes) => withClientFaults(uRes, protocolOf(req.headers, req.method)))
        .then((uRes) => universalResponseToNodeResponse(uRes, res))
        .catch((reason: unknown) => {
          if (ConnectError.from(reason).code !== Code.Aborted) o.log.warn({ err: reason, url: req.url }, 'rpc failed')
        })
    } catch (e) {
      // Whatever a client sends, the daemon stays up.
      o.log.warn({ err: e, url: req.url }, 'rejected malformed request')
      if (!res.headersSent) res.writeHead(400)
      res.end()
    }
  }
  return { listener, admitStream }
}
