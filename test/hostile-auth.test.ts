/**
 * Hostile clients, authentication: the token is checked from the headers before any body byte,
 * the same way on every protocol and path; CORS only for listed origins; start-up refuses what
 * would weaken either; the data directory is closed to others; a verified ledger says so.
 */

import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs'
import * as http2 from 'node:http2'
import * as net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Code } from '@connectrpc/connect'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { secureDataDir } from '../src/server/data-dir-mode.js'
import { TokenCheck } from '../src/server/auth.js'
import { type RunningDaemon, startDaemonProcess } from './daemon-harness.js'
import {
  expectServing,
  frame,
  grpcWebStatus,
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

let d: RunningDaemon
beforeAll(async () => {
  d = await startDaemonProcess(['--tcp', '127.0.0.1:0', '--cors-origin', 'https://app.example', '--cors-origin', 'http://localhost:5173'], {
    TRACEHOUND_TOKEN: TOKEN,
  })
  // A daemon start on a loaded machine can take longer than the default hook timeout.
}, 60_000)
afterAll(async () => {
  await d?.stop()
})

const tcp = () => net.connect(portOf(d), '127.0.0.1')

/** Whether one Authorization value is accepted, over gRPC, gRPC-Web and Connect. */
async function acceptedOver(authorization: string | undefined) {
  const h = authorization === undefined ? {} : { authorization }
  const grpc = await h2Request(tcp, { ':path': INTERCEPT, ...h }, frame(interceptRequest()))
  const web = await h1Request(portOf(d), {
    path: INTERCEPT,
    headers: { 'content-type': 'application/grpc-web+proto', ...h },
    body: frame(interceptRequest()),
  })
  const connect = await h1Request(portOf(d), {
    path: INTERCEPT,
    headers: { 'content-type': 'application/proto', ...h },
    body: interceptRequest(),
  })
  return { grpc: grpc.grpcStatus, web: grpcWebStatus(web), connect: connect.status }
}
const ACCEPTED = { grpc: '0', web: '0', connect: 200 }
/** Cases that start their own daemon: a start on a loaded machine can take tens of seconds. */
const DAEMON_START_MS = 120_000

/** Whether this node's HTTP/2 server hands a field with surrounding whitespace to the application. */
async function h2DeliversPaddedFields(): Promise<boolean> {
  const server = http2.createServer({ strictFieldWhitespaceValidation: false } as http2.ServerOptions)
  server.on('stream', (s, h) => s.respond({ ':status': h['x-padded'] === undefined ? 404 : 200 }, { endStream: true }))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const session = http2.connect(`http://127.0.0.1:${(server.address() as net.AddressInfo).port}`)
    const status = await new Promise((resolve) =>
      session
        .request({ 'x-padded': ' v ' })
        .once('response', (h) => resolve(h[':status']))
        .end(),
    )
    session.destroy()
    return status === 200
  } finally {
    server.close()
  }
}
const REFUSED = { grpc: String(Code.Unauthenticated), web: String(Code.Unauthenticated), connect: 401 }

describe('bearer token', () => {
  it.each([
    ['canonical', `Bearer ${TOKEN}`],
    ['lower-case scheme', `bearer ${TOKEN}`],
    ['upper-case scheme', `BEARER ${TOKEN}`],
    ['several spaces and a tab between', `Bearer  \t ${TOKEN}`],
  ])('accepted: %s, on every protocol', async (_, value) => {
    expect(await acceptedOver(value)).toEqual(ACCEPTED)
  })

  it.each([
    ['a space around the value', ` Bearer ${TOKEN} `],
    ['a tab after the token', `Bearer ${TOKEN}\t`],
  ])('surrounding whitespace is not part of the credentials: %s', async (_, value) => {
    // HTTP/1.1 (Connect, gRPC-Web) strips it in the parser. HTTP/2 delivers such a field only where
    // node has strictFieldWhitespaceValidation (≥ 22.2); node 20's HTTP/2 layer drops the whole
    // field (RFC 9113 §8.2.1: malformed), so there the stream arrives with no token.
    const delivered = await h2DeliversPaddedFields()
    expect(await acceptedOver(value)).toEqual(delivered ? ACCEPTED : { ...ACCEPTED, grpc: String(Code.Unauthenticated) })
  })

  it.each([
    ['no header', undefined],
    ['another scheme', `Basic ${TOKEN}`],
    ['no scheme', TOKEN],
    ['empty token', 'Bearer '],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, -1)}`],
    ['the token and more', `Bearer ${TOKEN}x`],
    ['two tokens', `Bearer ${TOKEN} ${TOKEN}`],
    ['another token of the same length', `Bearer ${'z'.repeat(TOKEN.length)}`],
  ])('refused: %s, on every protocol', async (_, value) => {
    expect(await acceptedOver(value)).toEqual(REFUSED)
    await expectServing(d)
  })

  it('compares fixed-length digests: tokens of any length cost the same comparison', () => {
    const check = new TokenCheck(TOKEN)
    expect(check.accepts(`Bearer ${TOKEN}`)).toBe(true)
    expect(check.accepts(`Bearer ${'a'.repeat(10_000)}`)).toBe(false)
    expect(check.accepts(undefined)).toBe(false)
    expect(() => new TokenCheck('a'.repeat(15))).toThrow(/at least 16 bytes/)
  })

  it('answers an unauthenticated 13 MB upload from its headers: the body is never read', async () => {
    const before = await refusedCount(d, 'unauthenticated')
    const socket = tcp()
    const answer = untilClosed(socket)
    socket.write(`POST ${INTERCEPT} HTTP/1.1\r\nHost: x\r\nContent-Type: application/proto\r\nContent-Length: ${13 * 1024 * 1024}\r\n\r\n`)
    socket.write(Buffer.alloc(16 * 1024))
    const text = await answer
    expect(text).toMatch(/^HTTP\/1\.1 401 /)
    expect(text).toContain('"code":"unauthenticated"')
    expect(text.toLowerCase()).toContain('www-authenticate: bearer')
    expect(await refusedCount(d, 'unauthenticated')).toBe(before + 1)
    await expectServing(d)
  })

  it('answers an unauthenticated HTTP/2 stream and resets it while the client is still sending', async () => {
    const a = await h2Request(tcp, { ':path': INTERCEPT }, frame(new Uint8Array(1000)).subarray(0, 100), { end: false })
    expect(a.grpcStatus).toBe(String(Code.Unauthenticated))
    // Closed before the body was sent: RST_STREAM(NO_ERROR) ("stop sending, the answer is complete"),
    // which node's client reports as the GOAWAY's ENHANCE_YOUR_CALM that follows on a connection
    // that never showed the token.
    expect([http2.constants.NGHTTP2_NO_ERROR, http2.constants.NGHTTP2_ENHANCE_YOUR_CALM]).toContain(a.rstCode)
    await expectServing(d)
  })

  it('one policy on TCP: health and /metrics need the token too; the Unix socket needs none', async () => {
    const health = await h2Request(tcp, { ':path': '/grpc.health.v1.Health/Check' }, frame(new Uint8Array()))
    expect(health.grpcStatus).toBe(String(Code.Unauthenticated))
    const watch = await h2Request(tcp, { ':path': WATCH }, frame(new Uint8Array()))
    expect(watch.grpcStatus).toBe(String(Code.Unauthenticated))
    expect((await h1Request(portOf(d), { method: 'GET', path: '/metrics' })).status).toBe(401)
    expect((await h1Request(portOf(d), { method: 'GET', path: '/metrics', headers: { authorization: `bearer ${TOKEN}` } })).status).toBe(
      200,
    )
    const overSocket = await h2Request(
      () => net.connect(d.socketPath),
      { ':path': '/grpc.health.v1.Health/Check' },
      frame(new Uint8Array()),
    )
    expect(overSocket.grpcStatus).toBe('0')
  })
})

describe('CORS', () => {
  const preflight = (origin: string) =>
    fetch(`http://${d.tcp}${INTERCEPT}`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    })

  it('answers preflights for the listed origins only', async () => {
    for (const origin of ['https://app.example', 'http://localhost:5173']) {
      const res = await preflight(origin)
      expect(res.status).toBe(204)
      expect(res.headers.get('access-control-allow-origin')).toBe(origin)
      expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization')
    }
    for (const origin of ['https://evil.example', 'https://app.example.evil', 'null']) {
      const res = await preflight(origin)
      expect(res.status).toBe(401)
      expect(res.headers.get('access-control-allow-origin')).toBeNull()
    }
  })

  it(
    'none by default',
    async () => {
      const e = await startDaemonProcess(['--tcp', '127.0.0.1:0', '--memory'], { TRACEHOUND_TOKEN: TOKEN })
      try {
        const res = await fetch(`http://${e.tcp}${INTERCEPT}`, {
          method: 'OPTIONS',
          headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
        })
        expect(res.headers.get('access-control-allow-origin')).toBeNull()
      } finally {
        await e.stop()
      }
    },
    DAEMON_START_MS,
  )
})

describe('start-up refusals', () => {
  const refusal = (args: string[], env: NodeJS.ProcessEnv) =>
    startDaemonProcess(['--memory', ...args], env).then(
      async (e) => {
        await e.stop()
        return 'started'
      },
      (err: Error) => err.message,
    )

  it(
    'a token shorter than 16 bytes',
    async () => {
      expect(await refusal(['--tcp', '127.0.0.1:0'], { TRACEHOUND_TOKEN: 'a'.repeat(15) })).toMatch(
        /bearer token must be at least 16 bytes \(it is 15\)/,
      )
    },
    DAEMON_START_MS,
  )

  it(
    'an empty token file, with a message saying so',
    async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'th-token-')), 'token')
      writeFileSync(file, '\n')
      expect(await refusal(['--tcp', '127.0.0.1:0', '--token-file', file], {})).toMatch(/--token-file .* is empty/)
    },
    DAEMON_START_MS,
  )

  it(
    '--cors-origin with --insecure-no-auth, and a wildcard origin',
    async () => {
      expect(await refusal(['--tcp', '127.0.0.1:0', '--insecure-no-auth', '--cors-origin', 'https://app.example'], {})).toMatch(
        /cannot go with --insecure-no-auth/,
      )
      expect(await refusal(['--tcp', '127.0.0.1:0', '--cors-origin', '*'], { TRACEHOUND_TOKEN: TOKEN })).toMatch(/exact origin/)
    },
    DAEMON_START_MS,
  )
})

describe('data directory', () => {
  it(
    'an existing directory open to group and others is set to 0700, and the log says so',
    async () => {
      const dataDir = join(mkdtempSync(join(tmpdir(), 'th-dd-')), 'state')
      mkdirSync(dataDir)
      chmodSync(dataDir, 0o755)
      const e = await startDaemonProcess([], { TRACEHOUND_DATA_DIR: dataDir })
      try {
        expect(statSync(dataDir).mode & 0o777).toBe(0o700)
        expect(e.logs.find((l) => l.msg === 'data dir was open to group or others; set to 0700')).toMatchObject({ was: '755', now: '700' })
      } finally {
        await e.stop()
      }
    },
    DAEMON_START_MS,
  )

  it('a directory owned by another user is refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'th-dd-'))
    const owner = statSync(dir).uid
    expect(() => secureDataDir(dir, owner + 1)).toThrow(`data dir ${dir} is owned by uid ${owner}, not by this user (uid ${owner + 1})`)
    expect(secureDataDir(dir, owner)).toEqual({ dir })
  })

  it(
    'a restart logs what it verified, with counts',
    async () => {
      const dataDir = join(mkdtempSync(join(tmpdir(), 'th-dd-')), 'state')
      const env = { TRACEHOUND_DATA_DIR: dataDir, TRACEHOUND_MAC_KEYS: `k1:${'ab'.repeat(32)}` }
      const first = await startDaemonProcess([], env)
      const { createTracehoundClient } = await import('../src/client/index.js')
      // A loaded machine can take longer than the default 1 s deadline for a first, fsynced call.
      const c = createTracehoundClient({ socketPath: first.socketPath, timeoutMs: 20_000, callTimeoutMs: 20_000, failMode: 'closed' })
      const v = await c.intercept({
        id: 'q',
        payload: { a: 1 },
        source: 's',
        timestamp: 1,
        threat: { category: 'injection', severity: 'high' },
      })
      expect(v.status).toBe('quarantined')
      if (v.status === 'quarantined') await c.neutralize(v.handle.signature)
      c.close()
      await first.stop()
      const again = await startDaemonProcess([], env)
      try {
        const line = again.logs.find((l) => String(l.msg).startsWith('ledger verified'))
        // Two log entries (the capture and its purge), one v1 record (the neutralization).
        expect(line).toMatchObject({
          msg: 'ledger verified: audit log, tree head, evidence and MACs',
          treeSize: 2,
          auditRecords: 1,
          evidence: 0,
          macKeys: 1,
        })
      } finally {
        await again.stop()
      }
    },
    DAEMON_START_MS,
  )
})
