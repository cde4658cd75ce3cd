/** Runs verifyLedgerFile on a worker thread (full-check-worker.mjs): the daemon's periodic full check. */

import { Worker } from 'node:worker_threads'
import type { MacKey } from '../core/index.js'
import type { IntegrityProblem } from './integrity.js'

export interface FullCheckResult {
  problems: IntegrityProblem[]
  entries: number
  ms: number
  /** The check thread's nice value: 19 on Linux, where it yields the CPU to the daemon. */
  nice: number
}

export function fullCheck(dataDir: string, macKeys: readonly MacKey[]): Promise<FullCheckResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./full-check-worker.mjs', import.meta.url), { workerData: { dataDir, macKeys } })
    worker.unref() // a check in progress never keeps the process alive
    worker.once('message', (m: FullCheckResult | { error: string }) => {
      void worker.terminate()
      if ('error' in m) reject(new Error(m.error))
      else resolve(m)
    })
    worker.once('error', reject)
  })
}
