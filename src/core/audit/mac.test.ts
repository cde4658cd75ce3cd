import { describe, expect, it } from 'vitest'
import { canonicalize } from '../encoding/canonical-json.js'
import { nodeCrypto } from '../ports/node-crypto.js'
import { MacKeyring } from './mac.js'

const keyring = new MacKeyring([{ kid: 'k1', key: '00112233445566778899aabbccddeeff' }], nodeCrypto)
const body = { type: 'capture', signature: 'injection:ab', size: 3 }

describe('MacKeyring.verifyCanonical', () => {
  it('accepts the MAC of a body given as its TH-CJSON-1 text, as verify() accepts it given the body', () => {
    const mac = keyring.sign(body)!
    expect(keyring.verify(body, mac)).toBe(true)
    expect(keyring.verifyCanonical(canonicalize(body), mac)).toBe(true)
  })

  it('refuses another spelling of the same body, another kid, and an upper-case MAC', () => {
    const mac = keyring.sign(body)!
    expect(keyring.verifyCanonical(JSON.stringify(body, null, 1), mac)).toBe(false)
    expect(keyring.verifyCanonical(canonicalize(body), { ...mac, kid: 'k2' })).toBe(false)
    expect(keyring.verifyCanonical(canonicalize(body), { ...mac, mac: mac.mac.toUpperCase() })).toBe(false)
  })
})
