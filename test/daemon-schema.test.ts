/** The schema gate: buf lint and format are clean, and src/gen is what `npm run generate` makes. */

import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { expect, it } from 'vitest'

const ROOT = new URL('..', import.meta.url).pathname
const BUF = join(ROOT, 'node_modules/.bin/buf')
const buf = (...args: string[]) => execFileSync(BUF, args, { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' })

function files(dir: string): Map<string, string> {
  const out = new Map<string, string>()
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else out.set(relative(dir, p), readFileSync(p, 'utf8'))
    }
  }
  walk(dir)
  return out
}

it('passes buf lint (STANDARD) and buf format', () => {
  expect(() => buf('lint')).not.toThrow()
  expect(() => buf('format', '--path', 'proto/tracehound', '--diff', '--exit-code')).not.toThrow()
})

it('has generated code in src/gen that matches the protos (run `npm run generate`)', () => {
  const out = mkdtempSync(join(tmpdir(), 'th-gen-'))
  buf('generate', '-o', out)
  const fresh = files(join(out, 'src/gen'))
  const committed = files(join(ROOT, 'src/gen'))
  expect([...committed.keys()].sort()).toEqual([...fresh.keys()].sort())
  for (const [path, text] of fresh) expect(committed.get(path), `src/gen/${path} is stale`).toBe(text)
})
