/** A process adapter without processes, for tests: the test plays the child through simulateMessage/simulateExit. */

import type { ExitCallback, HoundHandle, IHoundProcessAdapter, MessageCallback } from './process-adapter.js'

/** What the mock adapter recorded about one fake process. */
export interface MockProcessState {
  pid: number
  alive: boolean
  exitCallbacks: ExitCallback[]
  messageCallbacks: MessageCallback[]
  /** Everything sent to this process, in order */
  receivedPayloads: ArrayBuffer[]
}

/** A process adapter without processes, for tests: inspect and drive fake hounds. */
export interface MockAdapter extends IHoundProcessAdapter {
  /** Every fake process and what it received. */
  getMockProcesses(): Map<number, MockProcessState>
  /** Makes a fake process exit. */
  simulateExit(pid: number, code: number | null): void
  /** Makes a fake process send a frame. */
  simulateMessage(pid: number, payload: ArrayBuffer): void
}

/** A MockAdapter whose fake pids start at `firstPid`. */
export function createMockAdapter(options: { firstPid?: number } = {}): MockAdapter {
  const processes = new Map<number, MockProcessState>()
  let nextPid = options.firstPid ?? 1000
  const live = (pid: number) => {
    const state = processes.get(pid)
    return state?.alive ? state : undefined
  }
  const exit = (pid: number, code: number | null, signal: string | null) => {
    const state = live(pid)
    if (!state) return
    state.alive = false
    for (const callback of [...state.exitCallbacks]) callback(code, signal)
  }

  return {
    spawn(): HoundHandle {
      const pid = nextPid++
      processes.set(pid, { pid, alive: true, exitCallbacks: [], messageCallbacks: [], receivedPayloads: [] })
      return Object.freeze({ pid })
    },
    send(handle, payload) {
      live(handle.pid)?.receivedPayloads.push(payload)
    },
    kill(handle) {
      exit(handle.pid, null, 'SIGKILL')
    },
    onExit(handle, callback) {
      processes.get(handle.pid)?.exitCallbacks.push(callback)
    },
    onMessage(handle, callback) {
      processes.get(handle.pid)?.messageCallbacks.push(callback)
    },
    getMockProcesses: () => processes,
    simulateExit(pid, code) {
      exit(pid, code, null)
    },
    simulateMessage(pid, payload) {
      for (const callback of [...(live(pid)?.messageCallbacks ?? [])]) callback(payload)
    },
  }
}
