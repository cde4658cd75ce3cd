/** Listeners: one port or socket speaking HTTP/1.1 and HTTP/2 (h2c), or TLS with ALPN. */

import { chmod, lstat, unlink } from 'node:fs/promises'
import * as http from 'node:http'
import * as http2 from 'node:http2'
import * as net from 'node:net'
import type { RequestHandlers } from './http-handler.js'
import type { ServerLimits } from './limits.js'
import type { RefusalReason } from './metrics.js'
import { TracehoundError } from '../core/index.js'
import { pacedHandoff } from './paced-handoff.js'

const PREFACE = Buffer.from('PRI * HTTP/2.0')

type Refused = (reason: RefusalReason, detail?: Record<string, unknown>, count?: number) => void

const h1Options = (l: ServerLimits): http.ServerOptions => ({
  maxHeaderSize: l.maxHeaderBytes,
  headersTimeout: l.headersTimeoutMs,
  requestTimeout: Math.max(300_000, l.headersTimeoutMs),
  // Node checks the two timeouts above on this period: keep it well under them.
  connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(l.headersTimeoutMs / 4))),
  keepAliveTimeout: Math.min(5_000, l.idleTimeoutMs),
})

const h2Options = (l: ServerLimits): http2.ServerOptions => ({
  settings: { maxConcurrentStreams: l.maxConcurrentStreams, maxHeaderListSize: l.maxHeaderBytes },
  // A header list is at most maxHeaderBytes; the session's buffers stay within a few MB.
  maxSessionMemory: 8,
  // Node ≥ 22.2: deliver " Bearer t " as HTTP/1.1 does (trimmed by the token check) instead of
  // dropping the field. Older Node drops it (RFC 9113), and the call is then unauthenticated.
  ...({ strictFieldWhitespaceValidation: false } as object),
})

/** HTTP/1.1 errors before a request exists (oversized or slow headers): answered, counted, closed. */
function onClientError(refused: Refused) {
  return (err: NodeJS.ErrnoException, socket: net.Socket | import('node:stream').Duplex) => {
    const [reason, status] =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? (['header_bytes', '431 Request Header Fields Too Large'] as const)
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? (['headers_timeout', '408 Request Timeout'] as const)
          : ([undefined, '400 Bad Request'] as const)
    if (reason) refused(reason)
    if ((socket as net.Socket).writable && !(socket as net.Socket & { _httpMessage?: unknown })._httpMessage) {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
    }
    socket.destroy()
  }
}

/** Puts the gate's stream check in front of node's compatibility layer (which builds request objects). */
function admitStreamsFirst(h2: http2.Http2Server | http2.Http2SecureServer, admit: RequestHandlers['admitStream']) {
  const compat = h2.listeners('stream') as ((...args: unknown[]) => void)[]
  h2.removeAllListeners('stream')
  h2.on('stream', function (this: unknown, stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders, ...rest: unknown[]) {
    if (!admit(stream, headers)) return
    for (const f of compat) f.call(this, stream, headers, ...rest)
  })
}

/** An HTTP/2 connection with no open stream for idleTimeoutMs is closed (GOAWAY); open streams, even quiet ones, keep it. */
function closeIdleSessions(h2: http2.Http2Server | http2.Http2SecureServer, limits: ServerLimits, refused: Refused) {
  h2.on('session', (session: http2.Http2Session) => {
    // A protocol error (garbage frames) ends that connection, and only that one.
    session.on('error', () => session.destroy())
    let open = 0
    session.on('stream', (stream: http2.ServerHttp2Stream) => {
      open++
      stream.once('close', () => open--)
    })
    session.setTimeout(limits.idleTimeoutMs, () => {
      if (open > 0) return
      refused('idle_timeout')
      session.close()
    })
  })
}

/**
 * Streams over SETTINGS_MAX_CONCURRENT_STREAMS are refused inside node's HTTP/2 layer
 * (RST_STREAM REFUSED_STREAM or ENHANCE_YOUR_CALM) and never reach JS. A client's stream ids
 * rise by two without gaps (RFC 9113 §5.1.1), so the ids its next stream skips are the ones refused.
 */
function countStreamsRefusedAtCap(h2: http2.Http2Server | http2.Http2SecureServer, refused: Refused) {
  h2.on('session', (session: http2.Http2Session) => {
    let last = -1
    session.on('stream', ({ id = last + 2 }: http2.ServerHttp2Stream) => {
      const skipped = (id - last - 2) / 2
      last = id
      if (skipped > 0) refused('concurrent_streams', undefined, skipped)
    })
  })
}

/**
 * Browsers speak HTTP/1.1 to a cleartext port and gRPC clients speak h2c, so
 * the first bytes pick the server: the HTTP/2 connection preface or not.
 */
function createCleartextServer({ handlers, limits, refused }: ServeOptions): {
  server: net.Server
  h2: http2.Http2Server
  h2Sockets: WeakSet<net.Socket>
} {
  const h2Sockets = new WeakSet<net.Socket>()
  const handler = handlers.listener
  const h1 = http.createServer(h1Options(limits), handler)
  h1.on('clientError', onClientError(refused))
  // h1 never listens (the sniffer hands it sockets), and node starts the headers/request timeout
  // checks on 'listening': without this, a slowloris is never cut.
  h1.emit('listening')
  const h2 = http2.createServer(h2Options(limits), handler)
  admitStreamsFirst(h2, handlers.admitStream)
  closeIdleSessions(h2, limits, refused)
  countStreamsRefusedAtCap(h2, refused)
  const handOff = pacedHandoff()
  const server = net.createServer((socket) => {
    const onError = () => socket.destroy()
    socket.on('error', onError)
    // A connection that sends nothing costs a socket; it gets firstByteTimeoutMs.
    socket.setTimeout(limits.firstByteTimeoutMs, () => {
      refused('first_byte_timeout')
      socket.destroy()
    })
    let head = Buffer.alloc(0)
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk])
      const n = Math.min(head.length, PREFACE.length)
      const isH2 = head.subarray(0, n).equals(PREFACE.subarray(0, n))
      if (isH2 && n < PREFACE.length) return
      socket.off('data', onData)
      socket.setTimeout(0)
      socket.pause()
      if (isH2) {
        // The http2 session picks up bytes left in the socket's buffer.
        socket.unshift(head)
        h2Sockets.add(socket)
        handOff(() => {
          socket.off('error', onError)
          if (!socket.destroyed) h2.emit('connection', socket)
        })
      } else {
        socket.off('error', onError)
        // The http1 parser reads the handle directly; replay the sniffed bytes to it.
        h1.emit('connection', socket)
        socket.emit('data', head)
      }
    }
    socket.on('data', onData)
  })
  limitConnections(server, limits, refused)
  // Stops h1's timeout checks with the listener.
  server.once('close', () => h1.close())
  return { server, h2, h2Sockets }
}

function limitConnections(server: net.Server, limits: ServerLimits, refused: Refused) {
  server.maxConnections = limits.maxConnections
  server.on('drop', () => refused('max_connections'))
}

export interface TlsFiles {
  key: Buffer
  cert: Buffer
}

export interface Listener {
  /** "unix:/path" or "host:port". */
  address: string
  /** Stops accepting, lets in-flight calls finish for graceMs, then cuts the rest. */
  close(graceMs: number): Promise<void>
  /** Re-reads the reloadable limits kept outside the shared limits object (the accept cap). */
  limitsChanged(): void
}

function track(server: net.Server, h2: http2.Http2Server | http2.Http2SecureServer, h2Sockets = new WeakSet<net.Socket>()) {
  const sockets = new Set<net.Socket>()
  const sessions = new Set<http2.Http2Session>()
  server.on('connection', (s: net.Socket) => {
    sockets.add(s)
    s.once('close', () => sockets.delete(s))
  })
  h2?.on('session', (s: http2.Http2Session) => {
    sessions.add(s)
    s.once('close', () => sessions.delete(s))
  })
  return async (graceMs: number) => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    // GOAWAY: clients stop opening streams, open ones run to completion.
    for (const s of sessions) s.close()
    // Idle HTTP/1.1 keep-alive connections would otherwise hold the server open.
    for (const s of sockets) if (!h2Sockets.has(s) && !(s as net.Socket & { _httpMessage?: unknown })._httpMessage) s.end()
    const timer = setTimeout(() => {
      for (const s of sockets) s.destroy()
    }, graceMs)
    await closed
    clearTimeout(timer)
  }
}

async function listenOn(server: net.Server, target: { path: string } | { host: string; port: number }) {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(target, () => {
      server.off('error', reject)
      resolve()
    })
  })
}

/** Removes a socket file left by a dead daemon; refuses if something still answers on it. */
async function clearStaleSocket(path: string): Promise<void> {
  const st = await lstat(path).catch(() => undefined)
  if (!st) return
  if (!st.isSocket()) throw new TracehoundError('SERVER_SOCKET_UNSAFE', `${path} exists and is not a socket; not removing it`)
  const alive = await new Promise<boolean>((resolve) => {
    const probe = net.connect(path)
    probe.once('connect', () => {
      probe.destroy()
      resolve(true)
    })
    probe.once('error', () => resolve(false))
  })
  if (alive) throw new TracehoundError('SERVER_SOCKET_IN_USE', `another process is listening on ${path}`)
  await unlink(path)
}

/** What every listener needs besides its address. */
export interface ServeOptions {
  handlers: RequestHandlers
  limits: ServerLimits
  refused: Refused
}

export async function listenUnix(path: string, serve: ServeOptions): Promise<Listener> {
  await clearStaleSocket(path)
  const { server, h2, h2Sockets } = createCleartextServer(serve)
  const close = track(server, h2, h2Sockets)
  // Created 0600 from the start: no window in which others could connect.
  const umask = process.umask(0o177)
  try {
    await listenOn(server, { path })
  } finally {
    process.umask(umask)
  }
  await chmod(path, 0o600)
  return {
    address: `unix:${path}`,
    async close(graceMs) {
      await close(graceMs)
      await unlink(path).catch(() => undefined)
    },
    limitsChanged: () => (server.maxConnections = serve.limits.maxConnections),
  }
}

export async function listenTcp(host: string, port: number, serve: ServeOptions, tls?: TlsFiles): Promise<Listener> {
  const { handlers, limits, refused } = serve
  let close: (graceMs: number) => Promise<void>
  let server: net.Server
  if (tls) {
    const secure = http2.createSecureServer(
      { ...tls, ...h2Options(limits), allowHTTP1: true, handshakeTimeout: limits.firstByteTimeoutMs },
      handlers.listener,
    )
    // The HTTP/1.1 fallback (ALPN http/1.1) is node's HTTP/1.1 server code reading these from the
    // server object, as http.Server does; its timeout checks start on 'listening', below.
    Object.assign(secure, h1Options(limits))
    secure.on('clientError', onClientError(refused))
    admitStreamsFirst(secure, handlers.admitStream)
    closeIdleSessions(secure, limits, refused)
    countStreamsRefusedAtCap(secure, refused)
    limitConnections(secure, limits, refused)
    server = secure
    close = track(secure, secure)
  } else {
    const cleartext = createCleartextServer(serve)
    server = cleartext.server
    close = track(server, cleartext.h2, cleartext.h2Sockets)
  }
  await listenOn(server, { host, port })
  const addr = server.address() as net.AddressInfo
  const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address
  return { address: `${shown}:${addr.port}`, close, limitsChanged: () => (server.maxConnections = limits.maxConnections) }
}
