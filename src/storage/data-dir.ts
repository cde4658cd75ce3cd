/** Where the daemon keeps its ledger unless told otherwise (XDG base directory spec, state data). */

import { homedir } from 'node:os'
import { join } from 'node:path'

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TRACEHOUND_DATA_DIR) return env.TRACEHOUND_DATA_DIR
  const state = env.XDG_STATE_HOME || join(homedir(), '.local', 'state')
  return join(state, 'tracehound')
}

export const LEDGER_FILE = 'ledger.sqlite'
