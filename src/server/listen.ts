/** Listeners: one port or socket speaking HTTP/1.1 and HTTP/2 (h2c), or TLS with ALPN. */

import { chmod, lstat, unlink } from 'node:fs/promises'
import * as http from 'node:http'
import * as http2 from 'node:http2'
import * as net from 'node:net'
import type { NodeHandlerFn } from './http-handler.js'

const PREFACE = Buffer.from('PRI * HTTP/2.0')

/**
 * Browsers speak HTTP/1.1 to a cleartext port and gRPC clients speak h2c, so
 * the first bytes pick the server: the HTTP/2 connection preface or not.
 */
function createCleartextServer(handler: NodeHandlerFn): { server: net.Server; h2: http2.Http2Server; h2Sockets: WeakSet<net.Socket> } {
  const h2Sockets = new WeakSet<net.Socket>()
  const h1 = http.createServer(handler)
  const h2 = http2.createServer(handler)
  const server = net.createServer((socket) => {
    let head = Buffer.alloc(0)
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk])
      const n = Math.min(head.length, PREFACE.length)
      const isH2 = head.subarray(0, n).equals(PREFACE.subarray(0, n))
      if (isH2 && n < PREFACE.length) return
      socket.off('data', onData)
      socket.pause()
      if (isH2) {
        // The http2 session picks up bytes left in the socket's buffer.
        socket.unshift(head)
        h2Sockets.add(socket)
        h2.emit('connection', socket)
      } else {
        // The http1 parser reads the handle directly; replay the sniffed bytes to it.
        h1.emit('connection', socket)
        socket.emit('data', head)
      }
    }
    socket.on('data', onData)
  })
  return { server, h2, h2Sockets }
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
  if (!st.isSocket()) throw new Error(`${path} exists and is not a socket; not removing it`)
  const alive = await new Promise<boolean>((resolve) => {
    const probe = net.connect(path)
    probe.once('connect', () => {
      probe.destroy()
      resolve(true)
    })
    probe.once('error', () => resolve(false))
  })
  if (alive) throw new Error(`another process is listening on ${path}`)
  await unlink(path)
}

export async function listenUnix(path: string, handler: NodeHandlerFn): Promise<Listener> {
  await clearStaleSocket(path)
  const { server, h2, h2Sockets } = createCleartextServer(handler)
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
  }
}

export async function listenTcp(host: string, port: number, handler: NodeHandlerFn, tls?: TlsFiles): Promise<Listener> {
  let close: (graceMs: number) => Promise<void>
  let server: net.Server
  if (tls) {
    const secure = http2.createSecureServer({ ...tls, allowHTTP1: true }, handler)
    server = secure
    close = track(secure, secure)
  } else {
    const cleartext = createCleartextServer(handler)
    server = cleartext.server
    close = track(server, cleartext.h2, cleartext.h2Sockets)
  }
  await listenOn(server, { host, port })
  const addr = server.address() as net.AddressInfo
  const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address
  return { address: `${shown}:${addr.port}`, close }
}
