/**
 * Limits from the config file: each key reaches the listeners, a flag overrides the file, a reload
 * applies the reloadable caps at once and names the ones that wait for a restart.
 */

import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import * as http2 from 'node:http2'
import * as net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Code } from '@connectrpc/connect'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningDaemon, startDaemonProcess } from './daemon-harness.js'
import { DEFAULT_LIMITS } from '../src/server/limits.js'
import { AUTH, frame, portOf, TOKEN, WATCH } from './hostile-client.js'

const ROOT = new URL('..', import.meta.url).pathname
const configPath = join(mkdtempSync(join(tmpdir(), 'th-limits-')), 'tracehound.json')
const writeLimits = (limits: Record<string, number>) => writeFileSync(configPath, JSON.stringify({ limits }))
const FILE = { maxConcurrentStreams: 7, maxHeaderBytes: 4096, serverStreamsPerConnection: 1, firstByteTimeoutMs: 300, maxConnections: 50 }

let d: RunningDaemon
beforeAll(async () => {
  writeLimits(FILE)
  // The flag wins over the file's maxHeaderBytes.
  d = await startDaemonProcess(['--tcp', '127.0.0.1:0', '--memory', '--no-watch', '--config', configPath, '--max-header-bytes', '5000'], {
    TRACEHOUND_TOKEN: TOKEN,
  })
}, 60_000)
afterAll(async () => {
  await d?.stop()
}, 30_000)

const tcp = () => net.connect(portOf(d), '127.0.0.1')

async function remoteSettings(): Promise<http2.Settings> {
  const session = http2.connect('http://localhost', { createConnection: tcp })
  const settings = await new Promise<http2.Settings>((resolve) => session.once('remoteSettings', resolve))
  session.destroy()
  return settings
}

/** Opens Watch streams on one connection, one after another; their grpc-status (undefined: streaming). */
async function watches(n: number): Promise<(string | undefined)[]> {
  const session = http2.connect('http://localhost', { createConnection: tcp })
  session.on('error', () => undefined)
  const out: (string | undefined)[] = []
  for (let i = 0; i < n; i++) {
    out.push(
      await new Promise<string | undefined>((resolve) => {
        const s = session.request({ ':method': 'POST', ':path': WATCH, 'content-type': 'application/grpc', te: 'trailers', ...AUTH })
        s.on('error', () => undefined)
        s.once('response', (h) => {
          if (h['grpc-status'] !== undefined) resolve(String(h['grpc-status']))
          else s.once('data', () => resolve(undefined))
        })
        s.end(frame(new Uint8Array()))
      }),
    )
  }
  session.destroy()
  return out
}

async function reload(): Promise<{ generation: string; restartRequired?: string[] }> {
  const res = await fetch(`http://${d.tcp}/tracehound.v1.AdminService/ReloadConfig`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...AUTH },
    body: '{}',
  })
  expect(res.status).toBe(200)
  return (await res.json()) as { generation: string; restartRequired?: string[] }
}

describe('limits from the config file', () => {
  it('reach the listeners; a flag overrides the file', async () => {
    expect(await remoteSettings()).toMatchObject({ maxConcurrentStreams: FILE.maxConcurrentStreams, maxHeaderListSize: 5000 })
    expect(await watches(2)).toEqual([undefined, String(Code.ResourceExhausted)])
    // Every limit in force, as the start line reports it.
    expect(d.logs.find((l) => l.msg === 'listening')?.limits).toEqual({ ...DEFAULT_LIMITS, ...FILE, maxHeaderBytes: 5000 })
  })

  it('a reload applies the reloadable caps at once and names the rest, which keep their value', async () => {
    writeLimits({ ...FILE, serverStreamsPerConnection: 2, maxConcurrentStreams: 9, maxHeaderBytes: 6000 })
    const answer = await reload()
    // maxHeaderBytes is set by a flag: no change, nothing to restart for.
    expect(answer.restartRequired).toEqual(['limits.maxConcurrentStreams'])
    expect(await watches(3)).toEqual([undefined, undefined, String(Code.ResourceExhausted)])
    expect(await remoteSettings()).toMatchObject({ maxConcurrentStreams: FILE.maxConcurrentStreams, maxHeaderListSize: 5000 })
    await expect
      .poll(() => d.logs.find((l) => l.msg === 'config reloaded; these keys keep their old value until a restart'))
      .toMatchObject({ restartRequired: ['limits.maxConcurrentStreams'] })
  })

  it('a bad value is rejected naming the key, and the old limits keep serving', async () => {
    writeLimits({ ...FILE, serverStreamsPerConnection: 0 })
    const res = await fetch(`http://${d.tcp}/tracehound.v1.AdminService/ReloadConfig`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...AUTH },
      body: '{}',
    })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { message: string }).message).toMatch(/server_streams_per_connection/)
    expect(await watches(3)).toEqual([undefined, undefined, String(Code.ResourceExhausted)])
  })

  it('a bad value in the file refuses the start with the file and the key named', async () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'th-limits-')), 'bad.json')
    writeFileSync(bad, JSON.stringify({ limits: { idleTimeoutMs: 2 ** 31 } }))
    // Waits for the exit itself: a loaded machine can take longer than the harness's start window.
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          join(ROOT, 'src/cli/tracehoundd.ts'),
          '--memory',
          '--no-socket',
          '--tcp',
          '127.0.0.1:0',
          '--insecure-no-auth',
          '--config',
          bad,
        ],
        { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
      )
      let stderr = ''
      child.stderr.on('data', (c) => (stderr += c))
      child.once('exit', (code) => resolve({ code, stderr }))
    })
    expect(code).toBe(1)
    expect(stderr).toContain(bad)
    expect(stderr).toMatch(/limits\.idle_timeout_ms: must be greater than or equal to 1 and less than or equal to 2147483647/)
  }, 120_000)
})
