/**
 * When the engine's changes become durable, relative to the answer that reports them. The engine
 * calls `commit` after every call that may have changed durable state, before the answer leaves:
 * the embedded library commits right there (one transaction per verdict), a server groups the
 * changes of many concurrent calls into one commit and awaits it before replying.
 */

import type { StoragePort } from './storage-port.js'

/** The engine's durability policy (see the module comment). */
export interface DurabilityPort {
  /**
   * Makes every change so far durable: synchronously (returns undefined; throws when the commit
   * failed), or later (returns a promise that settles once the changes are on disk, rejecting when
   * they could not be; the host awaits it before it answers).
   */
  commit(): Promise<void> | undefined
}

/** One synchronous commit per change: nothing is answered before its writes are committed. */
export function commitEachChange(storage: Pick<StoragePort, 'commit'>): DurabilityPort {
  return {
    commit() {
      storage.commit()
      return undefined
    },
  }
}
