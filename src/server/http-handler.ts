/**
 * The request listener of one listener (UDS or TCP): authority guard, CORS,
 * /metrics, then Connect, gRPC and gRPC-Web via connect-node.
 */

import { cors, type ConnectRouter, type Interceptor } from '@connectrpc/connect'
import { connectNodeAdapter } from '@connectrpc/connect-node'
import type { Logger } from 'pino'
import { bearerMatches } from './auth.js'
import type { Metrics } from './metrics.js'


export interface HandlerOptions {
  routes: (router: ConnectRouter) => void
  interceptors: Interceptor[]
  /** Required on /metrics and every RPC but health when set (TCP). */
  token: string | undefined
  /** Allowed browser origins; "*" allows any (the token still applies). */
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

function applyCors(req: Request, res: Response, origins: string[]): boolean {
  const origin = req.headers.origin
  if (!origin) return false
  if (!origins.includes('*') && !origins.includes(origin)) return false
  res.setHeader('Access-Control-Allow-Origin', origins.includes('*') ? '*' : origin)
  res.setHeader('Vary', 'Origin')
  res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS)
  return true
}

export function createRequestListener(o: HandlerOptions): NodeHandlerFn {
  const fallback = (req: Request, res: Response) => {
    if (req.method === 'GET' && req.url === '/metrics') {
      if (o.token !== undefined && !bearerMatches(req.headers.authorization, o.token)) {
        res.writeHead(401, { 'WWW-Authenticate': 'Bearer' })
        res.end()
        return
      }
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
      return
    }
    res.writeHead(404)
    res.end()
  }
  const connect = connectNodeAdapter({
    routes: o.routes,
    interceptors: o.interceptors,
    readMaxBytes: o.readMaxBytes,
    fallback,
  })

  return (req, res) => {
    try {
      normaliseAuthority(req)
      const corsAllowed = applyCors(req, res, o.corsOrigins)
      if (req.method === 'OPTIONS' && corsAllowed) {
        res.writeHead(204, {
          'Access-Control-Allow-Methods': ALLOWED_METHODS,
          'Access-Control-Allow-Headers': ALLOWED_HEADERS,
          'Access-Control-Max-Age': '7200',
        })
        res.end()
        return
      }
      connect(req, res)
    } catch (e) {
      // Whatever a client sends, the daemon stays up.
      o.log.warn({ err: e, url: req.url }, 'rejected malformed request')
      if (!res.headersSent) res.writeHead(400)
      res.end()
    }
  }
}
