/** One process per data directory: a pid file, taken over only when its owner is gone (e.g. SIGKILL). */

import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { LedgerLockedError } from './errors.js'

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Returns the release function; throws LedgerLockedError while another live process holds it. */
export function acquireLock(path: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600)
      writeSync(fd, String(process.pid))
      closeSync(fd)
      return () => rmSync(path, { force: true })
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
    }
    const owner = Number(readFileSync(path, 'utf8').trim())
    if (Number.isSafeInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) {
      throw new LedgerLockedError(`${path} is held by live process ${owner}: another tracehoundd uses this data directory`)
    }
    rmSync(path, { force: true }) // stale: its owner died without releasing it
  }
  throw new LedgerLockedError(`could not take ${path}`)
}
