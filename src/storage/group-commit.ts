/**
 * Group commit for a server: the writes of every call handled while the previous batch was being
 * fsynced go into the next single transaction, written on the ledger's commit thread; each call
 * awaits `durable()` before it replies, so no reply precedes the fsync of its writes, and the
 * event loop never waits for the disk.
 */

import type { Ledger } from './ledger.js'

interface Batch {
  promise: Promise<void>
  resolve: () => void
  reject: (e: unknown) => void
}

function batch(): Batch {
  let resolve!: () => void
  let reject!: (e: unknown) => void
  const promise = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  promise.catch(() => undefined) // delivered to every awaiting call, never unhandled
  return { promise, resolve, reject }
}

/** Batches the writes of concurrent calls into one fsynced transaction (see the module comment). */
export class GroupCommit {
  /** Collecting reports, not yet handed to the commit thread. */
  #open: Batch | undefined
  /** Being written and fsynced. */
  #inFlight: Batch | undefined

  constructor(private readonly ledger: Ledger) {
    ledger.onPending = () => {
      this.#open ??= batch()
      // Let the rest of this turn's calls join the batch; a batch in flight sends it when done.
      if (!this.#inFlight) setImmediate(() => this.#send())
    }
  }

  /** Settles once everything reported so far is on disk; undefined when nothing is pending (no await needed). */
  durable(): Promise<void> | undefined {
    // Batches complete in order: the newest covers every earlier one.
    return (this.#open ?? this.#inFlight)?.promise
  }

  #send(): void {
    if (this.#inFlight || !this.#open) return
    const sending = this.#open
    this.#open = undefined
    this.#inFlight = sending
    this.ledger
      .commitAsync()
      .then(sending.resolve, sending.reject)
      .finally(() => {
        this.#inFlight = undefined
        this.#send()
      })
  }
}
