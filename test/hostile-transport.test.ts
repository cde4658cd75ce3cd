/**
 * Hostile clients, transport: bad and huge headers, slow and idle connections, oversized and wide
 * payloads, stream and connection floods. Caps are set small so each is reached quickly; every case
 * asserts the documented answer, the refusal metric, and that an authenticated Intercept succeeds after.
 */

import * as http2 from 'node:http2'
import * as https from 'node:https'
import * as net from 'node:net'
import * as tls from 'node:tls'
import { Code } from '@connectrpc/connect'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningDaemon, startDaemonProcess } from './daemon-harness.js'
import { selfSignedCert } from './tls-cert.js'
import {
  AUTH,
  expectServing,
  frame,
  h1Request,
  h2Request,
  INTERCEPT,
  interceptRequest,
  portOf,
  refusedCount,
  TOKEN,
  untilClosed,
  WATCH,
} from './hostile-client.js'

const LIMITS = {
  maxConnections: 40,
  maxConcurrentStreams: 20,
  maxHeaderBytes: 8192,
  firstByteTimeoutMs: 300,
  headersTimeoutMs: 600,
  idleTimeoutMs: 800,
  inFlightBytes: 512 * 1024,
  serverStreamsPerConnection: 3,
  serverStreams: 5,
}
const MAX_MESSAGE = 256 * 1024

let d: RunningDaemon
beforeAll(async () => {
  const flags = Object.entries(LIMITS).flatMap(([k, v]) => [`--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, String(v)])
  d = await startDaemonProcess(['--tcp', '127.0.0.1:0', '--memory', '--max-message-bytes', String(MAX_MESSAGE), ...flags], {
    TRACEHOUND_TOKEN: TOKEN,
  })
  // A daemon start on a loaded machine can take longer than the default hook timeout.
}, 60_000)
afterAll(async () => {
  await d?.stop()
}, 30_000)

const tcp = () => net.connect(portOf(d), '127.0.0.1')

async function inFlight(): Promise<number> {
  const text = await (await fetch(`http://${d.tcp}/metrics`, { headers: AUTH })).text()
  return Number(/^tracehound_in_flight_request_bytes (\d+)$/m.exec(text)?.[1] ?? NaN)
}

describe('headers', () => {
  it('an HTTP/1.1 header block over the cap: 431, connection closed', async () => {
    const before = await refusedCount(d, 'header_bytes')
    const socket = tcp()
    const answer = untilClosed(socket)
    socket.write(`POST ${INTERCEPT} HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(LIMITS.maxHeaderBytes + 100)}\r\n\r\n`)
    expect(await answer).toMatch(/^HTTP\/1\.1 431 /)
    expect(await refusedCount(d, 'header_bytes')).toBe(before + 1)
    await expectServing(d)
  })

  it('an HTTP/2 header list over the advertised size: RESOURCE_EXHAUSTED before auth', async () => {
    const before = await refusedCount(d, 'header_bytes')
    const a = await h2Request(tcp, { ':path': INTERCEPT, 'x-big': 'a'.repeat(LIMITS.maxHeaderBytes + 100) }, frame(interceptRequest()))
    expect(a.grpcStatus).toBe(String(Code.ResourceExhausted))
    expect(await refusedCount(d, 'header_bytes')).toBe(before + 1)
    await expectServing(d)
  })

  it('advertises its stream and header caps', async () => {
    const session = http2.connect('http://localhost', { createConnection: tcp })
    const settings = await new Promise<http2.Settings>((resolve) => session.once('remoteSettings', resolve))
    session.destroy()
    expect(settings).toMatchObject({ maxConcurrentStreams: LIMITS.maxConcurrentStreams, maxHeaderListSize: LIMITS.maxHeaderBytes })
  })
})

describe('slow and idle connections', () => {
  it('a connection that sends nothing is closed after the first-byte timeout', async () => {
    const before = await refusedCount(d, 'first_byte_timeout')
    const sockets = Array.from({ length: 10 }, tcp)
    const answers = await Promise.all(sockets.map(untilClosed))
    expect(answers).toEqual(Array(10).fill(''))
    expect(await refusedCount(d, 'first_byte_timeout')).toBe(before + 10)
    await expectServing(d)
  })

  it('slowloris: headers trickling in are cut at the headers timeout with 408', async () => {
    const before = await refusedCount(d, 'headers_timeout')
    const socket = tcp()
    const answer = untilClosed(socket)
    const head = `POST ${INTERCEPT} HTTP/1.1\r\nHost: x\r\nX-Slow: ${'a'.repeat(4_000)}`
    let i = 0
    // The attack: a byte every 20 ms, so the head is never complete before the timeout.
    const drip = () => {
      if (!socket.destroyed && i < head.length) socket.write(head[i++]!, () => setTimeout(drip, 20))
    }
    socket.once('connect', drip)
    expect(await answer).toMatch(/^HTTP\/1\.1 408 /)
    expect(i).toBeLessThan(head.length)
    expect(await refusedCount(d, 'headers_timeout')).toBe(before + 1)
    await expectServing(d)
  })

  it('an HTTP/2 connection without streams is closed at the idle timeout; one with an open stream is kept', async () => {
    const idle = http2.connect('http://localhost', { createConnection: tcp })
    idle.on('error', () => undefined)
    const busy = http2.connect('http://localhost', { createConnection: tcp })
    busy.on('error', () => undefined)
    const watch = busy.request({ ':method': 'POST', ':path': WATCH, 'content-type': 'application/grpc', te: 'trailers', ...AUTH })
    watch.end(frame(new Uint8Array()))
    const firstMessage = new Promise((resolve) => watch.once('data', resolve))
    await new Promise((resolve) => idle.once('goaway', resolve))
    await firstMessage
    // Two idle periods later the busy connection still serves.
    await new Promise((resolve) => idle.once('close', resolve))
    const again = busy.request({ ':method': 'POST', ':path': INTERCEPT, 'content-type': 'application/grpc', te: 'trailers', ...AUTH })
    again.end(frame(interceptRequest()))
    const trailers = await new Promise<http2.IncomingHttpHeaders>((resolve) => again.once('trailers', resolve))
    expect(trailers['grpc-status']).toBe('0')
    expect(busy.closed).toBe(false)
    watch.close()
    busy.destroy()
    await expectServing(d)
  })
})

describe('payloads', () => {
  it('a Connect body declared over the message limit is refused before it is read', async () => {
    const socket = tcp()
    const answer = untilClosed(socket)
    socket.write(
      `POST ${INTERCEPT} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/proto\r\nContent-Length: ${13 * 1024 * 1024}\r\n\r\n`,
    )
    socket.write(Buffer.alloc(1024))
    const text = await answer
    expect(text).toMatch(/^HTTP\/1\.1 429 /)
    expect(text).toContain('"code":"resource_exhausted"')
    await expectServing(d)
  })

  it('a gRPC message over the limit: RESOURCE_EXHAUSTED', async () => {
    const a = await h2Request(tcp, { ':path': INTERCEPT, ...AUTH }, frame(new Uint8Array(MAX_MESSAGE + 1)))
    expect(a.grpcStatus).toBe(String(Code.ResourceExhausted))
    await expectServing(d)
  })

  it('a wide payload within the limit is judged', async () => {
    const payload = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]))
    const res = await h1Request(portOf(d), {
      path: INTERCEPT,
      headers: { 'content-type': 'application/json', ...AUTH },
      body: JSON.stringify({
        scent: { id: 'wide', source: 'wide', payload, threat: { category: 'THREAT_CATEGORY_INJECTION', severity: 'SEVERITY_LOW' } },
      }),
    })
    expect(res.status).toBe(200)
    expect(Object.keys(JSON.parse(res.body.toString()).verdict)).toEqual(['quarantined'])
    await expectServing(d)
  })

  it('partial messages beyond the in-flight budget: RESOURCE_EXHAUSTED for the one that crosses it, the rest go on', async () => {
    const before = await refusedCount(d, 'in_flight_bytes')
    // Each stream declares a message just under the limit and sends most of it, then waits.
    const session = http2.connect('http://localhost', { createConnection: tcp })
    session.on('error', () => undefined)
    const part = frame(new Uint8Array(MAX_MESSAGE - 10)).subarray(0, 200 * 1024)
    const statuses: Promise<string | undefined>[] = []
    const streams: http2.ClientHttp2Stream[] = []
    for (let i = 0; i < 3; i++) {
      const s = session.request({ ':method': 'POST', ':path': INTERCEPT, 'content-type': 'application/grpc', te: 'trailers', ...AUTH })
      s.on('error', () => undefined)
      statuses.push(
        new Promise((resolve) => {
          const take = (h: http2.IncomingHttpHeaders) => h['grpc-status'] !== undefined && resolve(String(h['grpc-status']))
          s.on('response', take)
          s.on('trailers', take)
          s.on('close', () => resolve(undefined))
        }),
      )
      s.write(part)
      streams.push(s)
      // One at a time, so that it is the third that crosses: wait until the daemon holds this one's bytes.
      if (i < 2) await expect.poll(() => inFlight(), { timeout: 10_000 }).toBeGreaterThanOrEqual((i + 1) * (200 * 1024 - 5))
    }
    // 3 × 200 KiB > 512 KiB: the third crosses the budget.
    expect(await statuses[2]).toBe(String(Code.ResourceExhausted))
    expect(await refusedCount(d, 'in_flight_bytes')).toBe(before + 1)
    // The first two still complete their messages (invalid bytes → INVALID_ARGUMENT, but judged).
    for (const s of streams.slice(0, 2)) s.end(new Uint8Array(MAX_MESSAGE - 10 - (200 * 1024 - 5)))
    expect(await Promise.all(statuses.slice(0, 2))).toEqual([String(Code.InvalidArgument), String(Code.InvalidArgument)])
    session.destroy()
    await expectServing(d)
  })
})

describe('floods', () => {
  it('server streams: per connection and in total, RESOURCE_EXHAUSTED beyond the cap; open ones keep streaming', async () => {
    const sessions = [0, 1].map(() => {
      const s = http2.connect('http://localhost', { createConnection: tcp })
      s.on('error', () => undefined)
      return s
    })
    const watch = (session: http2.ClientHttp2Session) =>
      new Promise<{ stream: http2.ClientHttp2Stream; grpcStatus: string | undefined }>((resolve) => {
        const stream = session.request({ ':method': 'POST', ':path': WATCH, 'content-type': 'application/grpc', te: 'trailers', ...AUTH })
        stream.on('error', () => undefined)
        stream.once('response', (h) => {
          if (h['grpc-status'] !== undefined) resolve({ stream, grpcStatus: String(h['grpc-status']) })
          else stream.once('data', () => resolve({ stream, grpcStatus: undefined }))
        })
        stream.end(frame(new Uint8Array()))
      })
    const first = await Promise.all([0, 1, 2].map(() => watch(sessions[0]!)))
    expect(first.map((w) => w.grpcStatus)).toEqual([undefined, undefined, undefined])
    expect((await watch(sessions[0]!)).grpcStatus).toBe(String(Code.ResourceExhausted)) // 4th on one connection
    const second = await Promise.all([0, 1].map(() => watch(sessions[1]!)))
    expect(second.map((w) => w.grpcStatus)).toEqual([undefined, undefined])
    expect((await watch(sessions[1]!)).grpcStatus).toBe(String(Code.ResourceExhausted)) // 6th in total
    expect(await refusedCount(d, 'server_streams_per_connection')).toBeGreaterThan(0)
    expect(await refusedCount(d, 'server_streams')).toBeGreaterThan(0)
    // The open streams were not touched; closing one frees a place.
    expect([...first, ...second].every((w) => !w.stream.closed)).toBe(true)
    first[0]!.stream.close()
    await new Promise((resolve) => first[0]!.stream.once('close', resolve))
    await expect.poll(async () => (await watch(sessions[1]!)).grpcStatus).toBeUndefined()
    sessions.forEach((s) => s.destroy())
    await expectServing(d)
  })

  it('a connection that never shows the token: its first stream is answered UNAUTHENTICATED, then GOAWAY; the rest are not processed', async () => {
    const before = await refusedCount(d, 'unauthenticated')
    const session = http2.connect('http://localhost', { createConnection: tcp })
    session.on('error', () => undefined)
    const goaway = new Promise<number>((resolve) => session.once('goaway', (code) => resolve(code)))
    const answers = await Promise.all(
      Array.from(
        { length: 200 },
        (_, i) =>
          new Promise<string>((resolve) => {
            const s = session.request({
              ':method': 'POST',
              ':path': i % 2 ? WATCH : INTERCEPT,
              'content-type': 'application/grpc',
              te: 'trailers',
            })
            s.on('error', () => undefined)
            let status = 'none'
            s.once('response', (h) => (status = String(h['grpc-status'])))
            s.once('close', () => resolve(`${status} rst ${s.rstCode}`))
            // Headers only: the body never comes, the answer must not wait for it.
            s.write(frame(new Uint8Array(100)).subarray(0, 10))
          }),
      ),
    )
    session.destroy()
    expect(await goaway).toBe(http2.constants.NGHTTP2_ENHANCE_YOUR_CALM)
    // (node's client reports the GOAWAY's code as the answered stream's close code too)
    expect(answers[0]).toMatch(new RegExp(`^${Code.Unauthenticated} rst `))
    expect(answers.slice(1).filter((a) => !a.startsWith('none '))).toEqual([])
    expect(await refusedCount(d, 'unauthenticated')).toBe(before + 1)
    await expectServing(d)
    // The streams the GOAWAY refused each end in an Error inside node; none may reach the process
    // (each was once logged as a fatal "uncaught exception", with a synchronous flush).
    expect(d.logs.filter((l) => /uncaught|unhandled/.test(String(l.msg)))).toEqual([])
  })

  it('unauthenticated streams on new connections are each answered at once and reset, without their bodies', async () => {
    const before = await refusedCount(d, 'unauthenticated')
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        h2Request(tcp, { ':path': i % 2 ? WATCH : INTERCEPT }, frame(new Uint8Array(100)).subarray(0, 10), { end: false }),
      ),
    )
    expect(new Set(answers.map((a) => a.grpcStatus))).toEqual(new Set([String(Code.Unauthenticated)]))
    expect(await refusedCount(d, 'unauthenticated')).toBe(before + 20)
    await expectServing(d)
  })

  it('a connection that has shown the token keeps serving after a stream with a wrong one', async () => {
    const session = http2.connect('http://localhost', { createConnection: tcp })
    session.on('error', () => undefined)
    const call = (headers: http2.OutgoingHttpHeaders) =>
      new Promise<string>((resolve) => {
        const s = session.request({ ':method': 'POST', ':path': INTERCEPT, 'content-type': 'application/grpc', te: 'trailers', ...headers })
        s.on('error', () => undefined)
        let status = 'none'
        const take = (h: http2.IncomingHttpHeaders) => h['grpc-status'] !== undefined && (status = String(h['grpc-status']))
        s.on('response', take)
        s.on('trailers', take)
        s.once('close', () => resolve(status))
        s.resume()
        s.end(frame(interceptRequest()))
      })
    expect(await call(AUTH)).toBe('0')
    expect(await call({ authorization: 'Bearer wrong-token-0123456789' })).toBe(String(Code.Unauthenticated))
    expect(await call(AUTH)).toBe('0')
    expect(session.closed).toBe(false)
    session.destroy()
  })

  it('streams over SETTINGS_MAX_CONCURRENT_STREAMS: REFUSED_STREAM, counted (concurrent_streams)', async () => {
    const before = await refusedCount(d, 'concurrent_streams')
    const session = http2.connect('http://localhost', { createConnection: tcp })
    session.on('error', () => undefined)
    const open = (end: boolean) => {
      const s = session.request(
        { ':method': 'POST', ':path': INTERCEPT, 'content-type': 'application/grpc', te: 'trailers', ...AUTH },
        { endStream: false },
      )
      s.on('error', () => undefined)
      const done = new Promise<string>((resolve) => {
        let status = 'none'
        s.on('trailers', (h) => (status = String(h['grpc-status'])))
        s.once('close', () => resolve(`${status} rst ${s.rstCode}`))
      })
      s.resume()
      if (end) s.end(frame(interceptRequest()))
      return { s, done }
    }
    // Written before the daemon's SETTINGS arrive (it sends them after the client's preface), and
    // held open without a body: the cap's worth stay open, the rest are over it.
    const extra = 5
    const burst = Array.from({ length: LIMITS.maxConcurrentStreams + extra }, () => open(false))
    const refused = `none rst ${http2.constants.NGHTTP2_REFUSED_STREAM}`
    const over = await Promise.all(burst.slice(LIMITS.maxConcurrentStreams).map((b) => b.done))
    expect(over).toEqual(Array(extra).fill(refused))
    for (const b of burst.slice(0, LIMITS.maxConcurrentStreams)) b.s.end(frame(interceptRequest()))
    expect(new Set(await Promise.all(burst.slice(0, LIMITS.maxConcurrentStreams).map((b) => b.done)))).toEqual(new Set(['0 rst 0']))
    // The refused ids show at the connection's next stream.
    expect(await open(true).done).toBe('0 rst 0')
    await expect.poll(() => refusedCount(d, 'concurrent_streams')).toBe(before + extra)
    session.destroy()
    await expectServing(d)
  })

  it('connections over the cap are closed at accept; the ones already open keep working', async () => {
    const before = await refusedCount(d, 'max_connections')
    const keeper = http2.connect('http://localhost', { createConnection: tcp })
    keeper.on('error', () => undefined)
    await new Promise((resolve) => keeper.once('remoteSettings', resolve))
    const flood = Array.from({ length: LIMITS.maxConnections + 10 }, tcp)
    const closed = flood.map(untilClosed)
    // Those over the cap are closed by the daemon at once; the others only when the first-byte timeout hits.
    await Promise.all(closed)
    expect(await refusedCount(d, 'max_connections')).toBeGreaterThanOrEqual(before + 10)
    const s = keeper.request({ ':method': 'POST', ':path': INTERCEPT, 'content-type': 'application/grpc', te: 'trailers', ...AUTH })
    s.end(frame(interceptRequest()))
    expect((await new Promise<http2.IncomingHttpHeaders>((resolve) => s.once('trailers', resolve)))['grpc-status']).toBe('0')
    keeper.destroy()
    await expectServing(d)
  })
})

describe('TLS', () => {
  let t: RunningDaemon
  let ca: Buffer
  beforeAll(async () => {
    const { cert, key, ca: trusted } = selfSignedCert()
    ca = trusted
    t = await startDaemonProcess(
      [
        '--tcp',
        '127.0.0.1:0',
        '--memory',
        '--tls-cert',
        cert,
        '--tls-key',
        key,
        '--headers-timeout-ms',
        '600',
        '--first-byte-timeout-ms',
        '5000',
      ],
      { TRACEHOUND_TOKEN: TOKEN },
    )
  }, 60_000)
  afterAll(async () => {
    await t?.stop()
  }, 30_000)

  const refusedOverTls = async (reason: string) => {
    const text = await new Promise<string>((resolve, reject) => {
      const req = https.request(`https://${t.tcp}/metrics`, { ca, headers: AUTH }, (res) => {
        let body = ''
        res.on('data', (c) => (body += c))
        res.on('end', () => resolve(body))
      })
      req.on('error', reject)
      req.end()
    })
    return Number(new RegExp(`^tracehound_refused_total\\{reason="${reason}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0)
  }

  it('slowloris on the HTTP/1.1 fallback: cut at the headers timeout with 408', async () => {
    const before = await refusedOverTls('headers_timeout')
    const socket = tls.connect({ host: '127.0.0.1', port: Number(t.tcp!.split(':').pop()), ca, ALPNProtocols: ['http/1.1'] })
    const answer = untilClosed(socket)
    const head = `POST ${INTERCEPT} HTTP/1.1\r\nHost: x\r\nX-Slow: ${'a'.repeat(4_000)}`
    let i = 0
    const drip = () => {
      if (!socket.destroyed && i < head.length) socket.write(head[i++]!, () => setTimeout(drip, 20))
    }
    socket.once('secureConnect', () => {
      expect(socket.alpnProtocol).toBe('http/1.1')
      drip()
    })
    expect(await answer).toMatch(/^HTTP\/1\.1 408 /)
    expect(i).toBeLessThan(head.length)
    expect(await refusedOverTls('headers_timeout')).toBe(before + 1)
  })
})
