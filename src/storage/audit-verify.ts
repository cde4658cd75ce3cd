/**
 * `tracehound audit verify FILE`: checks an export offline with the verification kernel only
 * (what any client has): record hashes, chain links, leaf hashes, inclusion in the tree head,
 * the record count against the tree size, and MACs when a key is given. Trusts nothing in the file.
 */

import { GENESIS_HASH, leafHash, recordHash, verifyInclusion, verifyMac, verifyRecordMac } from '../core/kernel/index.js'
import { EXPORT_FORMAT, type ExportHeader, type ExportLine } from './audit-export.js'
import { auditMacBody } from './rows.js'

export interface VerifyProblem {
  /** 1-based line of the file. */
  line: number
  /** The record id, or "tree-head". */
  id: string
  detail: string
}

export interface VerifyReport {
  records: number
  treeSize: number
  rootHash: string
  /** Key ids whose MACs were checked; empty when no key was given. */
  macsChecked: string[]
  problems: VerifyProblem[]
}

/** keys: kid → hex key. */
export function verifyExport(text: string, keys: ReadonlyMap<string, string> = new Map()): VerifyReport {
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
    problems.push({ line: 1, id: 'tree-head', detail: `not a ${EXPORT_FORMAT} file` })
    return { records: 0, treeSize: 0, rootHash: '', macsChecked: [], problems }
  }
  const head = header.treeHead
  if (head.kid !== undefined && keys.has(head.kid)) {
    macsChecked.add(head.kid)
    if (!verifyRecordMac(keys.get(head.kid)!, head)) problems.push({ line: 1, id: 'tree-head', detail: `tree head MAC (kid ${head.kid}) does not verify` })
  }

  let previous = GENESIS_HASH
  let records = 0
  for (let i = 1; i < lines.length; i++) {
    const entry = parse<ExportLine>(i)
    if (!entry?.record) continue
    const { record: r } = entry
    const at = (detail: string) => problems.push({ line: i + 1, id: String(r.id), detail })
    if (entry.leafIndex !== records) at(`leaf index ${entry.leafIndex}, expected ${records}`)
    if (r.previousHash !== previous) at('previousHash does not match the hash of the record before it')
    if (recordHash(r) !== r.hash) at('record hash does not match its fields')
    if (leafHash(r.hash) !== entry.leafHash) at('leaf hash does not match the record hash')
    else if (!verifyInclusion({ leafHash: entry.leafHash, leafIndex: records, treeSize: head.treeSize, path: entry.path, rootHash: head.rootHash })) {
      at(`not included in the tree head (size ${head.treeSize}, root ${head.rootHash})`)
    }
    checkMac(i + 1, r.id, auditMacBody(r as Parameters<typeof auditMacBody>[0]), entry.kid, entry.mac)
    previous = r.hash
    records++
  }
  if (records !== head.treeSize) problems.push({ line: 1, id: 'tree-head', detail: `tree size ${head.treeSize}, but ${records} records` })
  return { records, treeSize: head.treeSize, rootHash: head.rootHash, macsChecked: [...macsChecked], problems }
}
