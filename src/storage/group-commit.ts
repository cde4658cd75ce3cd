/**
 * Group commit for a server: the writes of every call handled in one turn of the event loop go
 * into a single transaction, committed (fsynced) right after that turn; each call awaits
 * `durable()` before it replies, so no reply precedes the fsync of its writes.
 */

import type { Ledger } from './ledger.js'

export class GroupCommit {
  #batch: { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void } | undefined

  constructor(private readonly ledger: Ledger) {
    ledger.onPending = () => this.#schedule()
  }

  /** Resolves once everything reported so far is on disk; undefined when nothing is pending (no await needed). */
  durable(): Promise<void> | undefined {
    return this.#batch?.promise
  }

  #schedule(): void {
    if (this.#batch) return
    let resolve!: () => void
    let reject!: (e: unknown) => void
    const promise = new Promise<void>((res, rej) => {
      resolve = res
      reject = rej
    })
    promise.catch(() => undefined) // a failure is delivered to every awaiting call, never unhandled
    this.#batch = { promise, resolve, reject }
    setImmediate(() => this.#flush())
  }

  #flush(): void {
    const batch = this.#batch!
    this.#batch = undefined
    try {
      this.ledger.commit()
      batch.resolve()
    } catch (e) {
      batch.reject(e)
    }
  }
}
