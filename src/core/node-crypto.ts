/** CryptoPort over node:crypto: the one node:* import the core allows (DESIGN §1). */

import { createHash, createHmac } from 'node:crypto'
import type { Bytes, CryptoPort } from './crypto-port.js'

export const nodeCrypto: CryptoPort = {
  sha256(...parts) {
    const h = createHash('sha256')
    for (const p of parts) h.update(p)
    return new Uint8Array(h.digest())
  },
  sha256Hex(data) {
    return createHash('sha256').update(data).digest('hex')
  },
  hmacSha256(key: Bytes, data) {
    return new Uint8Array(createHmac('sha256', key).update(data).digest())
  },
}
