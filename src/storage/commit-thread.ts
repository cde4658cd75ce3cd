/** The main-thread side of commit-worker.mjs: one batch in flight at a time, answered in order. */

import { Worker } from 'node:worker_threads'
import { LEDGER_CACHE_KIB } from './data-dir.js'
import { WRITE_SQL, type WriteRow } from './write-rows.js'

export class CommitThread {
  readonly #worker: Worker
  readonly #waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>()
  #next = 0

  constructor(path: string) {
    this.#worker = new Worker(new URL('./commit-worker.mjs', import.meta.url), {
      workerData: { path, sql: WRITE_SQL, cacheKib: LEDGER_CACHE_KIB },
    })
    this.#worker.unref() // an idle ledger never keeps the process alive
    this.#worker.on('message', (m: { id: number; error?: string }) => {
      const w = this.#waiting.get(m.id)
      this.#waiting.delete(m.id)
      if (m.error === undefined) w?.resolve()
      else w?.reject(new Error(m.error))
    })
    this.#worker.on('error', (e) => this.#failAll(e))
    this.#worker.on('exit', () => this.#failAll(new Error('ledger commit thread exited')))
  }

  /** Resolves once the batch is committed and fsynced. */
  write(rows: WriteRow[]): Promise<void> {
    const id = this.#next++
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject })
      this.#worker.postMessage({ id, rows })
    })
  }

  close(): void {
    this.#worker.postMessage('close')
  }

  #failAll(e: Error): void {
    for (const w of this.#waiting.values()) w.reject(e)
    this.#waiting.clear()
  }
}
