import * as net from 'node:net'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ConnectError } from '@connectrpc/connect'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTracehoundClient } from './node.js'

const scent = { id: 'x', payload: { a: 1 }, source: 'client-test', timestamp: 1, threat: { category: 'spam', severity: 'low' } } as const
const dir = mkdtempSync(join(tmpdir(), 'th-client-'))
const missing = join(dir, 'nobody.sock')
const stalled = join(dir, 'stalled.sock')
let server: net.Server

beforeAll(async () => {
  // Accepts connections and never answers: a hung daemon.
  server = net.createServer(() => undefined)
  await new Promise<void>((r) => server.listen(stalled, r))
})
afterAll(() => {
  server.close()
})

describe('fail-open client', () => {
  it('answers clean, marked degraded, when the daemon is down', async () => {
    const seen: ConnectError[] = []
    const c = createTracehoundClient({ socketPath: missing, onDegraded: (e) => seen.push(e) })
    const v = await c.intercept(scent)
    expect(v).toMatchObject({ status: 'clean', degraded: { code: expect.any(String) } })
    expect(await c.interceptMany([scent, scent])).toHaveLength(2)
    expect(seen.length).toBeGreaterThanOrEqual(3)
    c.close()
  })

  it('keeps its deadline when the daemon hangs', async () => {
    // The handshake's own 5 s deadline must not stretch the intercept's 150 ms. The bound is 10× the
    // deadline (a loaded machine) and still far below the 5 s it would take if it were stretched.
    const c = createTracehoundClient({ socketPath: stalled, timeoutMs: 150 })
    const start = performance.now()
    const v = await c.intercept(scent)
    expect(performance.now() - start).toBeLessThan(10 * 150)
    expect(v).toMatchObject({ status: 'clean', degraded: { code: 'DeadlineExceeded' } })
    c.close()
  })

  it('answers an error verdict instead when fail-closed', async () => {
    const c = createTracehoundClient({ socketPath: missing, failMode: 'closed' })
    expect(await c.intercept(scent)).toMatchObject({
      status: 'error',
      error: { code: 'DAEMON_UNAVAILABLE', recoverable: true },
      degraded: {},
    })
    c.close()
  })

  it('lets management calls reject: they are not on the request path', async () => {
    const c = createTracehoundClient({ socketPath: missing })
    await expect(c.getTreeHead()).rejects.toThrow()
    c.close()
  })
})
