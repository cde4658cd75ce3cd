/** Raw HTTP/1.1 and HTTP/2 clients for the hostile suites: they send what no well-behaved client would. */

import * as http from 'node:http'
import * as http2 from 'node:http2'
import type * as net from 'node:net'
import { create, toBinary } from '@bufbuild/protobuf'
import { expect } from 'vitest'
import { createTracehoundClient } from '../src/client/index.js'
import { InterceptRequestSchema } from '../src/gen/tracehound/v1/tracehound_service_pb.js'
import type { RunningDaemon } from './daemon-harness.js'

export const TOKEN = 'hostile-token-0123456789abcdef'
export const INTERCEPT = '/tracehound.v1.TracehoundService/Intercept'
export const WATCH = '/grpc.health.v1.Health/Watch'
export const AUTH = { authorization: `Bearer ${TOKEN}` }

export const portOf = (d: RunningDaemon) => Number(d.tcp!.split(':').pop())

/** A gRPC length-prefixed message. */
export function frame(message: Uint8Array, flags = 0): Buffer {
  const out = Buffer.alloc(5 + message.length)
  out[0] = flags
  out.writeUInt32BE(message.length, 1)
  out.set(message, 5)
  return out
}

let seq = 0
/** A valid InterceptRequest in binary. */
export const interceptRequest = (source = 'hostile') =>
  toBinary(InterceptRequestSchema, create(InterceptRequestSchema, { scent: { id: `h${seq++}`, source, timestampMs: 1n } }))

export interface H2Answer {
  /** HTTP status, "reset" when the stream was reset before any response. */
  status: string
  /** From the headers (trailers-only) or the trailers. */
  grpcStatus: string | undefined
  grpcMessage: string
  rstCode: number
  body: Buffer
  /** As received (empty when the stream was reset first). */
  headers: http2.IncomingHttpHeaders
  trailers: http2.IncomingHttpHeaders
}

/** One request on its own h2c connection, its body written in the pieces given; resolves when the stream closes. */
export function h2Request(
  connectTo: () => net.Socket,
  headers: http2.OutgoingHttpHeaders,
  body: Uint8Array | readonly Uint8Array[] = [],
  { end = true }: { end?: boolean } = {},
): Promise<H2Answer> {
  return new Promise((resolve) => {
    const session = http2.connect('http://localhost', { createConnection: connectTo })
    session.on('error', () => undefined)
    const stream = session.request({ ':method': 'POST', 'content-type': 'application/grpc', te: 'trailers', ...headers })
    const answer: H2Answer = {
      status: 'reset',
      grpcStatus: undefined,
      grpcMessage: '',
      rstCode: 0,
      body: Buffer.alloc(0),
      headers: {},
      trailers: {},
    }
    const take = (h: http2.IncomingHttpHeaders) => {
      if (h[':status'] !== undefined) answer.status = String(h[':status'])
      if (h['grpc-status'] !== undefined) {
        answer.grpcStatus = String(h['grpc-status'])
        answer.grpcMessage = decodeURIComponent(String(h['grpc-message'] ?? ''))
      }
    }
    stream.on('response', (h) => take((answer.headers = h)))
    stream.on('trailers', (t) => take((answer.trailers = t)))
    stream.on('data', (c: Buffer) => (answer.body = Buffer.concat([answer.body, c])))
    stream.on('error', () => undefined)
    stream.on('close', () => {
      answer.rstCode = stream.rstCode ?? 0
      session.destroy()
      resolve(answer)
    })
    for (const piece of body instanceof Uint8Array ? [body] : body) stream.write(piece)
    if (end) stream.end()
  })
}

export interface H1Answer {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

/** One HTTP/1.1 request on its own connection. */
export function h1Request(
  port: number,
  init: { method?: string; path: string; headers?: http.OutgoingHttpHeaders; body?: Uint8Array | string },
): Promise<H1Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: init.method ?? 'POST',
      path: init.path,
      headers: init.headers,
      agent: false,
    })
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end(init.body)
  })
}

/** The trailer of a gRPC-Web response body (the envelope with flag 0x80). */
export function grpcWebStatus(a: H1Answer): string | undefined {
  if (a.headers['grpc-status'] !== undefined) return String(a.headers['grpc-status'])
  for (let i = 0; i + 5 <= a.body.length; ) {
    const len = a.body.readUInt32BE(i + 1)
    if (a.body[i]! & 0x80) return /grpc-status:\s*(\d+)/i.exec(a.body.subarray(i + 5, i + 5 + len).toString())?.[1]
    i += 5 + len
  }
  return undefined
}

/** Resolves when the socket closes, with whatever it received. */
export function untilClosed(socket: net.Socket): Promise<string> {
  let text = ''
  socket.on('data', (c: Buffer) => (text += c.toString('latin1')))
  socket.on('error', () => undefined)
  return new Promise((resolve) => socket.once('close', () => resolve(text)))
}

/** The daemon process is up and an authenticated Intercept over a new TCP connection is judged. */
export async function expectServing(d: RunningDaemon): Promise<void> {
  expect(d.child.exitCode).toBeNull()
  const c = createTracehoundClient({
    baseUrl: `http://${d.tcp}`,
    token: TOKEN,
    timeoutMs: 20_000,
    callTimeoutMs: 20_000,
    failMode: 'closed',
  })
  try {
    expect(await c.intercept({ id: `alive-${seq++}`, payload: 1, source: 'alive', timestamp: 1 })).toEqual({ status: 'clean' })
  } finally {
    c.close()
  }
}

/** tracehound_refused_total for one reason, read from /metrics with the token. */
export async function refusedCount(d: RunningDaemon, reason: string): Promise<number> {
  const text = await (await fetch(`http://${d.tcp}/metrics`, { headers: AUTH })).text()
  return Number(new RegExp(`^tracehound_refused_total\\{reason="${reason}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0)
}
