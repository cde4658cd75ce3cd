/** Injected randomness (docs/determinism.md). */

import type { CryptoPort } from './crypto-port.js'
import { nobleCrypto } from '../kernel/noble-crypto.js'

/** Returns n fresh random bytes. */
export type RandomSource = (n: number) => Uint8Array

const POOL_SIZE = 4096
let pool = new Uint8Array(0)
let offset = 0

/** CSPRNG bytes, drawn from a pooled buffer: one getRandomValues call per 4 KiB, not per id. */
export const systemRandom: RandomSource = (n) => {
  if (n > POOL_SIZE / 4) return globalThis.crypto.getRandomValues(new Uint8Array(n))
  if (offset + n > pool.length) {
    pool = globalThis.crypto.getRandomValues(new Uint8Array(POOL_SIZE))
    offset = 0
  }
  return pool.slice(offset, (offset += n))
}

/**
 * Deterministic byte stream: SHA-256(seed ‖ uint64be(counter)) blocks for counter = 0, 1, …
 * Simple enough for every SDK to reproduce; not for secrets.
 */
export function createSeededRandom(seed: string | Uint8Array, crypto: CryptoPort = nobleCrypto): RandomSource {
  const seedBytes = typeof seed === 'string' ? new TextEncoder().encode(seed) : seed
  let counter = 0n
  let block: Uint8Array = new Uint8Array(0)
  let offset = 0
  return (n) => {
    const out = new Uint8Array(n)
    for (let i = 0; i < n; i++) {
      if (offset === block.length) {
        const ctr = new Uint8Array(8)
        new DataView(ctr.buffer).setBigUint64(0, counter++)
        block = crypto.sha256(seedBytes, ctr)
        offset = 0
      }
      out[i] = block[offset++]!
    }
    return out
  }
}
