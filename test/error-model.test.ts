/** The one error model holds across the code: nothing but TracehoundError (or a subclass) is thrown. */

import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CodecError, decodeWithIntegrity, encodeWithIntegrity } from '../src/codec/integrity.js'
import { TracehoundError } from '../src/core/index.js'
import { LedgerLockedError } from '../src/storage/index.js'

const root = join(import.meta.dirname, '..')
// The layers the model covers; the CLI only reports what they throw.
const LAYERS = [
  'src/core',
  'src/storage',
  'src/server',
  'src/client',
  'src/wire',
  'src/codec',
  'src/hound',
  'src/cold-storage',
  'src/notify',
  'src/runtime',
]

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name)
    if (d.isDirectory()) return sources(path)
    return /\.ts$/.test(d.name) && !d.name.endsWith('.test.ts') ? [path] : []
  })
}

describe('error model', () => {
  it('no layer throws a bare Error, TypeError or RangeError, or declares an Error class of its own', () => {
    const files = LAYERS.flatMap((l) => sources(join(root, l)))
    expect(files.length).toBeGreaterThan(100)
    const offenders: string[] = []
    for (const f of files) {
      readFileSync(f, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/throw new (Error|TypeError|RangeError)\(|throw \{|class \w+ extends (Error|TypeError|RangeError)\b/.test(line)) {
            offenders.push(`${relative(root, f)}:${i + 1}: ${line.trim()}`)
          }
        })
    }
    expect(offenders).toEqual([])
  })

  it("v1's CodecError keeps its name, codes and message, and is a TracehoundError with a cause", () => {
    const tampered = { ...encodeWithIntegrity(new Uint8Array([1, 2, 3])), hash: '00'.repeat(32) }
    let caught: unknown
    try {
      decodeWithIntegrity(tampered)
    } catch (e) {
      caught = e
    }
    expect(caught).toBeInstanceOf(CodecError)
    expect(caught).toBeInstanceOf(TracehoundError)
    expect(caught).toMatchObject({
      name: 'CodecError',
      code: 'INTEGRITY_VIOLATION',
      state: 'codec',
      message: 'Integrity check failed - payload was altered',
    })
  })

  it('storage errors carry codes', () => {
    const e = new LedgerLockedError('held')
    expect(e).toBeInstanceOf(TracehoundError)
    expect(e).toMatchObject({ name: 'LedgerLockedError', code: 'LEDGER_LOCKED', state: 'storage' })
  })
})
