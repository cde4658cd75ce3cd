/**
 * README code blocks marked `<!-- example: examples/<file> -->` must be that file, byte for byte, and
 * every file in examples/ must appear: the snippets are copied from programs npm test runs
 * (scripts/run-examples.ts), so they cannot rot.
 */

import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = new URL('..', import.meta.url).pathname
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
const marked = [...readme.matchAll(/<!-- example: (\S+) -->\n```[a-z]*\n([^]*?)```\n/g)].map((m) => ({ file: m[1]!, body: m[2]! }))

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path) : [relative(ROOT, path)]
  })
const programs = walk(join(ROOT, 'examples')).filter((f) => /\.(mjs|go|py|java|sh)$/.test(f))

describe('README snippets', () => {
  it('finds the marked snippets', () => {
    expect(marked.length).toBeGreaterThanOrEqual(programs.length)
  })
  it.each(programs)('%s is in the README, verbatim', (file) => {
    const snippets = marked.filter((m) => m.file === file)
    expect(snippets.length, `no <!-- example: ${file} --> block in README.md`).toBeGreaterThan(0)
    for (const s of snippets) expect(s.body).toBe(readFileSync(join(ROOT, file), 'utf8'))
  })
})
