import { chmodSync, chownSync, mkdirSync, mkdtempSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ensurePrivateSocketDir } from './socket-dir.js'

const base = () => mkdtempSync(join(tmpdir(), 'th-sockdir-'))

describe('ensurePrivateSocketDir', () => {
  it('creates the directory 0700', () => {
    const dir = join(base(), 'tracehound')
    ensurePrivateSocketDir(dir)
    expect(statSync(dir).mode & 0o777).toBe(0o700)
  })
  it('accepts an existing private directory of ours', () => {
    const dir = join(base(), 'tracehound')
    mkdirSync(dir, { mode: 0o700 })
    expect(() => ensurePrivateSocketDir(dir)).not.toThrow()
  })
  it('refuses a directory open to group or others', () => {
    const dir = join(base(), 'tracehound')
    mkdirSync(dir)
    chmodSync(dir, 0o750)
    expect(() => ensurePrivateSocketDir(dir)).toThrow(/open to other users \(mode 750\)/)
  })
  it('refuses a symlink planted at the path, and a file', () => {
    const b = base()
    mkdirSync(join(b, 'real'), { mode: 0o700 })
    symlinkSync(join(b, 'real'), join(b, 'link'))
    expect(() => ensurePrivateSocketDir(join(b, 'link'))).toThrow(/not a directory/)
    writeFileSync(join(b, 'file'), '')
    expect(() => ensurePrivateSocketDir(join(b, 'file'))).toThrow(/not a directory/)
  })
  // chown to another uid needs root; as any other user the directory is necessarily our own.
  it.runIf(process.getuid?.() === 0)('refuses a directory owned by another user (run as root)', () => {
    const dir = join(base(), 'tracehound')
    mkdirSync(dir, { mode: 0o700 })
    chownSync(dir, 4242, 4242)
    expect(() => ensurePrivateSocketDir(dir)).toThrow(/belongs to uid 4242, not to this user \(uid 0\)/)
  })
})
