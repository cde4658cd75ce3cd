/** Where the daemon keeps its ledger unless told otherwise (XDG base directory spec, state data). */

import { homedir } from 'node:os'
import { join } from 'node:path'

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TRACEHOUND_DATA_DIR) return env.TRACEHOUND_DATA_DIR
  const state = env.XDG_STATE_HOME || join(homedir(), '.local', 'state')
  return join(state, 'tracehound')
}

export const LEDGER_FILE = 'ledger.sqlite'

/**
 * SQLite's page cache per connection, in KiB (better-sqlite3 builds with 16 MB). Proofs and
 * commits touch a few pages each and the OS caches the file anyway, so a large cache would only
 * add resident memory that grows with the ledger; as a pragma: `cache_size = -LEDGER_CACHE_KIB`.
 */
export const LEDGER_CACHE_KIB = 2048
