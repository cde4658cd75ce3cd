/** The data directory holds quarantined payloads: only the daemon's user may enter it. */

import { chmodSync, statSync } from 'node:fs'
import { TracehoundError } from '../core/index.js'

export type DataDirCheck = { dir: string; tightenedFrom?: number } | undefined

/**
 * An existing directory with group or other access is set to 0700 when this user owns it, and
 * refused when another user does (its owner could read or swap the ledger). A missing one is
 * left to the ledger, which creates it 0700. Returns what was changed, for the log.
 */
export function secureDataDir(dir: string, uid = process.getuid?.()): DataDirCheck {
  const st = statSync(dir, { throwIfNoEntry: false })
  if (!st) return undefined
  if (!st.isDirectory()) throw new TracehoundError('SERVER_DATA_DIR_UNSAFE', `data dir ${dir} exists and is not a directory`)
  if (uid !== undefined && st.uid !== uid) {
    throw new TracehoundError(
      'SERVER_DATA_DIR_UNSAFE',
      `data dir ${dir} is owned by uid ${st.uid}, not by this user (uid ${uid}); refusing to keep evidence there`,
    )
  }
  const mode = st.mode & 0o777
  if ((mode & 0o077) === 0) return { dir }
  chmodSync(dir, 0o700)
  return { dir, tightenedFrom: mode }
}
