/** Secure ids: `uuidv7-<8 hex>` (45 chars), from the injected clock and random source. */

import { type Clock, systemClock } from '../ports/clock.js'
import { type RandomSource, systemRandom } from '../ports/random.js'

/** Produces the ids of evidence, audit records and events (injectable for determinism). */
export type IdSource = () => string

const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0))
const ascii = new TextDecoder()

/** RFC 9562 UUIDv7 from 10 random bytes, then a 4-byte random suffix (14 bytes per id, in that order). */
export function createIdSource(clock: Clock = systemClock, random: RandomSource = systemRandom): IdSource {
  // The 45 characters go into one buffer and out as one string: an eviction makes an id per record,
  // and building it from hex pairs and slices cost a dozen short-lived strings.
  const out = new Uint8Array(45)
  for (const dash of [8, 13, 18, 23, 36]) out[dash] = 0x2d
  const hex = (at: number, byte: number) => {
    out[at] = HEX_CODES[(byte >> 4) & 0x0f]!
    out[at + 1] = HEX_CODES[byte & 0x0f]!
  }
  return () => {
    const now = Math.floor(clock())
    let t = now > 0 && now !== Infinity ? now : 0 // as a byte array stored them: NaN, ±Infinity and negatives give zeros
    const r = random(10)
    const s = random(4)
    // 48-bit milliseconds, big-endian: characters 0-7 and 9-12.
    for (let i = 5; i >= 0; i--, t = Math.floor(t / 256)) hex(i < 4 ? 2 * i : 2 * i + 1, t % 256)
    hex(14, 0x70 | (r[0]! & 0x0f))
    hex(16, r[1]!)
    hex(19, 0x80 | (r[2]! & 0x3f))
    hex(21, r[3]!)
    for (let i = 0; i < 6; i++) hex(24 + 2 * i, r[4 + i]!)
    for (let i = 0; i < 4; i++) hex(37 + 2 * i, s[i]!)
    return ascii.decode(out)
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
