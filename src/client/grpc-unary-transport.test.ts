import { create, toBinary } from '@bufbuild/protobuf'
import { Code, ConnectError, createClient, type Transport } from '@connectrpc/connect'
import { encodeEnvelope } from '@connectrpc/connect/protocol'
import { Http2SessionManager } from '@connectrpc/connect-node'
import * as http2 from 'node:http2'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { GetTreeHeadResponseSchema, TracehoundService } from '../gen/tracehound/v1/tracehound_service_pb.js'
import { createGrpcUnaryTransport } from './grpc-unary-transport.js'

type Answer = (stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders) => void

const HEAD = toBinary(GetTreeHeadResponseSchema, create(GetTreeHeadResponseSchema, { treeHead: { treeSize: 7n, rootHash: 'ab' } }))
const envelope = (b: Uint8Array) => encodeEnvelope(0, b)
const ok: Answer = (s) => {
  s.respond({ ':status': 200, 'content-type': 'application/grpc+proto' }, { waitForTrailers: true })
  s.once('wantTrailers', () => s.sendTrailers({ 'grpc-status': '0' }))
  s.end(envelope(HEAD))
}

const cleanup: (() => void)[] = []
afterEach(() => {
  for (const f of cleanup.splice(0)) f()
})

async function serve(answer: Answer, token?: string) {
  const seen: http2.IncomingHttpHeaders[] = []
  const server = http2.createServer()
  server.on('stream', (s, h) => {
    seen.push(h)
    s.on('error', () => undefined)
    s.resume()
    s.once('end', () => answer(s, h))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const sessionManager = new Http2SessionManager(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)
  const streams = {} as Transport
  const client = createClient(TracehoundService, createGrpcUnaryTransport({ sessionManager, streams, ...(token && { token }) }))
  cleanup.push(() => {
    sessionManager.abort()
    server.close()
  })
  return { client, seen }
}

const failure = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(e).toBeInstanceOf(ConnectError)
  return e as ConnectError
}

describe('grpc unary transport', () => {
  it('sends one enveloped message with the gRPC headers, the token and the deadline; decodes the answer', async () => {
    const { client, seen } = await serve(ok, 'secret-token-0123456789')
    const res = await client.getTreeHead({}, { timeoutMs: 2500, headers: { 'x-extra': '1' } })
    expect(res.treeHead?.treeSize).toBe(7n)
    expect(seen[0]).toMatchObject({
      ':method': 'POST',
      ':path': '/tracehound.v1.TracehoundService/GetTreeHead',
      'content-type': 'application/grpc+proto',
      te: 'trailers',
      authorization: 'Bearer secret-token-0123456789',
      'grpc-timeout': '2500m',
      'x-extra': '1',
    })
  })

  it('reports a status from the trailers, or from the headers of a trailers-only answer, with its message', async () => {
    const trailers: Answer = (s) => {
      s.respond({ ':status': 200, 'content-type': 'application/grpc+proto' }, { waitForTrailers: true })
      s.once('wantTrailers', () => s.sendTrailers({ 'grpc-status': String(Code.OutOfRange), 'grpc-message': 'leaf%20index%205' }))
      s.end()
    }
    const only: Answer = (s) =>
      s.respond(
        { ':status': 200, 'content-type': 'application/grpc+proto', 'grpc-status': String(Code.Unauthenticated), 'grpc-message': 'no' },
        { endStream: true },
      )
    const a = await failure((await serve(trailers)).client.getTreeHead({}))
    expect([a.code, a.rawMessage]).toEqual([Code.OutOfRange, 'leaf index 5'])
    const b = await failure((await serve(only)).client.getTreeHead({}))
    expect([b.code, b.rawMessage]).toEqual([Code.Unauthenticated, 'no'])
  })

  it('maps an HTTP status, a reset and a refused connection as connect-node does', async () => {
    const http503: Answer = (s) => s.respond({ ':status': 503 }, { endStream: true })
    expect((await failure((await serve(http503)).client.getTreeHead({}))).code).toBe(Code.Unavailable)
    const reset: Answer = (s) => s.close(http2.constants.NGHTTP2_REFUSED_STREAM)
    expect((await failure((await serve(reset)).client.getTreeHead({}))).code).toBe(Code.Unavailable)
    const calm: Answer = (s) => s.close(http2.constants.NGHTTP2_ENHANCE_YOUR_CALM)
    expect((await failure((await serve(calm)).client.getTreeHead({}))).code).toBe(Code.ResourceExhausted)
    const nowhere = createClient(
      TracehoundService,
      createGrpcUnaryTransport({ sessionManager: new Http2SessionManager('http://127.0.0.1:1'), streams: {} as Transport }),
    )
    expect((await failure(nowhere.getTreeHead({}))).code).toBe(Code.Unavailable)
  })

  it('a deadline that passes and an abort end the call, with their codes', async () => {
    const never: Answer = () => undefined
    const { client } = await serve(never)
    expect((await failure(client.getTreeHead({}, { timeoutMs: 50 }))).code).toBe(Code.DeadlineExceeded)
    const abort = new AbortController()
    const pending = failure(client.getTreeHead({}, { signal: abort.signal }))
    abort.abort()
    expect((await pending).code).toBe(Code.Canceled)
  })

  it('refuses an answer that is not exactly one uncompressed message', async () => {
    const two: Answer = (s) => {
      s.respond({ ':status': 200, 'content-type': 'application/grpc+proto' }, { waitForTrailers: true })
      s.once('wantTrailers', () => s.sendTrailers({ 'grpc-status': '0' }))
      s.end(Buffer.concat([envelope(HEAD), envelope(HEAD)]))
    }
    const none: Answer = (s) => {
      s.respond({ ':status': 200, 'content-type': 'application/grpc+proto' }, { waitForTrailers: true })
      s.once('wantTrailers', () => s.sendTrailers({ 'grpc-status': '0' }))
      s.end()
    }
    expect((await failure((await serve(two)).client.getTreeHead({}))).code).toBe(Code.Unimplemented)
    expect((await failure((await serve(none)).client.getTreeHead({}))).code).toBe(Code.Unimplemented)
  })
})
