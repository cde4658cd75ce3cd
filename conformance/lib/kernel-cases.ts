/** Runs the signature, audit and hmac suites through the TS verification kernel. */

import { readFileSync } from 'node:fs'
import {
  canonicalBytes,
  type AuditEntry,
  fromHex,
  leafHash,
  recordHash,
  signature,
  toHex,
  verifyConsistency,
  verifyInclusion,
  verifyMac,
} from '../../src/core/kernel/index.js'
import { MerkleTree } from '../../src/core/index.js'
import { nobleCrypto } from '../../src/core/index.js'
import { type CaseResult, judge } from './case-result.js'
import { decodeSpecial } from './special-values.js'
import type { VectorFile, VectorTest } from './vector-file.js'

export const loadVectors = (dir: string, suite: string): VectorFile =>
  JSON.parse(readFileSync(`${dir}/${suite}_test.json`, 'utf8')) as VectorFile

/** valid/invalid of a check that may also throw (a throw is an answer of 'invalid'). */
const outcome = (check: () => boolean): 'valid' | 'invalid' => {
  try {
    return check() ? 'valid' : 'invalid'
  } catch {
    return 'invalid'
  }
}

export function* signatureCases(file: VectorFile): Generator<CaseResult> {
  for (const t of file.testGroups.flatMap((g) => g.tests)) {
    const id = `signature_test/${t.tcId}`
    const payload = decodeSpecial(t.payload)
    if (t.result === 'invalid') {
      yield judge(id, 'refused', outcome(() => (signature(t.category as string, payload), true)) === 'valid' ? 'accepted' : 'refused')
      continue
    }
    let got: unknown
    try {
      got = { canonicalHex: toHex(canonicalBytes(payload)), signature: signature(t.category as string, payload) }
    } catch (error) {
      got = { error: String(error) }
    }
    yield judge(id, { canonicalHex: t.canonicalHex, signature: t.signature }, got)
  }
}

function rootOf(leaves: string[]): string {
  const tree = new MerkleTree(nobleCrypto)
  for (const l of leaves) tree.append(fromHex(l))
  return toHex(tree.root())
}

const auditCheck: Record<string, (t: VectorTest) => boolean> = {
  RecordHashTest: (t) => recordHash(t.record as Parameters<typeof recordHash>[0]) === t.hash,
  TreeHeadTest: (t) => rootOf(t.leaves as string[]) === t.rootHash,
  LeafHashTest: (t) => leafHash(t.entry as AuditEntry) === t.leafHash,
  InclusionProofTest: (t) => verifyInclusion(t as unknown as Parameters<typeof verifyInclusion>[0]),
  ConsistencyProofTest: (t) => verifyConsistency(t as unknown as Parameters<typeof verifyConsistency>[0]),
}

export function* auditCases(file: VectorFile): Generator<CaseResult> {
  for (const g of file.testGroups) {
    for (const t of g.tests) yield judge(`audit_test/${t.tcId}`, t.result, outcome(() => auditCheck[g.type]!(t)))
  }
}

export function* hmacCases(file: VectorFile): Generator<CaseResult> {
  for (const g of file.testGroups) {
    for (const t of g.tests) {
      yield judge(`hmac_test/${t.tcId}`, t.result, outcome(() => verifyMac(g.keyHex as string, t.body, t.mac as string)))
    }
  }
}

