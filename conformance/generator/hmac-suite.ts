/** hmac_test.json: MACs over tree heads and evidence records, with key ids; valid and tampered. */

import { computeMac, toHex } from '../../src/core/kernel/index.js'
import { nodeCrypto } from '../../src/core/index.js'
import { type TestDraft, vectorFile } from '../lib/vector-file.js'

const notes = {
  Valid: { bugType: 'BASIC', description: 'mac = hex HMAC-SHA256(key, TH-CJSON-1(body)); must verify.' },
  LongKey: { bugType: 'EDGE_CASE', description: 'A key longer than the SHA-256 block (64 bytes) is hashed first, per RFC 2104.' },
  TamperedBody: { bugType: 'FORGERY', description: 'One body field changed after the MAC was made.' },
  TamperedMac: { bugType: 'FORGERY', description: 'One bit of the MAC flipped, or the MAC truncated or emptied.' },
  WrongKey: { bugType: 'FORGERY', description: 'The MAC was made with another key.' },
  Malleability: { bugType: 'MALLEABILITY', description: 'Upper-case hex is not the canonical form and is refused.' },
  ExtraField: { bugType: 'FORGERY', description: 'A field added to the body after the MAC was made.' },
} as const

const keyOf = (label: string, bytes: number) => toHex(nodeCrypto.sha256(label).subarray(0, Math.min(32, bytes))).padEnd(bytes * 2, 'ab')

const KEYS = [
  { kid: 'k16', key: keyOf('k16', 16) },
  { kid: 'k32', key: keyOf('k32', 32) },
  { kid: 'k100', key: keyOf('k100', 100) },
]

const treeHeads = [
  { treeSize: 0, rootHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', timestamp: 1700000000000 },
  { treeSize: 7, rootHash: toHex(nodeCrypto.sha256('root-7')), timestamp: 1700000123456 },
]
const evidence = [
  {
    signature: `injection:${toHex(nodeCrypto.sha256('p1'))}`,
    hash: toHex(nodeCrypto.sha256('p1')),
    size: 1015,
    severity: 'high',
    captured: 1700000000001,
  },
  {
    signature: `spam:${toHex(nodeCrypto.sha256('p2'))}`,
    hash: toHex(nodeCrypto.sha256('p2')),
    size: 13,
    severity: 'low',
    captured: 1700000000002,
  },
]

const flipHex = (h: string, i: number) => h.slice(0, i) + (h[i] === '0' ? '1' : '0') + h.slice(i + 1)

function tests(key: { kid: string; key: string }, other: { kid: string; key: string }): TestDraft[] {
  const t: TestDraft[] = []
  const longKey = key.key.length > 128 ? ['LongKey'] : []
  const add = (comment: string, flags: string[], bodyType: string, body: object, mac: string, result: 'valid' | 'invalid') =>
    t.push({ comment, flags, bodyType, body, kid: key.kid, mac, result })
  for (const [bodyType, bodies] of [
    ['treeHead', treeHeads],
    ['evidenceRecord', evidence],
  ] as const) {
    for (const [i, body] of bodies.entries()) {
      const mac = computeMac(key.key, body)
      const what = `${bodyType} ${i}`
      add(`${what}: valid`, ['Valid', ...longKey], bodyType, body, mac, 'valid')
      for (const field of Object.keys(body)) {
        const v = (body as Record<string, unknown>)[field]
        const changed = typeof v === 'number' ? v + 1 : typeof v === 'string' ? flipHex(v, v.length - 1) : v
        add(`${what}: ${field} changed`, ['TamperedBody'], bodyType, { ...body, [field]: changed }, mac, 'invalid')
      }
      add(`${what}: extra field`, ['ExtraField'], bodyType, { ...body, note: 'x' }, mac, 'invalid')
      add(`${what}: first bit of MAC flipped`, ['TamperedMac'], bodyType, body, flipHex(mac, 0), 'invalid')
      add(`${what}: last nibble of MAC changed`, ['TamperedMac'], bodyType, body, flipHex(mac, 63), 'invalid')
      add(`${what}: MAC truncated to 16 bytes`, ['TamperedMac'], bodyType, body, mac.slice(0, 32), 'invalid')
      add(`${what}: empty MAC`, ['TamperedMac'], bodyType, body, '', 'invalid')
      add(`${what}: MAC made with key ${other.kid}`, ['WrongKey'], bodyType, body, computeMac(other.key, body), 'invalid')
      if (/[a-f]/.test(mac)) add(`${what}: MAC in upper case`, ['Malleability'], bodyType, body, mac.toUpperCase(), 'invalid')
    }
  }
  return t
}

export function hmacSuite() {
  return vectorFile(
    'hmac',
    [
      'MACs over tree heads and evidence records (docs/spec/audit.md): mac = lowercase hex HMAC-SHA256(key, TH-CJSON-1(body)).',
      'Each group has one key (hex) and its key id; a test is valid iff its mac verifies for body under that key, compared in constant time.',
    ],
    notes,
    KEYS.map((key, i) => ({ type: 'MacTest', kid: key.kid, keyHex: key.key, tests: tests(key, KEYS[(i + 1) % KEYS.length]!) })),
  )
}
