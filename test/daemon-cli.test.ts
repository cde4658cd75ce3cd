/** tracehoundd's command line: --print-socket, the default socket directory, the token file. */

import { spawn } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createTracehoundClient, defaultSocketPath } from '../src/client/index.js'
import { startDaemonProcess, type RunningDaemon } from './daemon-harness.js'

const ROOT = new URL('..', import.meta.url).pathname
const uid = process.getuid?.()

/** Runs the CLI to completion; the env replaces the socket-related variables entirely. */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const base = { ...process.env }
  delete base.XDG_RUNTIME_DIR
  delete base.TRACEHOUND_SOCKET
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/tracehoundd.ts'), ...args], {
    cwd: ROOT,
    env: { ...base, TRACEHOUND_MEMORY: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => (stderr += d))
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })))
}

const tmp = () => mkdtempSync(join(tmpdir(), 'th-cli-'))

describe('tracehoundd --print-socket', () => {
  it('prints the default path: ${TMPDIR}/tracehound-<uid>/tracehoundd.sock without XDG_RUNTIME_DIR', async () => {
    const t = tmp()
    const r = await run(['--print-socket'], { TMPDIR: t })
    expect(r).toMatchObject({ code: 0, stdout: `${t}/tracehound-${uid}/tracehoundd.sock\n` })
  })
  it('prints $XDG_RUNTIME_DIR/tracehound/tracehoundd.sock when XDG_RUNTIME_DIR is set', async () => {
    const r = await run(['--print-socket'], { XDG_RUNTIME_DIR: '/run/user/77', TMPDIR: '/var/tmp' })
    expect(r).toMatchObject({ code: 0, stdout: '/run/user/77/tracehound/tracehoundd.sock\n' })
  })
  it('prints what --socket or TRACEHOUND_SOCKET chose', async () => {
    expect((await run(['--print-socket', '--socket', '/srv/a.sock'], {})).stdout).toBe('/srv/a.sock\n')
    expect((await run(['--print-socket'], { TRACEHOUND_SOCKET: '/srv/b.sock' })).stdout).toBe('/srv/b.sock\n')
  })
})

describe('default socket directory', () => {
  it('refuses to start when the directory is open to other users', async () => {
    const t = tmp()
    mkdirSync(join(t, `tracehound-${uid}`))
    chmodSync(join(t, `tracehound-${uid}`), 0o777)
    const r = await run([], { TMPDIR: t })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`tracehoundd: the socket directory ${t}/tracehound-${uid} is open to other users (mode 777)`)
  })

  let d: RunningDaemon | undefined
  afterAll(async () => {
    await d?.stop()
  })
  it('serves on the default path in a directory it creates 0700; a client with no path finds it', async () => {
    const t = tmp()
    const env = { TMPDIR: t, XDG_RUNTIME_DIR: '', TRACEHOUND_SOCKET: '' }
    d = await startDaemonProcess([], env, { defaultSocket: true })
    const socketPath = defaultSocketPath(env)
    expect(d.logs.find((l) => l.msg === 'listening')?.addresses).toContain(`unix:${socketPath}`)
    expect(statSync(join(t, `tracehound-${uid}`)).mode & 0o777).toBe(0o700)
    // A generous deadline: a loaded machine must not turn this into a degraded (fail-open) clean.
    const client = createTracehoundClient({ socketPath, timeoutMs: 20_000 })
    try {
      const v = await client.intercept({
        id: 'r1',
        source: 's',
        timestamp: 1,
        payload: { q: 1 },
        threat: { category: 'injection', severity: 'high' },
      })
      expect(v).toMatchObject({ status: 'quarantined' })
      const stats = await client.stats()
      expect(JSON.parse(JSON.stringify(stats))).toEqual(stats)
      expect(stats.agent).toMatchObject({ totalIntercepts: 1, quarantined: 1 })
      expect(stats.quarantine.count).toBe(1)
      expect(stats.quarantine.bySeverity).toEqual({ low: 0, medium: 0, high: 1, critical: 0 })
      expect(stats.watcher.byCategory).toMatchObject({ injection: 1 })
    } finally {
      client.close()
    }
  })
})

describe('--token-file', () => {
  it('an empty token file gets its own message', async () => {
    const t = tmp()
    writeFileSync(join(t, 'token'), '\n  \n')
    const r = await run(['--socket', join(t, 's.sock'), '--tcp', '127.0.0.1:0', '--token-file', join(t, 'token')], {})
    expect(r.code).toBe(1)
    expect(r.stderr).toBe(
      `tracehoundd: --token-file ${join(t, 'token')} is empty: write the token (at least 16 bytes, e.g. \`openssl rand -hex 32\`) into it\n`,
    )
  })
})
