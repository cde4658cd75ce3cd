/**
 * Rollback detection (docs/storage.md): a tree head seen earlier (a saved `tracehound audit head`, or
 * the last line of a witness file) must be a prefix of the ledger's tree, proven by an RFC 9162
 * consistency proof checked with the client kernel. The disk itself is never trusted for this.
 */

import { appendFileSync, closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { type MacKeyring, type MerkleTree, toHex, type TreeHead } from '../core/index.js'
import { verifyConsistency } from '../core/kernel/index.js'
import { LedgerError } from './errors.js'
import type { IntegrityProblem } from './integrity.js'

const HEX64 = /^[0-9a-f]{64}$/

function asHead(value: unknown): TreeHead | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const h = value as Record<string, unknown>
  const size = h.treeSize
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) return undefined
  if (typeof h.rootHash !== 'string' || !HEX64.test(h.rootHash) || typeof h.timestamp !== 'number') return undefined
  return {
    treeSize: size,
    rootHash: h.rootHash,
    timestamp: h.timestamp,
    ...(typeof h.kid === 'string' && typeof h.mac === 'string' && { kid: h.kid, mac: h.mac }),
  }
}

/** A head file is read from its end, this many bytes at a time (doubled until a head is found). */
export const HEAD_TAIL_BYTES = 64 * 1024

/**
 * A head file: one JSON tree head (`tracehound audit head`), or a witness file (one head per
 * line; the last complete one counts, so a line cut by a crash falls back to the one before).
 * A witness gains a line with every commit for the ledger's life, so only its tail is read: a
 * start does not grow with it. Undefined for an empty or missing witness; throws LedgerError for a
 * file that holds no head.
 */
export function readHeadFile(path: string, { missingOk = false } = {}): TreeHead | undefined {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch (e) {
    if (missingOk && (e as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new LedgerError(`trusted head ${path}: ${(e as Error).message}`, { cause: e })
  }
  try {
    const size = fstatSync(fd).size
    for (let window = Math.min(size, HEAD_TAIL_BYTES); ; window = Math.min(size, window * 2)) {
      const text = readTail(fd, size, window)
      const whole = window === size
      const head = (whole ? wholeHead(text) : undefined) ?? lastHeadLine(text, whole)
      if (head) return head
      if (!whole) continue
      if (missingOk && text.trim() === '') return undefined
      throw new LedgerError(`trusted head ${path}: no tree head {treeSize, rootHash, timestamp} in it`)
    }
  } catch (e) {
    if (e instanceof LedgerError) throw e
    throw new LedgerError(`trusted head ${path}: ${(e as Error).message}`, { cause: e })
  } finally {
    closeSync(fd)
  }
}

/** The file's last `length` bytes as text. */
function readTail(fd: number, size: number, length: number): string {
  const buf = Buffer.alloc(length)
  let done = 0
  while (done < length) {
    const n = readSync(fd, buf, done, length - done, size - length + done)
    if (n === 0) break
    done += n
  }
  return buf.toString('utf8', 0, done)
}

/** The text as one JSON head (a saved `tracehound audit head` may span lines). */
function wholeHead(text: string): TreeHead | undefined {
  try {
    return asHead(JSON.parse(text))
  } catch {
    return undefined
  }
}

/** The last line that is a head; a tail that does not start the file may begin mid-line, so its first line is not one. */
function lastHeadLine(text: string, fromStart: boolean): TreeHead | undefined {
  const lines = text.split('\n')
  for (let i = lines.length - 1; i >= (fromStart ? 0 : 1); i--) {
    if (lines[i]!.trim() === '') continue
    try {
      const head = asHead(JSON.parse(lines[i]!))
      if (head) return head
    } catch {
      // a torn last line: the head before it still binds
    }
  }
  return undefined
}

/** Appends a head to the witness file (one JSON line). */
export function appendWitness(path: string, head: TreeHead): void {
  appendFileSync(path, `${JSON.stringify(head)}\n`, { mode: 0o600 })
}

/** Reports unless the tree extends `trusted`: both sizes and roots go into the problem. */
export function checkTrustedHead(
  trusted: TreeHead,
  source: string,
  tree: MerkleTree,
  keyring: MacKeyring,
  problems: IntegrityProblem[],
): void {
  const size = tree.size
  const root = toHex(tree.root())
  const ours = `ledger tree size ${size}, root ${root}`
  const theirs = `trusted head (${source}) size ${trusted.treeSize}, root ${trusted.rootHash}`
  if (trusted.kid !== undefined && trusted.mac !== undefined && keyring.kids.includes(trusted.kid)) {
    const { kid, mac, ...body } = trusted
    if (!keyring.verify(body, { kid, mac })) {
      problems.push({
        kind: 'rollback',
        id: 'tree-head',
        detail: `${theirs}: its MAC (kid ${kid}) does not verify; not a head this ledger signed`,
      })
      return
    }
  }
  if (trusted.treeSize > size) {
    problems.push({ kind: 'rollback', id: 'tree-head', detail: `${ours}, smaller than the ${theirs}: truncated or replaced` })
    return
  }
  if (trusted.treeSize === 0) return // the empty tree is a prefix of every tree
  const path = tree.consistencyProof(trusted.treeSize, size).map(toHex)
  if (!verifyConsistency({ firstSize: trusted.treeSize, secondSize: size, path, firstRoot: trusted.rootHash, secondRoot: root })) {
    const prefix = toHex(tree.root(trusted.treeSize))
    problems.push({
      kind: 'fork',
      id: 'tree-head',
      detail: `${ours} (root ${prefix} at size ${trusted.treeSize}) does not extend the ${theirs}: forked or rewritten`,
    })
  }
}
