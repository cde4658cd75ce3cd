/** tracehoundd TCP with TLS: HTTP/2 (gRPC) and HTTP/1.1 (browser protocols) over one port, ALPN-negotiated. */

import { Agent, request } from 'node:https'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createTracehoundClient } from '../src/client/index.js'
import { type RunningDaemon, startDaemonProcess } from './daemon-harness.js'
import { selfSignedCert } from './tls-cert.js'

const TOKEN = 'tls-token-0123456789'
let d: RunningDaemon
let ca: Buffer

beforeAll(async () => {
  const { cert, key, ca: trusted } = selfSignedCert()
  ca = trusted
  d = await startDaemonProcess(['--tcp', '127.0.0.1:0', '--tls-cert', cert, '--tls-key', key], { TRACEHOUND_TOKEN: TOKEN })
})
afterAll(async () => {
  await d?.stop()
})

it.each(['grpc', 'connect'] as const)('serves the Node client over HTTP/2 with TLS (%s)', async (protocol) => {
  const c = createTracehoundClient({ baseUrl: `https://${d.tcp}`, token: TOKEN, ca, protocol, failMode: 'closed' })
  expect(await c.intercept({ id: 'tls', payload: 1, source: `tls-${protocol}`, timestamp: 1 })).toEqual({ status: 'clean' })
  c.close()
})

it('serves HTTP/1.1 over TLS for browsers (Connect JSON)', async () => {
  const body = JSON.stringify({ scent: { id: 'h1', source: 'h1-tls', timestampMs: '1' } })
  const res = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      `https://${d.tcp}/tracehound.v1.TracehoundService/Intercept`,
      { method: 'POST', agent: new Agent({ ca }), headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` } },
      (r) => {
        let text = ''
        r.on('data', (c) => (text += c))
        r.on('end', () => resolve({ status: r.statusCode ?? 0, text }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
  expect(res.status).toBe(200)
  expect(JSON.parse(res.text)).toEqual({ verdict: { clean: {} } })
})
