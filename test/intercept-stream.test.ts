/**
 * The stream intercept path end to end: the TS client's InterceptMux against the real tracehoundd
 * (durable mode, so answers wait for their fsync while later requests are read), the daemon's
 * per-request refusals, and against an in-process fake for a late answer and a lost stream.
 */

import * as http2 from 'node:http2'
import * as net from 'node:net'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { MessageInitShape } from '@bufbuild/protobuf'
import { Code, ConnectError, createClient } from '@connectrpc/connect'
import { connectNodeAdapter, createGrpcTransport, Http2SessionManager } from '@connectrpc/connect-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTracehoundClient, SCHEMA_VERSION, signature } from '../src/client/index.js'
import { bearerInterceptor } from '../src/client/client.js'
import { InterceptMux } from '../src/client/intercept-mux.js'
import { Severity, ThreatCategory, type ScentSchema } from '../src/gen/tracehound/v1/scent_pb.js'
import { type InterceptStreamRequest, TracehoundService } from '../src/gen/tracehound/v1/tracehound_service_pb.js'
import { scentToWire } from '../src/wire/index.js'
import type { Scent } from '../src/core/index.js'
import { type RunningDaemon, startDaemonProcess } from './daemon-harness.js'

let d: RunningDaemon
beforeAll(async () => {
  d = await startDaemonProcess()
})
afterAll(async () => {
  await d?.stop()
})

function serviceOver(socketPath: string) {
  const sessionManager = new Http2SessionManager('http://localhost', {}, { createConnection: () => net.connect(socketPath) })
  return {
    service: createClient(TracehoundService, createGrpcTransport({ baseUrl: 'http://localhost', sessionManager })),
    close: () => sessionManager.abort(),
  }
}

let n = 0
const threat = (payload: Scent['payload']): Scent => ({
  id: `s${++n}`,
  payload,
  source: `stream-${n}-${Math.random()}`,
  timestamp: 1_700_000_000_000,
  threat: { category: 'injection' as const, severity: 'high' as const },
})
type WireScent = MessageInitShape<typeof ScentSchema>
const invalidScent: WireScent = { id: 'bad', source: 's', threat: { category: ThreatCategory.UNSPECIFIED, severity: Severity.HIGH } }

describe('stream intercept path against tracehoundd', () => {
  it('matches concurrent calls by request id on one stream', async () => {
    const { service, close } = serviceOver(d.socketPath)
    const mux = new InterceptMux(service)
    const scents = Array.from({ length: 64 }, (_, i) => threat({ i, r: Math.random() }))
    const answers = await Promise.all(scents.map((s) => mux.call([scentToWire(s)], 30_000)))
    answers.forEach((verdicts, i) => {
      const o = verdicts[0]?.outcome
      expect(o?.case).toBe('quarantined')
      expect(o?.case === 'quarantined' && o.value.handle?.signature).toBe(signature('injection', scents[i]!.payload))
    })
    expect(mux.opened).toBe(1)
    mux.close()
    close()
  })

  // The same rule and message as unary; the path names the field in the stream's message.
  it('refuses one bad request with the unary status and message; the stream serves the next', async () => {
    const { service, close } = serviceOver(d.socketPath)
    const unary = await service.intercept({ scent: invalidScent }).catch((e: unknown) => ConnectError.from(e))
    expect(unary).toBeInstanceOf(ConnectError)
    const mux = new InterceptMux(service)
    const [bad, empty, good] = await Promise.allSettled([
      mux.call([invalidScent], 30_000),
      mux.call([], 30_000),
      mux.call([scentToWire(threat({ after: Math.random() }))], 30_000),
    ])
    expect(bad).toMatchObject({
      status: 'rejected',
      reason: { code: Code.InvalidArgument, rawMessage: (unary as ConnectError).rawMessage.replace(/^scent\./, 'scents[0].') },
    })
    expect(empty).toMatchObject({ status: 'rejected', reason: { code: Code.InvalidArgument } })
    expect(good).toMatchObject({ status: 'fulfilled', value: [{ outcome: { case: 'quarantined' } }] })
    expect(mux.opened).toBe(1)
    mux.close()
    close()
  })

  it('answers in request order, each response carrying its request id', async () => {
    const { service, close } = serviceOver(d.socketPath)
    const requests = [1n, 2n, 3n, 4n].map((requestId) => ({
      requestId,
      scents: requestId === 3n ? [invalidScent] : [scentToWire(threat({ id: String(requestId), r: Math.random() }))],
    }))
    async function* send() {
      yield* requests
    }
    const seen: { id: bigint; error: boolean }[] = []
    for await (const res of service.interceptStream(send())) seen.push({ id: res.requestId, error: res.error !== undefined })
    expect(seen).toEqual([
      { id: 1n, error: false },
      { id: 2n, error: false },
      { id: 3n, error: true },
      { id: 4n, error: false },
    ])
    close()
  })

  it('is the default path of the TS client; the unary path stays available', async () => {
    for (const interceptPath of ['stream', 'unary'] as const) {
      const c = createTracehoundClient({ socketPath: d.socketPath, timeoutMs: 30_000, failMode: 'closed', interceptPath })
      const s = threat({ path: interceptPath, r: Math.random() })
      expect(await c.intercept(s)).toMatchObject({ status: 'quarantined', handle: { signature: signature('injection', s.payload) } })
      c.close()
    }
  })
})

/** A fake daemon: holds a scent with id "slow" until released; drops its first stream after `dropAfter` requests. */
async function fake(dropAfter: number) {
  let release!: () => void
  const released = new Promise<void>((r) => (release = r))
  let lateSent!: () => void
  const late = new Promise<void>((r) => (lateSent = r))
  let streams = 0
  const clean = { outcome: { case: 'clean' as const, value: {} } }
  const handler = connectNodeAdapter({
    routes: (router) =>
      router.service(TracehoundService, {
        handshake: () => ({ serverName: 'fake', schemaVersion: SCHEMA_VERSION, compatible: true }),
        async *interceptStream(reqs: AsyncIterable<InterceptStreamRequest>) {
          const first = ++streams === 1
          let held = 0
          let slow: InterceptStreamRequest | undefined
          for await (const req of reqs) {
            if (first && dropAfter > 0) {
              if (++held === dropAfter) throw new ConnectError('daemon going away', Code.Unavailable)
              continue
            }
            if (req.scents[0]?.id === 'slow') {
              slow = req
              continue
            }
            yield { requestId: req.requestId, verdicts: [clean] }
            if (slow) {
              // The slow answer goes out once released, after the calls that overtook it.
              await released
              yield { requestId: slow.requestId, verdicts: [clean] }
              slow = undefined
              lateSent()
            }
          }
        },
      }),
  })
  const socketPath = join(mkdtempSync(join(tmpdir(), 'th-fake-')), 'fake.sock')
  const server = http2.createServer(handler)
  await new Promise<void>((r) => server.listen(socketPath, r))
  return { socketPath, release, late, streams: () => streams, close: () => server.close() }
}

describe('stream intercept path against a fake daemon', () => {
  it('one call past its deadline leaves the stream serving; its late answer is dropped', async () => {
    const f = await fake(0)
    const c = createTracehoundClient({ socketPath: f.socketPath, timeoutMs: 200 })
    const slow = await c.intercept({
      id: 'slow',
      payload: 1,
      source: 's',
      timestamp: 1,
      threat: { category: 'injection', severity: 'high' },
    })
    expect(slow).toMatchObject({ status: 'clean', degraded: { code: 'DeadlineExceeded' } })
    const overtaking = c.intercept(threat(1))
    f.release()
    expect(await overtaking).toEqual({ status: 'clean' })
    await f.late
    expect(await c.intercept(threat(2))).toEqual({ status: 'clean' })
    expect(f.streams()).toBe(1)
    c.close()
    f.close()
  })

  for (const failMode of ['open', 'closed'] as const) {
    it(`a lost stream fails the calls in flight per the fail mode (${failMode}); the next call reconnects`, async () => {
      const inFlight = 4
      const f = await fake(inFlight)
      const c = createTracehoundClient({ socketPath: f.socketPath, timeoutMs: 30_000, failMode })
      const verdicts = await Promise.all(Array.from({ length: inFlight }, (_, i) => c.intercept(threat(i))))
      for (const v of verdicts) {
        expect(v).toMatchObject({ status: failMode === 'open' ? 'clean' : 'error', degraded: { code: 'Unavailable' } })
      }
      expect(await c.intercept(threat('after'))).toEqual({ status: 'clean' })
      expect(f.streams()).toBe(2)
      c.close()
      f.close()
    })
  }
})

describe('stream intercept path over TCP', () => {
  it('needs the bearer token as unary does', async () => {
    const token = 'stream-auth-token-0123456789'
    const t = await startDaemonProcess(['--tcp', '127.0.0.1:0'], { TRACEHOUND_TOKEN: token })
    const baseUrl = `http://${t.tcp}`
    const streamOf = (interceptors: ReturnType<typeof bearerInterceptor>[]) => {
      const sessionManager = new Http2SessionManager(baseUrl)
      const mux = new InterceptMux(createClient(TracehoundService, createGrpcTransport({ baseUrl, sessionManager, interceptors })))
      return { mux, close: () => (mux.close(), sessionManager.abort()) }
    }
    try {
      const none = streamOf([])
      await expect(none.mux.call([scentToWire(threat({ auth: 'none' }))], 30_000)).rejects.toMatchObject({ code: Code.Unauthenticated })
      none.close()
      const wrong = streamOf([bearerInterceptor('not-the-token-0123456789')])
      await expect(wrong.mux.call([scentToWire(threat({ auth: 'wrong' }))], 30_000)).rejects.toMatchObject({ code: Code.Unauthenticated })
      wrong.close()
      const right = streamOf([bearerInterceptor(token)])
      expect(await right.mux.call([scentToWire(threat({ auth: 'right' }))], 30_000)).toMatchObject([{ outcome: { case: 'quarantined' } }])
      right.close()
    } finally {
      await t.stop()
    }
  })
})
