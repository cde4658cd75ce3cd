/** v1's hashing helpers: lowercase hex SHA-256. */

import { nodeCrypto } from '../ports/node-crypto.js'

/** Lowercase hex SHA-256 of a string's UTF-8 bytes. */
export function hash(data: string): string {
  return nodeCrypto.sha256Hex(data)
}

/** Lowercase hex SHA-256 of bytes. */
export function hashBuffer(data: ArrayBuffer | Uint8Array): string {
  return nodeCrypto.sha256Hex(data instanceof Uint8Array ? data : new Uint8Array(data))
}
