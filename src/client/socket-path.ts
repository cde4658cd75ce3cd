/** Where tracehoundd listens by default; the daemon and the Node client agree on it. */

import { tmpdir } from 'node:os'
import { join } from 'node:path'

export function defaultSocketPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.TRACEHOUND_SOCKET || join(env.XDG_RUNTIME_DIR || tmpdir(), 'tracehoundd.sock')
}
