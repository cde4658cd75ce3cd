/** Typed storage errors: each names the file or record it is about. */

import { TracehoundError } from '../core/index.js'

type LedgerCode = 'LEDGER_UNREADABLE' | 'LEDGER_LOCKED' | 'LEDGER_VERSION_UNSUPPORTED' | 'LEDGER_REFUSED'

/** A ledger, witness or export file that cannot be used as it is. */
export class LedgerError<C extends LedgerCode = LedgerCode> extends TracehoundError<C> {
  constructor(message: string, options?: { cause?: unknown }, code = 'LEDGER_UNREADABLE' as C) {
    super(code, message, options)
  }

  override get name(): string {
    return 'LedgerError'
  }
}

/** Another live process holds the data directory. */
export class LedgerLockedError extends LedgerError<'LEDGER_LOCKED'> {
  constructor(message: string) {
    super(message, {}, 'LEDGER_LOCKED')
  }

  override get name(): string {
    return 'LedgerLockedError'
  }
}

/** The file was written by a newer schema than this build knows. */
export class LedgerVersionError extends LedgerError<'LEDGER_VERSION_UNSUPPORTED'> {
  constructor(message: string) {
    super(message, {}, 'LEDGER_VERSION_UNSUPPORTED')
  }

  override get name(): string {
    return 'LedgerVersionError'
  }
}

/** Writes are refused: unacknowledged integrity problems, or an earlier commit failed. */
export class LedgerRefusedError extends LedgerError<'LEDGER_REFUSED'> {
  constructor(message: string) {
    super(message, {}, 'LEDGER_REFUSED')
  }

  override get name(): string {
    return 'LedgerRefusedError'
  }
}
