/**
 * `tracehound audit verify FILE [--since HEAD]`: checks an export offline with the verification
 * kernel only (what any client has): each entry against its schema (unknown types and extra
 * fields are refused), each v1 record's hash and link, each leaf hash (the whole entry) and its
 * inclusion in the tree head, the evidence-set sequence, the entry count against the tree size,
 * MACs when a key is given, and with --since a consistency proof from a head seen earlier.
 * Trusts nothing in the file.
 */

import {
  type AuditEntry,
  canonicalBytes,
  checkAuditEntry,
  GENESIS_HASH,
  leafHash,
  recordHash,
  verifyConsistency,
  verifyInclusion,
  verifyMac,
  verifyRecordMac,
} from '../core/kernel/index.js'
import { isChainRecord, MerkleTree, nodeCrypto, toHex, type TreeHead } from '../core/index.js'
import { EXPORT_FORMAT, type ExportHeader, type ExportLine } from './audit-export.js'
import { chainHashOf, EvidenceLog } from './evidence-log.js'

export interface VerifyProblem {
  /** 1-based line of the file. */
  line: number
  /** The record id, the entry's signature, or "tree-head". */
  id: string
  detail: string
}

export interface VerifyReport {
  records: number
  treeSize: number
  rootHash: string
  /** Key ids whose MACs were checked; empty when no key was given. */
  macsChecked: string[]
  /** The head --since named, when its consistency was proven. */
  extends?: { treeSize: number; rootHash: string }
  problems: VerifyProblem[]
}

const idOf = (e: unknown): string => {
  const o = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>
  return String(o.type === 'neutralization' || o.type === 'evacuation' ? o.id : o.type === 'block' ? o.source : (o.signature ?? '?'))
}

/** keys: kid → hex key; since: a head seen earlier that this export must extend. */
export function verifyExport(text: string, keys: ReadonlyMap<string, string> = new Map(), since?: TreeHead): VerifyReport {
  const lines = text.split('\n').filter((l) => l.trim() !== '')
  const problems: VerifyProblem[] = []
  const macsChecked = new Set<string>()
  const parse = <T>(i: number): T | undefined => {
    try {
      return JSON.parse(lines[i]!) as T
    } catch {
      problems.push({ line: i + 1, id: '?', detail: 'not JSON' })
      return undefined
    }
  }
  const checkMac = (line: number, id: string, body: object, kid?: string, mac?: string) => {
    if (kid === undefined || mac === undefined) return
    const key = keys.get(kid)
    if (key === undefined) return
    macsChecked.add(kid)
    if (!verifyMac(key, body, mac)) problems.push({ line, id, detail: `MAC (kid ${kid}) does not verify` })
  }

  const header = lines.length > 0 ? parse<ExportHeader>(0) : undefined
  if (!header || header.format !== EXPORT_FORMAT || !header.treeHead) {
    problems.push({ line: 1, id: 'tree-head', detail: `not a ${EXPORT_FORMAT} file (re-export with this build)` })
    return { records: 0, treeSize: 0, rootHash: '', macsChecked: [], problems }
  }
  const head = header.treeHead
  if (head.kid !== undefined && keys.has(head.kid)) {
    macsChecked.add(head.kid)
    if (!verifyRecordMac(keys.get(head.kid)!, head))
      problems.push({ line: 1, id: 'tree-head', detail: `tree head MAC (kid ${head.kid}) does not verify` })
  }

  const tree = new MerkleTree(nodeCrypto)
  const log = new EvidenceLog()
  let previous = GENESIS_HASH
  let count = 0
  for (let i = 1; i < lines.length; i++) {
    const line = parse<ExportLine>(i)
    if (!line || !('entry' in line)) continue
    const at = (detail: string) => problems.push({ line: i + 1, id: idOf(line.entry), detail })
    if (line.leafIndex !== count) at(`leaf index ${line.leafIndex}, expected ${count}`)
    count++
    let entry: AuditEntry
    try {
      entry = checkAuditEntry(line.entry)
    } catch (e) {
      at(`entry refused: ${(e as Error).message}`)
      // One refused entry is one problem: not also the next link or its evidence's sequence.
      previous = chainHashOf(line.entry) ?? previous
      log.taint(line.entry)
      tree.append(new TextEncoder().encode(JSON.stringify(line.entry))) // keeps later leaf indexes aligned
      continue
    }
    tree.append(canonicalBytes(entry))
    if (isChainRecord(entry)) {
      if (entry.previousHash !== previous) at('previousHash does not match the hash of the record before it')
      if (recordHash(entry) !== entry.hash) at('record hash does not match its fields')
      previous = entry.hash
    }
    const out = log.apply(entry)
    if (out) at(out)
    if (leafHash(entry) !== line.leafHash) at('leaf hash does not match the entry')
    else if (
      !verifyInclusion({ leafHash: line.leafHash, leafIndex: count - 1, treeSize: head.treeSize, path: line.path, rootHash: head.rootHash })
    ) {
      at(`not included in the tree head (size ${head.treeSize}, root ${head.rootHash})`)
    }
    checkMac(i + 1, idOf(entry), entry, line.kid, line.mac)
  }
  if (count !== head.treeSize) problems.push({ line: 1, id: 'tree-head', detail: `tree size ${head.treeSize}, but ${count} entries` })
  const report: VerifyReport = { records: count, treeSize: head.treeSize, rootHash: head.rootHash, macsChecked: [...macsChecked], problems }
  if (since) {
    const detail = sinceProblem(since, head, tree)
    if (detail) problems.push({ line: 1, id: 'tree-head', detail })
    else report.extends = { treeSize: since.treeSize, rootHash: since.rootHash }
  }
  return report
}

/** Why the export's head does not extend `since`, proven by a consistency proof over the exported leaves. */
function sinceProblem(since: TreeHead, head: TreeHead, tree: MerkleTree): string | undefined {
  const theirs = `the earlier head has size ${since.treeSize}, root ${since.rootHash}`
  const ours = `this export has size ${head.treeSize}, root ${head.rootHash}`
  if (since.treeSize > head.treeSize) return `${ours}; ${theirs}: truncated or replaced`
  if (tree.size !== head.treeSize || toHex(tree.root()) !== head.rootHash)
    return `${ours}, but its entries do not rebuild that root: no consistency proof possible`
  if (since.treeSize === 0) return undefined
  const path = tree.consistencyProof(since.treeSize, head.treeSize).map(toHex)
  if (
    verifyConsistency({ firstSize: since.treeSize, secondSize: head.treeSize, path, firstRoot: since.rootHash, secondRoot: head.rootHash })
  )
    return undefined
  return `${ours} (root ${toHex(tree.root(since.treeSize))} at size ${since.treeSize}); ${theirs}: forked or rewritten`
}
