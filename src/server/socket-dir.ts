/**
 * The default socket's directory: created 0700 and owned by us, or start-up refuses. Another
 * local user who pre-creates it (a shared /tmp) could otherwise swap the socket and read
 * every scent a client sends.
 */

import { lstatSync, mkdirSync } from 'node:fs'
import { TracehoundError } from '../core/index.js'

export function ensurePrivateSocketDir(dir: string): void {
  try {
    mkdirSync(dir, { mode: 0o700 })
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST')
      throw new TracehoundError('SERVER_SOCKET_UNSAFE', `cannot create the socket directory ${dir}: ${(e as Error).message}`, { cause: e })
  }
  // lstat: a symlink planted at the path is refused, not followed.
  const st = lstatSync(dir)
  const uid = process.getuid?.()
  if (!st.isDirectory())
    throw new TracehoundError(
      'SERVER_SOCKET_UNSAFE',
      `the socket directory ${dir} is not a directory (a symlink or file is there); remove it or pass --socket`,
    )
  if (uid !== undefined && st.uid !== uid) {
    throw new TracehoundError(
      'SERVER_SOCKET_UNSAFE',
      `the socket directory ${dir} belongs to uid ${st.uid}, not to this user (uid ${uid}); remove it or pass --socket`,
    )
  }
  if ((st.mode & 0o077) !== 0) {
    throw new TracehoundError(
      'SERVER_SOCKET_UNSAFE',
      `the socket directory ${dir} is open to other users (mode ${(st.mode & 0o777).toString(8)}); chmod 700 it or pass --socket`,
    )
  }
}
