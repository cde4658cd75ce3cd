/** Typed storage errors: each names the file or record it is about. */

export class LedgerError extends Error {
  override name = 'LedgerError'
}

/** Another live process holds the data directory. */
export class LedgerLockedError extends LedgerError {
  override name = 'LedgerLockedError'
}

/** The file was written by a newer schema than this build knows. */
export class LedgerVersionError extends LedgerError {
  override name = 'LedgerVersionError'
}

/** Writes are refused: unacknowledged integrity problems, or an earlier commit failed. */
export class LedgerRefusedError extends LedgerError {
  override name = 'LedgerRefusedError'
}
