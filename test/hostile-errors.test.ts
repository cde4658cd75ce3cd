/**
 * Hostile clients, malformed input: each fault gets the documented status, the same over gRPC,
 * gRPC-Web and Connect; the daemon stays up and an authenticated Intercept succeeds right after.
 */

import * as net from 'node:net'
import { Code } from '@connectrpc/connect'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningDaemon, startDaemonProcess } from './daemon-harness.js'
import {
  AUTH,
  expectServing,
  frame,
  grpcWebStatus,
  h1Request,
  h2Request,
  INTERCEPT,
  interceptRequest,
  portOf,
  TOKEN,
  untilClosed,
} from './hostile-client.js'

let d: RunningDaemon
const MAX_MESSAGE = 64 * 1024

beforeAll(async () => {
  d = await startDaemonProcess(['--tcp', '127.0.0.1:0', '--memory', '--max-message-bytes', String(MAX_MESSAGE)], {
    TRACEHOUND_TOKEN: TOKEN,
  })
  // A daemon start on a loaded machine can take longer than the default hook timeout.
}, 60_000)
afterAll(async () => {
  await d?.stop()
})

const tcp = () => net.connect(portOf(d), '127.0.0.1')

/** A string field (Scent.id) holding bytes that are not UTF-8. */
const INVALID_UTF8 = Buffer.from([0x0a, 0x09, 0x0a, 0x03, 0xc3, 0x28, 0xff, 0x1a, 0x02, 0x73, 0x73])
const RANDOM = Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x99, 0x01, 0x33])

/** google.protobuf.Value nested `levels` list levels deep, in Scent.payload. */
function deepPayload(levels: number): Buffer {
  const field = (no: number, b: Buffer) => Buffer.concat([Buffer.from([(no << 3) | 2]), varint(b.length), b])
  let v = Buffer.from([0x08, 0x00])
  for (let i = 0; i < levels; i++) v = field(6, field(1, v))
  return field(1, Buffer.concat([field(1, Buffer.from('deep')), field(2, v), field(3, Buffer.from('s'))]))
}
function varint(n: number) {
  const out: number[] = []
  for (; n > 127; n >>>= 7) out.push((n & 127) | 128)
  out.push(n)
  return Buffer.from(out)
}

/** The status of one message over each protocol: gRPC, gRPC-Web (HTTP/1.1), Connect unary (HTTP/1.1). */
async function overEveryProtocol(message: Uint8Array, headers: Record<string, string> = {}) {
  const grpc = await h2Request(tcp, { ':path': INTERCEPT, ...AUTH, ...headers }, frame(message))
  const web = await h1Request(portOf(d), {
    path: INTERCEPT,
    headers: { 'content-type': 'application/grpc-web+proto', ...AUTH, ...headers },
    body: frame(message),
  })
  const connect = await h1Request(portOf(d), {
    path: INTERCEPT,
    headers: { 'content-type': 'application/proto', ...AUTH, ...headers },
    body: message,
  })
  const connectError = connect.status === 200 ? undefined : (JSON.parse(connect.body.toString()) as { code: string; message: string })
  return {
    grpc: grpc.grpcStatus,
    grpcMessage: grpc.grpcMessage,
    web: grpcWebStatus(web),
    connect: connect.status,
    connectCode: connectError?.code,
  }
}

describe('malformed messages: INVALID_ARGUMENT with a reason on every protocol', () => {
  it.each([
    ['random bytes', RANDOM, /parse binary: illegal tag/],
    ['invalid UTF-8 in a string field', INVALID_UTF8, /parse binary: .*utf-8/i],
    // Field 2 (the old google.protobuf.Value payload) is no longer decoded: its nesting costs nothing and it is refused by name.
    [
      'nesting past the decoder limit, in the retired Value payload',
      deepPayload(120),
      /scent.payload as google.protobuf.Value is no longer read/,
    ],
  ])('%s', async (_, message, reason) => {
    const r = await overEveryProtocol(message)
    expect(r).toMatchObject({
      grpc: String(Code.InvalidArgument),
      web: String(Code.InvalidArgument),
      connect: 400,
      connectCode: 'invalid_argument',
    })
    expect(r.grpcMessage).toMatch(reason)
    await expectServing(d)
  })

  it('a malformed message on a Connect stream: the end-of-stream error says invalid_argument', async () => {
    const a = await h2Request(
      tcp,
      { ':path': '/tracehound.v1.TracehoundService/InterceptStream', 'content-type': 'application/connect+proto', ...AUTH },
      frame(RANDOM),
    )
    expect(a.status).toBe('200')
    expect(a.body[0]! & 0b10).toBe(0b10)
    expect(JSON.parse(a.body.subarray(5).toString())).toMatchObject({
      error: { code: 'invalid_argument', message: expect.stringMatching(/^parse binary: /) },
    })
    const grpc = await h2Request(tcp, { ':path': '/tracehound.v1.TracehoundService/InterceptStream', ...AUTH }, frame(RANDOM))
    expect(grpc.grpcStatus).toBe(String(Code.InvalidArgument))
    await expectServing(d)
  })

  it('two messages on a unary call', async () => {
    const two = Buffer.concat([frame(interceptRequest()), frame(interceptRequest())])
    const grpc = await h2Request(tcp, { ':path': INTERCEPT, ...AUTH }, two)
    expect(grpc.grpcStatus).toBe(String(Code.InvalidArgument))
    expect(grpc.grpcMessage).toMatch(/extra input message/)
    const web = await h1Request(portOf(d), {
      path: INTERCEPT,
      headers: { 'content-type': 'application/grpc-web+proto', ...AUTH },
      body: two,
    })
    expect(grpcWebStatus(web)).toBe(String(Code.InvalidArgument))
    await expectServing(d)
  })

  it('no message on a unary call', async () => {
    const grpc = await h2Request(tcp, { ':path': INTERCEPT, ...AUTH }, new Uint8Array())
    expect(grpc.grpcStatus).toBe(String(Code.InvalidArgument))
    await expectServing(d)
  })

  it('a truncated envelope and one declaring more than the limit', async () => {
    const truncated = await h2Request(tcp, { ':path': INTERCEPT, ...AUTH }, frame(interceptRequest()).subarray(0, 7))
    expect(truncated.grpcStatus).toBe(String(Code.InvalidArgument))
    const header = Buffer.alloc(5)
    header.writeUInt32BE(MAX_MESSAGE + 1, 1)
    const declared = await h2Request(tcp, { ':path': INTERCEPT, ...AUTH }, header)
    expect(declared.grpcStatus).toBe(String(Code.ResourceExhausted))
    await expectServing(d)
  })

  it('garbage instead of HTTP/2 frames after the preface closes that connection only', async () => {
    const socket = tcp()
    const closed = untilClosed(socket)
    socket.write('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n')
    socket.write(Buffer.alloc(64, 0xee))
    // The server's SETTINGS, then GOAWAY (type 7) with PROTOCOL_ERROR, then the close.
    const bytes = Buffer.from(await closed, 'latin1')
    const types: number[] = []
    for (let i = 0; i + 9 <= bytes.length; i += 9 + bytes.readUIntBE(i, 3)) types.push(bytes[i + 3]!)
    expect(types).toEqual([4, 7])
    await expectServing(d)
  })
})

describe('deadlines: zero or negative → DEADLINE_EXCEEDED without running the call', () => {
  const intercepts = async () => {
    const res = await fetch(`http://${d.tcp}/tracehound.v1.TracehoundService/GetStats`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: '{}',
    })
    return Number(((await res.json()) as { agent: { totalIntercepts?: string } }).agent.totalIntercepts ?? 0)
  }

  it.each([
    ['grpc-timeout: 0n', { 'grpc-timeout': '0n' }, { 'connect-timeout-ms': '0' }],
    ['grpc-timeout: 0S', { 'grpc-timeout': '0S' }, { 'connect-timeout-ms': '-0' }],
    ['a negative deadline', { 'grpc-timeout': '-5m' }, { 'connect-timeout-ms': '-5' }],
  ])('%s', async (_, grpcHeader, connectHeader) => {
    const before = await intercepts()
    const grpc = await h2Request(tcp, { ':path': INTERCEPT, ...AUTH, ...grpcHeader }, frame(interceptRequest()))
    expect(grpc.grpcStatus).toBe(String(Code.DeadlineExceeded))
    const web = await h1Request(portOf(d), {
      path: INTERCEPT,
      headers: { 'content-type': 'application/grpc-web+proto', ...AUTH, ...grpcHeader },
      body: frame(interceptRequest()),
    })
    expect(grpcWebStatus(web)).toBe(String(Code.DeadlineExceeded))
    const connect = await h1Request(portOf(d), {
      path: INTERCEPT,
      headers: { 'content-type': 'application/proto', ...AUTH, ...connectHeader },
      body: interceptRequest(),
    })
    expect(connect.status).toBe(504)
    expect(JSON.parse(connect.body.toString())).toMatchObject({ code: 'deadline_exceeded' })
    expect(await intercepts()).toBe(before)
    await expectServing(d)
  })
})
