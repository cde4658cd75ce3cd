/** Secure ids: `uuidv7-<8 hex>` (45 chars), from the injected clock and random source. */

import { type Clock, systemClock } from '../ports/clock.js'
import { type RandomSource, systemRandom } from '../ports/random.js'

/** Produces the ids of evidence, audit records and events (injectable for determinism). */
export type IdSource = () => string

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/** RFC 9562 UUIDv7 from 10 random bytes, then a 4-byte random suffix (14 bytes per id, in that order). */
export function createIdSource(clock: Clock = systemClock, random: RandomSource = systemRandom): IdSource {
  // Spelled out byte by byte: an eviction makes one per record, and a byte array, its hex and five slices cost more.
  return () => {
    const now = Math.floor(clock())
    let t = now > 0 && now !== Infinity ? now : 0 // as a byte array stored them: NaN, ±Infinity and negatives give zeros
    let ms = ''
    for (let i = 0; i < 6; i++, t = Math.floor(t / 256)) ms = HEX[t % 256]! + ms
    const r = random(10)
    const uuid =
      `${ms.slice(0, 8)}-${ms.slice(8)}-${HEX[0x70 | (r[0]! & 0x0f)]}${HEX[r[1]!]}-${HEX[0x80 | (r[2]! & 0x3f)]}${HEX[r[3]!]}-` +
      `${HEX[r[4]!]}${HEX[r[5]!]}${HEX[r[6]!]}${HEX[r[7]!]}${HEX[r[8]!]}${HEX[r[9]!]}`
    const s = random(4)
    return `${uuid}-${HEX[s[0]!]}${HEX[s[1]!]}${HEX[s[2]!]}${HEX[s[3]!]}`
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
