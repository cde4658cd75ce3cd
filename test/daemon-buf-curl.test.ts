/** tracehoundd with `buf curl` (from @bufbuild/buf): all three protocols, over the Unix socket and TCP. */

import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningDaemon, startDaemonProcess } from './daemon-harness.js'

const ROOT = new URL('..', import.meta.url).pathname
const TOKEN = 'buf-curl-token-0123456789'
let d: RunningDaemon

beforeAll(async () => {
  d = await startDaemonProcess(['--tcp', '127.0.0.1:0'], { TRACEHOUND_TOKEN: TOKEN })
})
afterAll(async () => {
  await d?.stop()
})

async function bufCurl(args: string[], method: string, body: unknown) {
  const { stdout } = await promisify(execFile)(
    join(ROOT, 'node_modules/.bin/buf'),
    ['curl', '--schema', 'proto', '--timeout', '10s', ...args, '--data', JSON.stringify(body), method],
    { cwd: ROOT },
  )
  return JSON.parse(stdout) as Record<string, unknown>
}

/** The hand-written form: the payload's canonical text in payload_json (clients send payload_cjson bytes). */
const scent = (id: string) => ({
  scent: {
    id,
    source: `curl-${id}`,
    timestampMs: '1',
    payloadJson: `{"curl":"${id}"}`,
    threat: { category: 'THREAT_CATEGORY_SPAM', severity: 'SEVERITY_LOW' },
  },
})

describe('buf curl', () => {
  it.each([
    ['grpc', ['--protocol', 'grpc', '--http2-prior-knowledge']],
    ['connect', ['--protocol', 'connect']],
    ['grpcweb', ['--protocol', 'grpcweb']],
  ])('intercepts over the Unix socket (%s)', async (name, flags) => {
    const res = await bufCurl(
      ['--unix-socket', d.socketPath, ...flags],
      'http://localhost/tracehound.v1.TracehoundService/Intercept',
      scent(`uds-${name}`),
    )
    expect(res).toMatchObject({ verdict: { quarantined: { handle: { severity: 'SEVERITY_LOW' } } } })
  })

  it.each([
    ['grpc', ['--protocol', 'grpc', '--http2-prior-knowledge']],
    ['connect', ['--protocol', 'connect']],
  ])('intercepts over TCP with the bearer token (%s)', async (name, flags) => {
    const url = `http://${d.tcp}/tracehound.v1.TracehoundService/Intercept`
    const res = await bufCurl([...flags, '-H', `Authorization: Bearer ${TOKEN}`], url, scent(`tcp-${name}`))
    expect(res).toMatchObject({ verdict: { quarantined: {} } })
    await expect(bufCurl(flags, url, scent(`anon-${name}`))).rejects.toThrow(/unauthenticated/)
  })

  it('names the offset of a payload_json that is not canonical', async () => {
    const body = { scent: { ...scent('ws').scent, payloadJson: '{"curl": "ws"}' } }
    await expect(
      bufCurl(['--unix-socket', d.socketPath], 'http://localhost/tracehound.v1.TracehoundService/Intercept', body),
    ).rejects.toThrow(/invalid_argument[\s\S]*payload_json is not TH-CJSON-1: expected a value at byte 8/)
  })

  it('reads the tree head and health', async () => {
    const head = await bufCurl(['--unix-socket', d.socketPath], 'http://localhost/tracehound.v1.TracehoundService/GetTreeHead', {})
    expect(head).toHaveProperty('treeHead')
    const health = await bufCurl(
      ['--unix-socket', d.socketPath, '--protocol', 'grpc', '--http2-prior-knowledge'],
      'http://localhost/grpc.health.v1.Health/Check',
      {},
    )
    expect(health).toEqual({ status: 'SERVING' })
  })
})
