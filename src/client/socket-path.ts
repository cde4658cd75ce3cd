/**
 * Where tracehoundd listens by default. The daemon and every client (TS, Go, Python, Java) resolve
 * it the same way, so neither side needs a path:
 *   TRACEHOUND_SOCKET                                  when set (an explicit choice), else
 *   $XDG_RUNTIME_DIR/tracehound/tracehoundd.sock       when XDG_RUNTIME_DIR is set, else
 *   ${TMPDIR:-/tmp}/tracehound-<uid>/tracehoundd.sock
 * The per-user directory keeps one user's daemon out of another's way in a shared temp folder.
 */

import { userInfo } from 'node:os'
import { join } from 'node:path'

/** The socket path the rule gives for this environment. */
export function defaultSocketPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.TRACEHOUND_SOCKET || join(defaultSocketDir(env), 'tracehoundd.sock')
}

/** The private directory of the default socket (TRACEHOUND_SOCKET ignored). */
export function defaultSocketDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.XDG_RUNTIME_DIR) return join(env.XDG_RUNTIME_DIR, 'tracehound')
  return join(env.TMPDIR || '/tmp', `tracehound-${currentUid()}`)
}

function currentUid(): string {
  // Windows has no uid; the user name keeps the directory per user there.
  return String(process.getuid?.() ?? userInfo().username)
}
