/**
 * Runs hounds as child processes: `node <flags> <script>` with stdio pipes
 * carrying hound-ipc frames. Isolation comes from the separate process, the
 * SIGKILL on kill() and the pool's timeout; the constraints below are
 * declarations (only the heap limit is enforced, by V8).
 */

import { type ChildProcess, spawn } from 'node:child_process'
import { Errors } from '../core/index.js'
import { createMessageParser, encodeMessage } from './hound-ipc.js'

/** A running hound process. */
export interface HoundHandle {
  readonly pid: number
}

/** Called once when a hound process exits. */
export type ExitCallback = (code: number | null, signal: string | null) => void
/** Called with each IPC frame payload a hound sends. */
export type MessageCallback = (payload: ArrayBuffer) => void

/** Declared limits of a hound process; only the heap limit is enforced (by V8). */
export interface HoundProcessConstraints {
  /** V8 old-space limit, enforced via --max-old-space-size */
  maxMemoryMB?: number
  /** Declared intent only; not enforced from JavaScript. */
  networkAccess: false
  fileSystemWrite: false
  childSpawn: false
}

/** 128 MB heap; no network, file writes or child processes declared. */
export const DEFAULT_CONSTRAINTS: Readonly<HoundProcessConstraints> = Object.freeze({
  maxMemoryMB: 128,
  networkAccess: false,
  fileSystemWrite: false,
  childSpawn: false,
})

/** Spawns, feeds, watches and kills hound processes (swappable for tests). */
export interface IHoundProcessAdapter {
  /** Throws when the process cannot be started. */
  spawn(scriptPath: string, constraints?: Partial<HoundProcessConstraints>): HoundHandle
  /** Writes one IPC frame to the process. */
  send(handle: HoundHandle, payload: ArrayBuffer): void
  /** SIGKILL; no-op for a process already gone. */
  kill(handle: HoundHandle): void
  /** Calls `callback` when the process exits. */
  onExit(handle: HoundHandle, callback: ExitCallback): void
  /** Calls `callback` with each frame the process sends. */
  onMessage(handle: HoundHandle, callback: MessageCallback): void
}

/** The node flags a hound starts with. */
export function houndExecArgv(constraints: Partial<HoundProcessConstraints> = {}): string[] {
  const { maxMemoryMB } = { ...DEFAULT_CONSTRAINTS, ...constraints }
  return [
    ...(maxMemoryMB ? [`--max-old-space-size=${maxMemoryMB}`] : []),
    '--disable-proto=throw',
    '--disallow-code-generation-from-strings',
  ]
}

/** The child_process adapter (see the module comment). */
export function createProcessAdapter(): IHoundProcessAdapter {
  const children = new WeakMap<HoundHandle, ChildProcess>()
  const childOf = (handle: HoundHandle) => children.get(handle)

  return {
    spawn(scriptPath, constraints) {
      const child = spawn(process.execPath, [...houndExecArgv(constraints), scriptPath], {
        // stderr ignored: an unread pipe would eventually block a chatty child.
        stdio: ['pipe', 'pipe', 'ignore'],
        windowsHide: true,
      })
      if (child.pid === undefined) {
        child.on('error', () => {})
        throw Errors.processSpawnFailed(scriptPath)
      }
      // Without listeners these would be thrown into the host as uncaught errors.
      child.on('error', () => child.kill('SIGKILL'))
      child.stdin?.on('error', () => child.kill('SIGKILL'))
      const handle: HoundHandle = Object.freeze({ pid: child.pid })
      children.set(handle, child)
      return handle
    },

    send(handle, payload) {
      const child = childOf(handle)
      if (child?.stdin?.writable) child.stdin.write(encodeMessage(payload))
    },

    kill(handle) {
      const child = childOf(handle)
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    },

    onExit(handle, callback) {
      childOf(handle)?.once('exit', (code, signal) => callback(code, signal))
    },

    onMessage(handle, callback) {
      const child = childOf(handle)
      if (!child?.stdout) return
      const parser = createMessageParser()
      child.stdout.on('data', (chunk: Buffer) => {
        let frames: ArrayBuffer[]
        try {
          frames = parser.feed(chunk)
        } catch {
          // A corrupt length prefix means the stream can no longer be trusted.
          child.kill('SIGKILL')
          return
        }
        for (const frame of frames) callback(frame)
      })
    },
  }
}
