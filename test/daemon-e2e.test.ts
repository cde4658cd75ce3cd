/** tracehoundd end to end: the real daemon process, the TS client over UDS and TCP, gRPC and Connect. */

import { statSync } from 'node:fs'
import * as http2 from 'node:http2'
import * as net from 'node:net'
import { create, toBinary } from '@bufbuild/protobuf'
import { Code, ConnectError, createClient } from '@connectrpc/connect'
import { Health, HealthCheckResponse_ServingStatus } from '../src/gen/grpc/health/v1/health_pb.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createTracehoundClient,
  recordHash,
  leafHash,
  SCHEMA_VERSION,
  verifyInclusion,
  verifyRecordMac,
  signature,
} from '../src/client/index.js'
import { createTracehoundWebClient } from '../src/client/web.js'
import { InterceptRequestSchema } from '../src/gen/tracehound/v1/tracehound_service_pb.js'
import type { Scent } from '../src/core/index.js'
import { type RunningDaemon, startDaemonProcess } from './daemon-harness.js'
import { watchEvents } from './watch-events.js'

const TOKEN = 'e2e-token-0123456789'
const MAC_KEY = 'ab'.repeat(32)
let d: RunningDaemon

const threat = (id: string, payload: Scent['payload'], source = 'e2e'): Scent => ({
  id,
  payload,
  source,
  timestamp: 1_700_000_000_000,
  threat: { category: 'injection', severity: 'high' },
})

beforeAll(async () => {
  d = await startDaemonProcess(['--tcp', '127.0.0.1:0', '--max-message-bytes', '65536', '--cors-origin', 'http://app.example'], {
    TRACEHOUND_TOKEN: TOKEN,
    TRACEHOUND_MAC_KEYS: `k1:${MAC_KEY}`,
  })
})

afterAll(async () => {
  await d?.stop()
})

/** A raw h2c call, for what no well-behaved client sends. */
function rawGrpc(connectTo: () => net.Socket, headers: http2.OutgoingHttpHeaders, body: Uint8Array) {
  return new Promise<{ status: string | undefined; grpcStatus: string | undefined }>((resolve, reject) => {
    const session = http2.connect('http://localhost', { createConnection: connectTo })
    session.on('error', reject)
    const req = session.request({ ':method': 'POST', 'content-type': 'application/grpc', te: 'trailers', ...headers })
    let status: string | undefined
    let grpcStatus: string | undefined
    req.on('response', (h) => {
      status = String(h[':status'])
      grpcStatus ??= h['grpc-status'] as string | undefined
    })
    req.on('trailers', (t) => (grpcStatus = t['grpc-status'] as string | undefined))
    req.on('data', () => undefined)
    req.on('end', () => {
      // As gRPC clients do once the status is in: cancel whatever is left to send.
      session.destroy()
      resolve({ status, grpcStatus })
    })
    // A refused stream (RST_STREAM) is an answer too, as long as the daemon lives.
    req.on('error', (e: NodeJS.ErrnoException) => {
      session.destroy()
      if (e.code === 'ERR_HTTP2_STREAM_ERROR') resolve({ status: 'reset', grpcStatus: undefined })
      else reject(e)
    })
    req.end(body)
  })
}

const frame = (msg: Uint8Array) => {
  const out = new Uint8Array(5 + msg.length)
  new DataView(out.buffer).setUint32(1, msg.length)
  out.set(msg, 5)
  return out
}

describe('tracehoundd over the Unix socket', () => {
  it('creates the socket 0600', () => {
    expect(statSync(d.socketPath).mode & 0o777).toBe(0o600)
  })

  it.each(['grpc', 'connect'] as const)('judges scents and serves verifiable proofs (%s)', async (protocol) => {
    const c = createTracehoundClient({ socketPath: d.socketPath, protocol })
    try {
      const hs = await c.connect()
      expect(hs.schemaVersion).toBe(SCHEMA_VERSION)
      expect(hs.features).toContain('mac')
      expect(await c.intercept({ id: 'c', payload: 1, source: `clean-${protocol}`, timestamp: 1 })).toEqual({ status: 'clean' })

      const payload = { q: `' OR 1=1 --`, protocol }
      const v = await c.intercept(threat(`t-${protocol}`, payload))
      expect(v.status).toBe('quarantined')
      const sig = signature('injection', payload)
      expect(v.status === 'quarantined' && v.handle.signature).toBe(sig)
      expect(await c.intercept(threat(`t2-${protocol}`, payload))).toEqual({ status: 'ignored', signature: sig })

      const evidence = await c.getEvidence(sig)
      expect(evidence && verifyRecordMac(MAC_KEY, evidence.record)).toBe(true)
      expect(await c.getEvidence(`injection:${'0'.repeat(64)}`)).toBeNull()

      const neutralized = await c.neutralize(sig)
      expect(neutralized).not.toBeNull()
      const head = await c.getTreeHead()
      expect(verifyRecordMac(MAC_KEY, head)).toBe(true)
      const { proof, record } = await c.getInclusionProof(neutralized!.treeSize - 1)
      expect(recordHash(record!)).toBe(record!.hash)
      expect(leafHash(record!)).toBe(proof.leafHash)
      expect(verifyInclusion({ ...proof, rootHash: head.rootHash })).toBe(true)
      expect(verifyInclusion({ ...proof, rootHash: 'ff'.repeat(32) })).toBe(false)
    } finally {
      c.close()
    }
  })

  it('answers a batch through InterceptStream in order', async () => {
    // Order is under test, not the deadline: a loaded machine must not turn the batch into degraded verdicts.
    const c = createTracehoundClient({ socketPath: d.socketPath, timeoutMs: 30_000 })
    const scents = Array.from({ length: 1500 }, (_, i) =>
      i % 2 ? threat(`b${i}`, { batch: i }, `batch-${i}`) : { id: `b${i}`, payload: i, source: `batch-${i}`, timestamp: 1 },
    )
    const verdicts = await c.interceptMany(scents)
    c.close()
    expect(verdicts).toHaveLength(1500)
    verdicts.forEach((v, i) => expect(v.status).toBe(i % 2 ? 'quarantined' : 'clean'))
  })

  it('rejects a payload JSON cannot carry on the client, as the engine does', async () => {
    const c = createTracehoundClient({ socketPath: d.socketPath })
    const v = await c.intercept(threat('nan', { n: Number.NaN }))
    c.close()
    expect(v).toMatchObject({ status: 'error', error: { code: 'AGENT_SERIALIZATION_FAILED' } })
  })

  it('refuses a client of another major schema version, naming both', async () => {
    const c = createTracehoundClient({ socketPath: d.socketPath })
    const err = await c.service.handshake({ schemaVersion: '2.0.0', clientName: 'future' }).catch((e: unknown) => ConnectError.from(e))
    c.close()
    expect(err).toBeInstanceOf(ConnectError)
    expect((err as ConnectError).code).toBe(Code.FailedPrecondition)
    expect((err as ConnectError).rawMessage).toContain('client 2.0.0')
    expect((err as ConnectError).rawMessage).toContain(`server ${SCHEMA_VERSION}`)
  })

  it('enforces protovalidate rules on requests', async () => {
    const c = createTracehoundClient({ socketPath: d.socketPath })
    const err = await c.service
      .intercept({ scent: { id: 'v', source: 's', threat: { category: 0, severity: 1 } } })
      .catch((e: unknown) => ConnectError.from(e))
    c.close()
    expect((err as ConnectError).code).toBe(Code.InvalidArgument)
  })

  it('survives a percent-encoded :authority (what grpcio sends over unix:)', async () => {
    const res = await rawGrpc(
      () => net.connect(d.socketPath),
      { ':path': '/grpc.health.v1.Health/Check', ':authority': 'tmp%2Fth.sock' },
      frame(new Uint8Array()),
    )
    expect(res.grpcStatus).toBe('0')
    expect(d.child.exitCode).toBeNull()
  })

  it('survives bad headers', async () => {
    const health = { ':path': '/grpc.health.v1.Health/Check' }
    const connect = () => net.connect(d.socketPath)
    const badTimeout = await rawGrpc(connect, { ...health, 'grpc-timeout': 'soon' }, frame(new Uint8Array()))
    expect(badTimeout.grpcStatus).not.toBe('0')
    const badEncoding = await rawGrpc(connect, { ...health, 'grpc-encoding': 'zstd-nonsense' }, frame(new Uint8Array()))
    expect(badEncoding.grpcStatus).toBe(String(Code.Unimplemented))
    const badType = await rawGrpc(connect, { ...health, 'content-type': 'application/grpc+bogus' }, frame(new Uint8Array()))
    expect(badType.status).toBe('415')
    const badPath = await rawGrpc(connect, { ':path': '//a b%zz/../\\x' }, frame(new Uint8Array()))
    expect(badPath.status).toMatch(/^(4\d\d|reset)$/)
    // HTTP/1.1 with a Host header no URL can hold.
    const h1 = await new Promise<string>((resolve) => {
      const sock = net.connect(d.socketPath, () => sock.end('GET /metrics HTTP/1.1\r\nHost: a b%zz\r\n\r\n'))
      let text = ''
      sock.on('data', (c) => (text += c))
      sock.on('close', () => resolve(text))
    })
    expect(h1).toMatch(/^HTTP\/1\.1 200/)
    expect(d.child.exitCode).toBeNull()
  })

  it('survives malformed protobuf and oversized messages', async () => {
    const path = { ':path': '/tracehound.v1.TracehoundService/Intercept' }
    const garbage = await rawGrpc(() => net.connect(d.socketPath), path, frame(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f])))
    expect(garbage.grpcStatus).not.toBe('0')
    const big = toBinary(InterceptRequestSchema, create(InterceptRequestSchema, { scent: { id: 'x', source: 's', timestampMs: 1n } }))
    const oversized = await rawGrpc(() => net.connect(d.socketPath), path, frame(new Uint8Array(70_000).fill(1).map((_, i) => big[i] ?? 1)))
    expect(oversized.grpcStatus).toBe(String(Code.ResourceExhausted))
    const truncated = await rawGrpc(() => net.connect(d.socketPath), path, frame(new Uint8Array([1, 2, 3])).subarray(0, 6))
    expect(truncated.grpcStatus).not.toBe('0')
    const c = createTracehoundClient({ socketPath: d.socketPath })
    expect((await c.intercept({ id: 'alive', payload: 1, source: 'alive', timestamp: 1 })).status).toBe('clean')
    c.close()
  })
})

describe('health and events', () => {
  it('reports health per service and streams quarantine and neutralize events', async () => {
    const c = createTracehoundClient({ socketPath: d.socketPath })
    const health = createClient(Health, c.transport)
    expect((await health.check({ service: 'tracehound.v1.TracehoundService' })).status).toBe(HealthCheckResponse_ServingStatus.SERVING)
    expect(Object.keys((await health.list({})).statuses)).toContain('tracehound.v1.AdminService')
    await expect(health.check({ service: 'nope' })).rejects.toThrow(/unknown service/)

    const abort = new AbortController()
    const events: string[] = []
    const stream = await watchEvents(c.admin, abort.signal)
    const watching = (async () => {
      for await (const ev of stream) {
        // threatDetected also streams (test/daemon-events.test.ts); this test is about evidence.
        if (ev.event.case?.startsWith('evidence')) events.push(ev.event.case)
        if (events.length === 2) return
      }
    })()
    const v = await c.intercept(threat('events', { events: 1 }))
    if (v.status === 'quarantined') await c.neutralize(v.handle.signature)
    await watching
    abort.abort()
    c.close()
    expect(events).toEqual(['evidenceQuarantined', 'evidenceNeutralized'])
  })
})

describe('tracehoundd over TCP', () => {
  const baseUrl = () => `http://${d.tcp}`

  it('requires the bearer token on every path, health included', async () => {
    const anonymous = createTracehoundClient({ baseUrl: baseUrl(), failMode: 'closed' })
    const denied = await anonymous.intercept({ id: 'x', payload: 1, source: 'tcp', timestamp: 1 })
    expect(denied).toMatchObject({ status: 'error', degraded: { code: 'Unauthenticated' } })
    anonymous.close()

    const wrong = createTracehoundClient({ baseUrl: baseUrl(), token: 'nope' })
    expect(await wrong.intercept({ id: 'x', payload: 1, source: 'tcp', timestamp: 1 })).toMatchObject({
      status: 'clean',
      degraded: { code: 'Unauthenticated' },
    })
    wrong.close()

    const health = { ':path': '/grpc.health.v1.Health/Check' }
    const res = await rawGrpc(() => net.connect(Number(d.tcp!.split(':')[1]), '127.0.0.1'), health, frame(new Uint8Array()))
    expect(res.grpcStatus).toBe(String(Code.Unauthenticated))
    const withToken = await rawGrpc(
      () => net.connect(Number(d.tcp!.split(':')[1]), '127.0.0.1'),
      { ...health, authorization: `Bearer ${TOKEN}` },
      frame(new Uint8Array()),
    )
    expect(withToken.grpcStatus).toBe('0')
  })

  it.each(['grpc', 'connect'] as const)('serves the Node client with a token (%s)', async (protocol) => {
    const c = createTracehoundClient({ baseUrl: baseUrl(), token: TOKEN, protocol })
    expect(await c.intercept({ id: 'x', payload: 1, source: `tcp-${protocol}`, timestamp: 1 })).toEqual({ status: 'clean' })
    c.close()
  })

  it.each(['connect', 'grpc-web'] as const)('serves the browser client over HTTP/1.1 (%s)', async (protocol) => {
    const c = createTracehoundWebClient({ baseUrl: baseUrl(), token: TOKEN, protocol })
    const verdicts = await c.interceptMany([
      threat(`web-${protocol}`, { web: protocol }, `web-${protocol}`),
      { id: 'w', payload: 1, source: 'w', timestamp: 1 },
    ])
    expect(verdicts.map((v) => v.status)).toEqual(['quarantined', 'clean'])
  })

  it('answers CORS preflights for the listed origin', async () => {
    const res = await fetch(`${baseUrl()}/tracehound.v1.TracehoundService/Intercept`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://app.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://app.example')
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization')
  })

  it('serves Prometheus metrics behind the token', async () => {
    expect((await fetch(`${baseUrl()}/metrics`)).status).toBe(401)
    const res = await fetch(`${baseUrl()}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } })
    const text = await res.text()
    expect(text).toMatch(/tracehound_intercepts_total\{outcome="quarantined"\} [1-9]/)
    expect(text).toContain('tracehound_rpc_duration_seconds_bucket{le="0.001",method="Intercept",code="ok"}')
    expect(text).toMatch(/tracehound_audit_tree_size [1-9]/)
  })
})

describe('tracehoundd lifecycle', () => {
  it('refuses to take over a live socket and removes a stale one', async () => {
    const second = startDaemonProcess(['--socket', d.socketPath])
    await expect(second).rejects.toThrow(/another process is listening/)

    const stale = net.createServer().listen(`${d.dir}/stale.sock`)
    await new Promise((r) => stale.once('listening', r))
    // A crashed daemon leaves its socket file: close the handle without unlinking.
    ;(stale as net.Server & { _handle: { close(): void } | null })._handle?.close()
    const third = await startDaemonProcess(['--socket', `${d.dir}/stale.sock`])
    expect(statSync(`${d.dir}/stale.sock`).mode & 0o777).toBe(0o600)
    expect(await third.stop()).toBe(0)
  })

  it('shuts down gracefully on SIGTERM and removes its socket', async () => {
    const e = await startDaemonProcess()
    const c = createTracehoundClient({ socketPath: e.socketPath })
    expect((await c.intercept({ id: 'x', payload: 1, source: 's', timestamp: 1 })).status).toBe('clean')
    c.close()
    expect(await e.stop()).toBe(0)
    expect(() => statSync(e.socketPath)).toThrow()
  })
})
