/**
 * Head files (`--trusted-head`, `--witness`): the last complete head counts, and only the file's
 * tail is read, so a witness that gained a line with every commit for months does not slow a start.
 */

import { appendFileSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LedgerError } from '../src/storage/errors.js'
import { HEAD_TAIL_BYTES, readHeadFile } from '../src/storage/trusted-head.js'
import { tempDirs } from './storage-tmp.js'

const temp = tempDirs('th-head-file')
const head = (treeSize: number) => ({ treeSize, rootHash: 'ab'.repeat(32), timestamp: 1_700_000_000_000 + treeSize })
const line = (treeSize: number) => `${JSON.stringify(head(treeSize))}\n`

/** A witness of heads 1..n, one line each. */
function witness(n: number): string {
  const path = join(temp.dir(), 'witness')
  writeFileSync(path, Array.from({ length: n }, (_, i) => line(i + 1)).join(''))
  return path
}

describe('readHeadFile', () => {
  it('reads the last head of a witness many tail windows long', () => {
    const n = Math.ceil((3 * HEAD_TAIL_BYTES) / line(1).length)
    expect(readHeadFile(witness(n))).toEqual(head(n))
  })

  it('a line cut by a crash falls back to the head before it, across a window boundary', () => {
    const path = witness(10)
    // More than two windows of torn and foreign lines after the last head: the window doubles until it reaches it.
    const junk = `{"treeSize": 11, "rootHash": "${'ab'.repeat(20)}\n`.repeat(Math.ceil((2.5 * HEAD_TAIL_BYTES) / 60))
    appendFileSync(path, `${junk}{"treeSize": 12, "ro`)
    expect(readHeadFile(path)).toEqual(head(10))
  })

  it('a witness too long to read as one string still yields its last head', () => {
    const path = join(temp.dir(), 'witness')
    writeFileSync(path, line(1))
    truncateSync(path, 2 ** 30) // a sparse gigabyte: more than a string can hold
    appendFileSync(path, `\n${line(2)}${line(3)}`)
    expect(readHeadFile(path)).toEqual(head(3))
  })

  it('reads a saved head spread over lines (tracehound audit head) whole', () => {
    const path = join(temp.dir(), 'head.json')
    writeFileSync(path, JSON.stringify(head(5), null, 2))
    expect(readHeadFile(path)).toEqual(head(5))
  })

  it('an empty or missing witness is no head; a file without one is a LedgerError', () => {
    const dir = temp.dir()
    expect(readHeadFile(join(dir, 'missing'), { missingOk: true })).toBeUndefined()
    writeFileSync(join(dir, 'empty'), '\n')
    expect(readHeadFile(join(dir, 'empty'), { missingOk: true })).toBeUndefined()
    writeFileSync(join(dir, 'junk'), 'not a head\n')
    expect(() => readHeadFile(join(dir, 'junk'), { missingOk: true })).toThrow(LedgerError)
    expect(() => readHeadFile(join(dir, 'missing'))).toThrow(/trusted head .*missing: ENOENT/)
  })
})
