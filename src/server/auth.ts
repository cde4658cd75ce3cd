/** Bearer-token check from the request headers, the same for every protocol and path. */

import { createHash, timingSafeEqual } from 'node:crypto'
import { TracehoundError } from '../core/index.js'

/** Shorter tokens are refused at start: 16 bytes is the floor for a guessing attacker. */
export const MIN_TOKEN_BYTES = 16

/** RFC 7235: the scheme is case-insensitive; surrounding whitespace is not part of the credentials. */
const BEARER = /^[ \t]*bearer[ \t]+(\S+)[ \t]*$/i

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest()

export class TokenCheck {
  // Fixed-length digests: the comparison reveals neither the token nor its length.
  readonly #expected: Buffer

  constructor(token: string) {
    if (Buffer.byteLength(token, 'utf8') < MIN_TOKEN_BYTES) {
      throw new TracehoundError(
        'SERVER_OPTIONS_INVALID',
        `the bearer token must be at least ${MIN_TOKEN_BYTES} bytes (it is ${Buffer.byteLength(token, 'utf8')})`,
      )
    }
    this.#expected = digest(token)
  }

  /** Whether an Authorization header value carries the token. */
  accepts(header: string | string[] | undefined): boolean {
    const m = typeof header === 'string' ? BEARER.exec(header) : null
    // The digest is computed and compared either way, so a malformed header costs the same.
    return timingSafeEqual(digest(m?.[1] ?? ''), this.#expected) && m !== null
  }
}
