/** RFC 9162 §2.1.3.2 and §2.1.4.2 verification: what a client runs on proofs it need not trust. */

import { type Bytes, type CryptoPort, bytesEqual } from '../ports/crypto-port.js'
import { isPowerOfTwo, nodeHashWith } from '../audit/merkle-tree.js'
import { nobleCrypto } from './noble-crypto.js'

const HASH_SIZE = 32
const isHash = (b: Bytes) => b instanceof Uint8Array && b.length === HASH_SIZE
const isCount = (n: number) => Number.isSafeInteger(n) && n >= 0

export function verifyInclusion(
  leafHash: Bytes,
  leafIndex: number,
  treeSize: number,
  path: readonly Bytes[],
  rootHash: Bytes,
  crypto: CryptoPort = nobleCrypto,
): boolean {
  if (!isCount(leafIndex) || !isCount(treeSize) || leafIndex >= treeSize) return false
  if (!isHash(leafHash) || !isHash(rootHash) || !path.every(isHash)) return false
  let fn = leafIndex
  let sn = treeSize - 1
  let r = leafHash
  for (const p of path) {
    if (sn === 0) return false
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHashWith(crypto, p, r)
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2)
          sn = Math.floor(sn / 2)
        }
      }
    } else {
      r = nodeHashWith(crypto, r, p)
    }
    fn = Math.floor(fn / 2)
    sn = Math.floor(sn / 2)
  }
  return sn === 0 && bytesEqual(r, rootHash)
}

export function verifyConsistency(
  firstSize: number,
  secondSize: number,
  path: readonly Bytes[],
  firstRoot: Bytes,
  secondRoot: Bytes,
  crypto: CryptoPort = nobleCrypto,
): boolean {
  if (!isCount(firstSize) || !isCount(secondSize) || firstSize < 1 || firstSize > secondSize) return false
  if (!isHash(firstRoot) || !isHash(secondRoot) || !path.every(isHash)) return false
  if (firstSize === secondSize) return path.length === 0 && bytesEqual(firstRoot, secondRoot)
  if (path.length === 0) return false
  const nodes = isPowerOfTwo(firstSize) ? [firstRoot, ...path] : [...path]
  let fn = firstSize - 1
  let sn = secondSize - 1
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2)
    sn = Math.floor(sn / 2)
  }
  let fr = nodes[0]!
  let sr = nodes[0]!
  for (const c of nodes.slice(1)) {
    if (sn === 0) return false
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHashWith(crypto, c, fr)
      sr = nodeHashWith(crypto, c, sr)
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2)
          sn = Math.floor(sn / 2)
        }
      }
    } else {
      sr = nodeHashWith(crypto, sr, c)
    }
    fn = Math.floor(fn / 2)
    sn = Math.floor(sn / 2)
  }
  return sn === 0 && bytesEqual(fr, firstRoot) && bytesEqual(sr, secondRoot)
}
