/** Temporary directories for the storage tests, removed when the test file is done. */

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'

/** Call at module level: one root per test file, `dir()` makes a fresh directory under it. */
export function tempDirs(prefix: string): { root: string; dir: () => string } {
  const root = mkdtempSync(join(tmpdir(), `${prefix}-`))
  afterAll(() => rmSync(root, { recursive: true, force: true }))
  return { root, dir: () => mkdtempSync(join(root, 'd-')) }
}
