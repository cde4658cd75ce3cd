import { create, fromBinary, toBinary } from '@bufbuild/protobuf'
import { createValidator } from '@bufbuild/protovalidate'
import { Code, ConnectError } from '@connectrpc/connect'
import * as http2 from 'node:http2'
import * as net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import {
  InterceptRequestSchema,
  InterceptStreamRequestSchema,
  InterceptStreamResponseSchema,
  TracehoundService,
} from '../gen/tracehound/v1/tracehound_service_pb.js'
import { bidi, createGrpcDirect, type DirectBidi, unary } from './grpc-direct.js'
import { RequestGate } from './request-gate.js'
import { frame, type H2Answer, h2Request } from '../../test/hostile-client.js'

const INTERCEPT = '/tracehound.v1.TracehoundService/Intercept'
const STREAM = '/tracehound.v1.TracehoundService/InterceptStream'
const MAX = 1024

const interceptBytes = (id = 'a') => toBinary(InterceptRequestSchema, create(InterceptRequestSchema, { scent: { id, source: 's' } }))

function deferred<T>() {
  let resolve!: (v: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

interface Served {
  port: number
  gate: RequestGate
  observed: string[]
  /** Paths connect-node would have got (the direct path declined them). */
  declined: string[]
  close(): Promise<void>
}

const open: Served[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()))
})

type StreamBidi = DirectBidi<typeof InterceptStreamRequestSchema, typeof InterceptStreamResponseSchema>

async function serve(handler: (id: string) => unknown, stream: Partial<StreamBidi> = {}): Promise<Served> {
  const gate = new RequestGate({
    limits: { inFlightBytes: 64 * MAX, serverStreams: 1, serverStreamsPerConnection: 1, maxHeaderBytes: 8192 },
    readMaxBytes: MAX,
    refused: () => undefined,
  })
  const observed: string[] = []
  const declined: string[] = []
  const direct = createGrpcDirect({
    unary: [unary(TracehoundService.method.intercept, (req) => handler(req.scent!.id) as never)],
    bidi: [
      bidi({
        method: TracehoundService.method.interceptStream,
        answer: (req) => ({
          requestId: req.requestId,
          verdicts: req.scents.map(() => ({ outcome: { case: 'clean' as const, value: {} } })),
        }),
        maxPending: 4,
        closing: new AbortController().signal,
        ...stream,
      }),
    ],
    validator: createValidator(),
    gate,
    readMaxBytes: MAX,
    observe: (method, code) => observed.push(`${method} ${code}`),
  })
  const server = http2.createServer()
  server.on('stream', (s, headers) => {
    if (direct.take(s, headers)) return
    declined.push(String(headers[':path']))
    s.respond({ ':status': 404 }, { endStream: true })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const served: Served = {
    port: (server.address() as net.AddressInfo).port,
    gate,
    observed,
    declined,
    close: () => new Promise((r) => server.close(() => r())),
  }
  open.push(served)
  return served
}

/** One call to the served handler, on a connection of its own. */
const call = (s: Served, headers: http2.OutgoingHttpHeaders, body: Buffer[], options?: { end?: boolean }) =>
  h2Request(() => net.connect(s.port, '127.0.0.1'), headers, body, options)

const status = (a: H2Answer) => [a.trailers['grpc-status'], decodeURIComponent(String(a.trailers['grpc-message'] ?? ''))]
const clean = () => ({ verdict: { outcome: { case: 'clean', value: {} } } })

describe('grpc-direct: unary', () => {
  it('answers a plain gRPC call: headers, one message, OK trailers; the call is observed', async () => {
    const s = await serve(clean)
    const a = await call(s, { ':path': INTERCEPT }, [frame(interceptBytes())])
    expect(a.headers[':status']).toBe(200)
    expect(a.headers['content-type']).toBe('application/grpc+proto')
    expect(a.trailers['grpc-status']).toBe('0')
    expect(a.body.readUInt32BE(1)).toBe(a.body.length - 5)
    expect(s.observed).toEqual(['Intercept ok'])
    expect(s.gate.inFlightBytes).toBe(0)
  })

  it('leaves to connect-node what it does not serve plainly', async () => {
    const s = await serve(clean)
    const cases: http2.OutgoingHttpHeaders[] = [
      { ':path': INTERCEPT, 'content-type': 'application/grpc-web+proto' },
      { ':path': INTERCEPT, 'content-type': 'application/proto' },
      { ':path': INTERCEPT, 'content-type': 'application/grpc+json' },
      { ':path': INTERCEPT, 'grpc-encoding': 'gzip' },
      { ':path': INTERCEPT, 'grpc-timeout': '1.5S' },
      { ':path': INTERCEPT, origin: 'https://example.test' },
      { ':path': '/tracehound.v1.TracehoundService/Nope' },
      { ':path': INTERCEPT, ':method': 'GET' },
    ]
    for (const h of cases) expect((await call(s, h, [])).headers[':status']).toBe(404)
    expect(s.declined).toHaveLength(cases.length)
    // identity is no compression; a well-formed timeout is fine.
    const a = await call(s, { ':path': INTERCEPT, 'grpc-encoding': 'identity', 'grpc-timeout': '5S' }, [frame(interceptBytes())])
    expect(a.trailers['grpc-status']).toBe('0')
  })

  it('answers malformed calls as the daemon answers them over connect-node', async () => {
    const s = await serve(clean)
    const cases: [Buffer[], number, RegExp][] = [
      [[], Code.InvalidArgument, /^protocol error: missing input message for unary method$/],
      [[frame(interceptBytes()), frame(interceptBytes())], Code.InvalidArgument, /^protocol error: received extra input message/],
      [[frame(interceptBytes()).subarray(0, 7)], Code.InvalidArgument, /^protocol error: incomplete envelope$/],
      [[frame(Buffer.from([0xff]))], Code.InvalidArgument, /^parse binary: /],
      [[frame(interceptBytes(), 1)], Code.Internal, /^received compressed envelope/],
      [[frame(toBinary(InterceptRequestSchema, create(InterceptRequestSchema, {})))], Code.InvalidArgument, /^scent: value is required/],
    ]
    for (const [body, code, message] of cases) {
      const a = await call(s, { ':path': INTERCEPT }, body)
      expect(a.headers[':status']).toBe(200)
      const [got, text] = status(a)
      expect(got).toBe(String(code))
      expect(text).toMatch(message)
    }
    // The validation error carries protovalidate's violations, as the validate interceptor sends them.
    const invalid = await call(s, { ':path': INTERCEPT }, [frame(toBinary(InterceptRequestSchema, create(InterceptRequestSchema, {})))])
    expect(invalid.trailers['grpc-status-details-bin']).toBeTruthy()
    expect(s.gate.inFlightBytes).toBe(0)
  })

  it('refuses a message declared over the limit before its body arrives, and resets the stream', async () => {
    const s = await serve(clean)
    const head = Buffer.from([0, 0, 0, 0x10, 0]) // 4096 bytes declared
    const a = await call(s, { ':path': INTERCEPT }, [head], { end: false })
    expect(status(a)).toEqual([String(Code.ResourceExhausted), `message size 4096 is larger than configured readMaxBytes ${MAX}`])
    expect(a.rstCode).toBe(http2.constants.NGHTTP2_CANCEL)
    expect(s.gate.inFlightBytes).toBe(0)
  })

  it('holds request bytes against the in-flight budget and gives them back when the client vanishes', async () => {
    const s = await serve(clean)
    const session = http2.connect(`http://127.0.0.1:${s.port}`)
    const stream = session.request({ ':method': 'POST', ':path': INTERCEPT, 'content-type': 'application/grpc' })
    stream.on('error', () => undefined)
    const partial = frame(Buffer.alloc(900)).subarray(0, 600)
    stream.write(partial)
    await expect.poll(() => s.gate.inFlightBytes).toBe(600)
    // The connection is gone mid-message (node's stream.close() would end the body first).
    session.destroy()
    await expect.poll(() => s.gate.inFlightBytes).toBe(0)
    // Node ends the stream's readable side as the connection goes, so the call may count as
    // incomplete instead of canceled: either way it is counted once.
    expect(s.observed).toHaveLength(1)
  })

  it('reports what the handler throws or rejects with, and waits for a reply that is a promise', async () => {
    const later = deferred<ReturnType<typeof clean>>()
    const s = await serve((id) => {
      if (id === 'throw') throw new ConnectError('writes refused: test', Code.FailedPrecondition)
      if (id === 'reject') return Promise.reject(new Error('disk gone'))
      return later.promise
    })
    expect(status(await call(s, { ':path': INTERCEPT }, [frame(interceptBytes('throw'))]))).toEqual([
      String(Code.FailedPrecondition),
      'writes refused: test',
    ])
    // A plain Error is UNKNOWN, as connect-node reports it.
    expect(status(await call(s, { ':path': INTERCEPT }, [frame(interceptBytes('reject'))]))).toEqual([String(Code.Unknown), 'disk gone'])
    const pending = call(s, { ':path': INTERCEPT }, [frame(interceptBytes('wait'))])
    await expect.poll(() => s.gate.inFlightBytes).toBe(0)
    later.resolve(clean())
    expect((await pending).trailers['grpc-status']).toBe('0')
    expect(s.observed).toEqual(['Intercept FailedPrecondition', 'Intercept Unknown', 'Intercept ok'])
  })
})

describe('grpc-direct: InterceptStream', () => {
  const request = (requestId: number, scents = 1, id = 's') =>
    frame(
      toBinary(
        InterceptStreamRequestSchema,
        create(InterceptStreamRequestSchema, { requestId: BigInt(requestId), scents: Array.from({ length: scents }, () => ({ id })) }),
      ),
    )
  const responses = (body: Buffer) => {
    const out: bigint[] = []
    for (let i = 0; i < body.length; ) {
      const n = body.readUInt32BE(i + 1)
      out.push(fromBinary(InterceptStreamResponseSchema, body.subarray(i + 5, i + 5 + n)).requestId)
      i += 5 + n
    }
    return out
  }

  it('answers in request order when later answers settle first, then ends with OK', async () => {
    const waits = [deferred<void>(), deferred<void>()]
    const s = await serve(clean, {
      answer: (req) => {
        const i = Number(req.requestId)
        const reply = { requestId: req.requestId, verdicts: [] }
        return i < 2 ? waits[i]!.promise.then(() => reply) : reply
      },
    })
    const done = call(s, { ':path': STREAM }, [Buffer.concat([request(0), request(1), request(2), request(3)])])
    waits[1]!.resolve()
    waits[0]!.resolve()
    const a = await done
    expect(a.trailers['grpc-status']).toBe('0')
    expect(responses(a.body)).toEqual([0n, 1n, 2n, 3n])
    expect(s.gate.inFlightBytes).toBe(0)
  })

  it('a message split across DATA frames is read whole', async () => {
    const s = await serve(clean)
    const bytes = request(7, 3)
    const a = await call(s, { ':path': STREAM }, [bytes.subarray(0, 3), bytes.subarray(3, 9), bytes.subarray(9)])
    expect(responses(a.body)).toEqual([7n])
  })

  it('an undecodable message ends the stream with INVALID_ARGUMENT after the answers before it', async () => {
    const s = await serve(clean)
    const a = await call(s, { ':path': STREAM }, [request(1), frame(Buffer.from([0xff]))])
    expect(responses(a.body)).toEqual([1n])
    expect(status(a)[0]).toBe(String(Code.InvalidArgument))
  })

  it('on shutdown answers what it read and ends the stream, without waiting for the client', async () => {
    const closing = new AbortController()
    const s = await serve(clean, { closing: closing.signal })
    const session = http2.connect(`http://127.0.0.1:${s.port}`)
    const stream = session.request({ ':method': 'POST', ':path': STREAM, 'content-type': 'application/grpc' })
    stream.on('error', () => undefined)
    let body = Buffer.alloc(0)
    stream.on('data', (c: Buffer) => (body = Buffer.concat([body, c])))
    const trailers = new Promise<http2.IncomingHttpHeaders>((r) => stream.on('trailers', r))
    stream.write(request(5))
    await expect.poll(() => body.length).toBeGreaterThan(0)
    closing.abort()
    expect((await trailers)['grpc-status']).toBe('0')
    expect(responses(body)).toEqual([5n])
    session.close()
  })

  it('stops reading while maxPending answers wait, and reads on once they are out', async () => {
    const gate = deferred<void>()
    let answered = 0
    const s = await serve(clean, {
      answer: (req) => {
        answered++
        return gate.promise.then(() => ({ requestId: req.requestId, verdicts: [] }))
      },
    })
    // About 900 bytes each: 40 span several 16 KiB DATA frames.
    const many = Array.from({ length: 40 }, (_, i) => request(i, 1, 'x'.repeat(880)))
    const done = call(s, { ':path': STREAM }, many)
    // Reading pauses at maxPending (4); the rest of the DATA frame being read is still judged.
    await expect.poll(() => answered).toBeGreaterThanOrEqual(4)
    const before = answered
    expect(before).toBeLessThan(40)
    gate.resolve()
    const a = await done
    expect(responses(a.body)).toEqual(many.map((_, i) => BigInt(i)))
  })
})
