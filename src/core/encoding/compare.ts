/** Constant-time comparisons (CWE-208) for signatures, hashes and MACs. */

import { bytesEqual } from '../ports/crypto-port.js'

const utf8 = new TextEncoder()

/** String equality whose time does not depend on where the strings differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  return bytesEqual(utf8.encode(a), utf8.encode(b))
}

/** Byte equality whose time does not depend on where the buffers differ. */
export function constantTimeBufferEqual(a: ArrayBuffer | Uint8Array, b: ArrayBuffer | Uint8Array): boolean {
  return bytesEqual(a instanceof Uint8Array ? a : new Uint8Array(a), b instanceof Uint8Array ? b : new Uint8Array(b))
}
