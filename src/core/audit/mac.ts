/** HMAC-SHA256 over TH-CJSON-1 bytes, with key ids for rotation (docs/spec/audit.md). */

import { canonicalize } from '../encoding/canonical-json.js'
import { type Bytes, type CryptoPort, bytesEqual, fromHex, toHex } from '../ports/crypto-port.js'
import { TracehoundConfigError } from '../errors.js'

const utf8 = new TextEncoder()

/** A MAC key and its id (`kid`); the id travels with every MAC so keys can rotate. */
export interface MacKey {
  kid: string
  /** Raw bytes, or lowercase/uppercase hex. At least 16 bytes. */
  key: Bytes | string
}

/** A MAC and the id of the key that made it. */
export interface Mac {
  kid: string
  mac: string
}

const MIN_KEY_BYTES = 16

/** Hex HMAC-SHA256(key, TH-CJSON-1(body)). */
export function computeMacWith(crypto: CryptoPort, key: Bytes, body: unknown): string {
  return toHex(crypto.hmacSha256(key, canonicalize(body)))
}

/** Only the canonical lowercase-hex form verifies: no second spelling of a valid MAC. */
export function verifyMacWith(crypto: CryptoPort, key: Bytes, body: unknown, mac: string): boolean {
  return macEquals(computeMacWith(crypto, key, body), mac)
}

const macEquals = (computed: string, mac: string) => typeof mac === 'string' && bytesEqual(utf8.encode(computed), utf8.encode(mac))

/** Signs with the active key; verifies with any configured key (so rotated-out keys still verify). */
export class MacKeyring {
  private readonly keys = new Map<string, Bytes>()
  private readonly activeKid: string | undefined

  constructor(
    keys: readonly MacKey[],
    private readonly crypto: CryptoPort,
    activeKid?: string,
  ) {
    for (const { kid, key } of keys) {
      if (typeof kid !== 'string' || kid.length === 0)
        throw new TracehoundConfigError('CONFIG_MAC_INVALID', 'MAC key id must be a non-empty string')
      if (this.keys.has(kid)) throw new TracehoundConfigError('CONFIG_MAC_INVALID', `duplicate MAC key id "${kid}"`)
      const bytes = typeof key === 'string' ? decodeKey(kid, key) : key
      if (bytes.length < MIN_KEY_BYTES) {
        throw new TracehoundConfigError(
          'CONFIG_MAC_INVALID',
          `MAC key "${kid}" has ${bytes.length} bytes; at least ${MIN_KEY_BYTES} are required`,
        )
      }
      this.keys.set(kid, bytes)
    }
    if (activeKid !== undefined && !this.keys.has(activeKid)) {
      throw new TracehoundConfigError('CONFIG_MAC_INVALID', `active MAC key id "${activeKid}" is not among the configured keys`)
    }
    this.activeKid = activeKid ?? keys[0]?.kid
  }

  /** False when no key is configured: records then carry no MAC, and stats say so. */
  get enabled(): boolean {
    return this.activeKid !== undefined
  }

  get activeKeyId(): string | undefined {
    return this.activeKid
  }

  get kids(): string[] {
    return [...this.keys.keys()]
  }

  /** The MAC of `body` with the active key, or undefined without keys. */
  sign(body: unknown): Mac | undefined {
    if (this.activeKid === undefined) return undefined
    return { kid: this.activeKid, mac: computeMacWith(this.crypto, this.keys.get(this.activeKid)!, body) }
  }

  /** True when `mac` was made over `body` by one of the keys (constant-time compare). */
  verify(body: unknown, { kid, mac }: Mac): boolean {
    const key = this.keys.get(kid)
    return key !== undefined && verifyMacWith(this.crypto, key, body, mac)
  }

  /**
   * verify() for a body given as its TH-CJSON-1 text (a stored entry already checked to be in that
   * form): the same MAC, without encoding the body a second time.
   */
  verifyCanonical(text: string, { kid, mac }: Mac): boolean {
    const key = this.keys.get(kid)
    return key !== undefined && macEquals(toHex(this.crypto.hmacSha256(key, text)), mac)
  }
}

function decodeKey(kid: string, hex: string): Bytes {
  try {
    return fromHex(hex)
  } catch {
    throw new TracehoundConfigError('CONFIG_MAC_INVALID', `MAC key "${kid}" is not valid hex`)
  }
}
