/**
 * Checkpoints: the verified state of the log at a tree size, MAC'd, so a start verifies only the
 * entries after it. The body holds what verification carries forward: the tree's frontier (its
 * root is recomputed and must match), the v1 chain's last hash, and the evidence set (live
 * captures in capture order, running blocks). Only a checkpoint MAC'd with a configured key is
 * used: without keys an attacker could write one, so keyless ledgers verify in full at every start.
 */

import type { Database } from 'better-sqlite3'
import {
  type Bytes,
  canonicalize,
  type CaptureEntry,
  checkAuditEntry,
  fromHex,
  type MacKeyring,
  MerkleTree,
  type MerkleTreeOptions,
  nodeCrypto,
  toHex,
} from '../core/index.js'
import type { IntegrityProblem } from './integrity.js'
import type { LogState } from './evidence-log.js'

/**
 * A checkpoint every this many leaves (written with the commit that crosses the line). It bounds a
 * start: at most CHECKPOINT_EVERY − 1 entries to verify, about 70 µs each (MAC, schema, tree).
 */
export const CHECKPOINT_EVERY = 16_384

export interface CheckpointBody {
  treeSize: number
  rootHash: string
  frontier: string[]
  records: number
  lastHash: string
  live: CaptureEntry[]
  blocks: [string, number][]
  bound: boolean
}

interface CheckpointRow {
  tree_size: number
  body: string
  kid: string | null
  mac: string | null
}

export function checkpointBody(tree: MerkleTree, records: number, lastHash: string, state: LogState): CheckpointBody {
  return {
    treeSize: tree.size,
    rootHash: toHex(tree.root()),
    frontier: tree.frontier().map(toHex),
    records,
    lastHash,
    live: state.live,
    blocks: state.blocks,
    bound: state.bound,
  }
}

/** The row to write: [tree_size, body text, kid, mac]; undefined without a signing key. */
export function checkpointRow(body: CheckpointBody, keyring: MacKeyring): [number, string, string, string] | undefined {
  const mac = keyring.sign(body)
  return mac && [body.treeSize, canonicalize(body), mac.kid, mac.mac]
}

export interface Checkpoint {
  body: CheckpointBody
  /** The tree at the checkpoint, from its frontier; older nodes as `options` says. */
  tree: MerkleTree
}

/**
 * The stored checkpoint if it can be trusted: MAC'd by a configured key, well formed, and its
 * frontier rebuilds its root. A checkpoint that fails is a problem (writing one takes the key).
 */
export function readCheckpoint(
  db: Database,
  keyring: MacKeyring,
  problems: IntegrityProblem[],
  options: MerkleTreeOptions,
): Checkpoint | undefined {
  if (!keyring.enabled) return undefined
  const row = db.prepare('SELECT * FROM checkpoint').get() as CheckpointRow | undefined
  if (!row) return undefined
  const bad = (detail: string) => {
    problems.push({ kind: 'checkpoint', id: `checkpoint ${row.tree_size}`, detail })
    return undefined
  }
  if (row.kid === null || row.mac === null) return bad('no MAC: not written by this ledger')
  if (!keyring.kids.includes(row.kid)) return undefined // a rotated-out key: verify in full instead
  let body: CheckpointBody
  try {
    body = JSON.parse(row.body) as CheckpointBody
  } catch {
    return bad('not JSON')
  }
  if (!keyring.verify(body, { kid: row.kid, mac: row.mac })) return bad(`MAC (kid ${row.kid}) does not verify`)
  if (body.treeSize !== row.tree_size) return bad(`tree_size ${row.tree_size} differs from the MAC'd ${body.treeSize}`)
  try {
    body.live.forEach((c) => checkAuditEntry(c))
    const frontier: Bytes[] = body.frontier.map(fromHex)
    const tree = MerkleTree.fromFrontier(nodeCrypto, body.treeSize, frontier, options)
    if (toHex(tree.root()) !== body.rootHash) return bad('its frontier does not rebuild its root')
    return { body, tree }
  } catch (e) {
    return bad((e as Error).message)
  }
}
