/** Starts the real tracehoundd as a child process for end-to-end tests. */

import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

export interface RunningDaemon {
  child: ChildProcess
  dir: string
  socketPath: string
  /** host:port when started with --tcp. */
  tcp: string | undefined
  /** Every log line so far, parsed. */
  logs: Record<string, unknown>[]
  /** Resolves with the next log line whose msg matches. */
  nextLog(msg: string, timeoutMs?: number): Promise<Record<string, unknown>>
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>
}

const ROOT = new URL('..', import.meta.url).pathname

/**
 * `defaultSocket`: pass no --socket, so the daemon picks its default path from `env`. `built`: run
 * dist/cli/tracehoundd.js (what the package ships; `npm run build` first) instead of the sources under tsx.
 * `startTimeoutMs`: how long to wait for the "listening" log (default 120 s).
 */
export async function startDaemonProcess(
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
  o: { defaultSocket?: boolean; built?: boolean; startTimeoutMs?: number } = {},
): Promise<RunningDaemon> {
  const dir = mkdtempSync(join(tmpdir(), 'thd-'))
  const socketPath = join(dir, 'th.sock')
  const socketArgs = o.defaultSocket ? [] : ['--socket', socketPath]
  const entry = o.built ? [join(ROOT, 'dist/cli/tracehoundd.js')] : ['--import', 'tsx', join(ROOT, 'src/cli/tracehoundd.ts')]
  const child = spawn(process.execPath, [...entry, ...socketArgs, ...args], {
    cwd: ROOT,
    // Each daemon its own ledger: none shares state with another test or with ~/.local/state.
    env: { ...process.env, TRACEHOUND_TOKEN: '', TRACEHOUND_DATA_DIR: join(dir, 'state'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const logs: Record<string, unknown>[] = []
  const waiters: { msg: string; resolve: (l: Record<string, unknown>) => void }[] = []
  let stderr = ''
  child.stderr?.on('data', (d) => (stderr += d))
  createInterface({ input: child.stdout! }).on('line', (line) => {
    let entry: Record<string, unknown>
    try {
      entry = JSON.parse(line) as Record<string, unknown>
    } catch {
      return
    }
    logs.push(entry)
    for (const w of waiters.splice(0)) {
      if (w.msg === entry.msg) w.resolve(entry)
      else waiters.push(w)
    }
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))

  const nextLog = (msg: string, timeoutMs = 15_000) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "${msg}" log within ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs)
      waiters.push({
        msg,
        resolve: (l) => {
          clearTimeout(timer)
          resolve(l)
        },
      })
      void exited.then((code) => reject(new Error(`daemon exited (${code}) before "${msg}": ${stderr}`)))
    })

  // A loaded machine can take tens of seconds to start tsx: the bound only stops a daemon that hangs.
  // A daemon that did not come up in time is not left running (under load it would only add to it).
  const listening = await nextLog('listening', o.startTimeoutMs ?? 120_000).catch((e: unknown) => {
    child.kill('SIGKILL')
    throw e
  })
  const addresses = listening.addresses as string[]
  return {
    child,
    dir,
    socketPath,
    tcp: addresses.find((a) => !a.startsWith('unix:')),
    logs,
    nextLog,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM')
      return exited
    },
  }
}
