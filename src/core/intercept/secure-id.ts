/** Secure ids: `uuidv7-<8 hex>` (45 chars), from the injected clock and random source. */

import { type Clock, systemClock } from '../ports/clock.js'
import { toHex } from '../ports/crypto-port.js'
import { type RandomSource, systemRandom } from '../ports/random.js'

/** Produces the ids of evidence, audit records and events (injectable for determinism). */
export type IdSource = () => string

/** RFC 9562 UUIDv7 from 10 random bytes, then a 4-byte random suffix (14 bytes per id, in that order). */
export function createIdSource(clock: Clock = systemClock, random: RandomSource = systemRandom): IdSource {
  return () => {
    const ms = Math.max(0, Math.floor(clock()))
    const r = random(10)
    const b = new Uint8Array(16)
    for (let i = 5, t = ms; i >= 0; i--, t = Math.floor(t / 256)) b[i] = t % 256
    b[6] = 0x70 | (r[0]! & 0x0f)
    b[7] = r[1]!
    b[8] = 0x80 | (r[2]! & 0x3f)
    b.set(r.subarray(3, 10), 9)
    const h = toHex(b)
    const uuid = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
    return `${uuid}-${toHex(random(4))}`
  }
}

const systemIds = createIdSource()

/** A time-ordered id (a UUIDv7 plus 32 random bits) from the wall clock and the platform's secure random source. */
export function generateSecureId(): string {
  return systemIds()
}

const SECURE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}-[0-9a-f]{8}$/i

/** True when the id has generateSecureId's shape. */
export function isValidSecureId(id: string): boolean {
  return typeof id === 'string' && SECURE_ID.test(id)
}
