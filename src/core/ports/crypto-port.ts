/** The engine's only way to hash: Node's crypto in the engine, a pure-JS port in the browser kernel. */

import { TracehoundError } from '../errors.js'

/** Raw bytes, as every port takes and returns them. */
export type Bytes = Uint8Array

/** The hashing and MAC primitives the core uses, injected so it stays platform-free. */
export interface CryptoPort {
  /** SHA-256 over the concatenation of the parts (strings as UTF-8). */
  sha256(...parts: (Bytes | string)[]): Bytes
  /** Lowercase hex SHA-256 of one input (the hot path: avoids a bytes-to-hex round trip). */
  sha256Hex(data: Bytes | string): string
  /** HMAC-SHA-256 of the data under the key. */
  hmacSha256(key: Bytes, data: Bytes | string): Bytes
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/** Lowercase hex of the bytes, as hashes travel on the wire and in the vectors. */
export function toHex(bytes: Bytes): string {
  let out = ''
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!]
  return out
}

const nibble = (c: number): number => (c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1)

/** Strict hex decoding: throws on odd length or a non-hex character. */
export function fromHex(hex: string): Bytes {
  if (typeof hex !== 'string' || hex.length % 2 !== 0) throw new TracehoundError('HEX_INVALID', 'invalid hex string')
  const out = new Uint8Array(hex.length / 2)
  for (let i = 0; i < out.length; i++) {
    const hi = nibble(hex.charCodeAt(2 * i))
    const lo = nibble(hex.charCodeAt(2 * i + 1))
    if (hi < 0 || lo < 0) throw new TracehoundError('HEX_INVALID', 'invalid hex string')
    out[i] = (hi << 4) | lo
  }
  return out
}

/** Constant-time equality for equal-length inputs; length itself is not secret. */
export function bytesEqual(a: Bytes, b: Bytes): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}
