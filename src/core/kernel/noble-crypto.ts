/** CryptoPort in pure JS (@noble/hashes), so the kernel runs in browsers and synchronously. */

import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { type Bytes, type CryptoPort, toHex } from '../ports/crypto-port.js'

const utf8 = new TextEncoder()
const asBytes = (p: Bytes | string): Bytes => (typeof p === 'string' ? utf8.encode(p) : p)

/** SHA-256 and HMAC-SHA-256 in pure JS (@noble/hashes): synchronous, for any runtime. */
export const nobleCrypto: CryptoPort = {
  sha256(...parts) {
    const h = sha256.create()
    for (const p of parts) h.update(asBytes(p))
    return h.digest()
  },
  sha256Hex(data) {
    return toHex(sha256(asBytes(data)))
  },
  hmacSha256(key, data) {
    return hmac(sha256, key, asBytes(data))
  },
}
