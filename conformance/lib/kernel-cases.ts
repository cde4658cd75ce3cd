/**
 * Runs the signature, audit and hmac suites through the TS verification kernel. Bad input is
 * refused with the kernel's documented errors (CanonicalJsonError, AuditEntryError); any other
 * exception is reported as a crash.
 */

import { readFileSync } from 'node:fs'
import {
  AuditEntryError,
  type AuditEntry,
  CanonicalJsonError,
  canonicalBytes,
  fromHex,
  leafHash,
  recordHash,
  signature,
  toHex,
  verifyConsistency,
  verifyInclusion,
  verifyMac,
} from '../../src/core/kernel/index.js'
import { MerkleTree, nobleCrypto } from '../../src/core/index.js'
import { answer, type CaseResult, judge, runCase } from './case-result.js'
import { decodeSpecial } from './special-values.js'
import type { VectorFile, VectorTest } from './vector-file.js'

export function loadVectors(dir: string, suite: string): VectorFile {
  return JSON.parse(readFileSync(`${dir}/${suite}_test.json`, 'utf8')) as VectorFile
}

function signatureCase(t: VectorTest): CaseResult {
  const id = `signature_test/${t.tcId}`
  const category = t.category as string
  const payload = decodeSpecial(t.payload)
  if (t.result === 'invalid') {
    const accepted = answer(() => {
      signature(category, payload)
      return true
    }, [CanonicalJsonError])
    return judge(id, 'refused', accepted === 'valid' ? 'accepted' : 'refused')
  }
  let got: unknown
  try {
    got = { canonicalHex: toHex(canonicalBytes(payload)), signature: signature(category, payload) }
  } catch (error) {
    if (!(error instanceof CanonicalJsonError)) throw error
    got = { refused: error.message }
  }
  return judge(id, { canonicalHex: t.canonicalHex, signature: t.signature }, got)
}

export async function* signatureCases(file: VectorFile): AsyncGenerator<CaseResult> {
  for (const group of file.testGroups) {
    for (const t of group.tests) yield runCase(`signature_test/${t.tcId}`, () => signatureCase(t))
  }
}

function rootOf(leaves: string[]): string {
  const tree = new MerkleTree(nobleCrypto)
  for (const leaf of leaves) tree.append(fromHex(leaf))
  return toHex(tree.root())
}

/** One check per audit group type; true iff the vector's claim holds. */
const auditChecks: Record<string, (t: VectorTest) => boolean> = {
  RecordHashTest: (t) => recordHash(t.record as Parameters<typeof recordHash>[0]) === t.hash,
  TreeHeadTest: (t) => rootOf(t.leaves as string[]) === t.rootHash,
  LeafHashTest: (t) => leafHash(t.entry as AuditEntry) === t.leafHash,
  InclusionProofTest: (t) => verifyInclusion(t as unknown as Parameters<typeof verifyInclusion>[0]),
  ConsistencyProofTest: (t) => verifyConsistency(t as unknown as Parameters<typeof verifyConsistency>[0]),
}

export async function* auditCases(file: VectorFile): AsyncGenerator<CaseResult> {
  for (const group of file.testGroups) {
    const check = auditChecks[group.type]
    for (const t of group.tests) {
      const id = `audit_test/${t.tcId}`
      yield runCase(id, () => {
        if (!check) throw new Error(`no check for audit group type ${group.type}`)
        return judge(
          id,
          t.result,
          answer(() => check(t), [AuditEntryError]),
        )
      })
    }
  }
}

export async function* hmacCases(file: VectorFile): AsyncGenerator<CaseResult> {
  for (const group of file.testGroups) {
    const keyHex = group.keyHex as string
    for (const t of group.tests) {
      const id = `hmac_test/${t.tcId}`
      yield runCase(id, () =>
        judge(
          id,
          t.result,
          answer(() => verifyMac(keyHex, t.body, t.mac as string), []),
        ),
      )
    }
  }
}
