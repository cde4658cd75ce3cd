/**
 * The payload reaches the daemon intact: the TS client against the real tracehoundd, next to the
 * embedded engine. Each attack from the issue that moved payloads to TH-CJSON-1 bytes, plus a
 * seeded property test (deep, wide, unicode, numbers) compared byte for byte with the kernel.
 */

import { createHash } from 'node:crypto'
import { create } from '@bufbuild/protobuf'
import { Code, ConnectError } from '@connectrpc/connect'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canonicalBytes, createTracehoundClient, signature, type NodeTracehoundClient } from '../src/client/index.js'
import type { Scent } from '../src/core/index.js'
import { ScentSchema } from '../src/gen/tracehound/v1/scent_pb.js'
import { createTracehound } from '../src/index.js'
import { type RunningDaemon, startDaemonProcess } from './daemon-harness.js'

let d: RunningDaemon
let client: NodeTracehoundClient
let run = 0

beforeAll(async () => {
  d = await startDaemonProcess(['--memory'])
  client = createTracehoundClient({ socketPath: d.socketPath, timeoutMs: 20_000 })
})

afterAll(async () => {
  client?.close()
  await d?.stop()
})

/** Each scent its own source: no test meets another's rate limit. */
const threat = (payload: unknown, over: Partial<Scent> = {}): Scent => ({
  id: `p-${++run}`,
  payload: payload as Scent['payload'],
  source: `payload-${run}`,
  timestamp: 1_700_000_000_000,
  threat: { category: 'spam', severity: 'high' },
  ...over,
})

/** The embedded engine's verdict for the same scent, in the client's plain form. */
function embedded(scent: Scent) {
  const r = createTracehound().intercept(scent)
  return r.status === 'quarantined'
    ? { status: r.status, signature: r.handle.signature }
    : r.status === 'payload_too_large'
      ? { ...r }
      : { status: r.status }
}

async function viaDaemon(scent: Scent) {
  const v = await client.intercept(scent)
  expect(v.degraded).toBeUndefined()
  return v.status === 'quarantined'
    ? { status: v.status, signature: v.handle.signature }
    : v.status === 'payload_too_large'
      ? { status: v.status, limit: v.limit }
      : { status: v.status }
}

/** Quarantined, or ignored when the generator made the same payload twice: either way, its signature. */
async function signedByDaemon(scent: Scent): Promise<string> {
  const v = await client.intercept(scent)
  if (v.status === 'quarantined') return v.handle.signature
  if (v.status === 'ignored') return v.signature
  throw new Error(`not evidence: ${JSON.stringify(v)}`)
}

const nest = (depth: number, wrap: (v: unknown) => unknown) => {
  let v: unknown = `core-${depth}`
  for (let i = 0; i < depth; i++) v = wrap(v)
  return v
}

describe('each attack: the daemon through the TS client gives the embedded verdict', () => {
  it.each([60, 511, 512, 513, 5000, 200_000])(
    'arrays and objects nested %i deep (too deep is payload_too_large, never clean)',
    async (depth) => {
      for (const wrap of [(v: unknown) => [v], (v: unknown) => ({ k: v })]) {
        const scent = threat(nest(depth, wrap))
        const want = embedded(scent)
        expect(want.status).toBe(depth <= 512 ? 'quarantined' : 'payload_too_large')
        expect(await viaDaemon(scent)).toEqual(want)
      }
    },
  )

  it('keeps a "__proto__" key (the issue repro: category spam)', async () => {
    const payload = JSON.parse('{"__proto__":{"x":1},"a":1}') as unknown
    const scent = threat(payload)
    expect(await viaDaemon(scent)).toEqual({ status: 'quarantined', signature: signature('spam', payload) })
    expect(signature('spam', payload)).not.toBe(signature('spam', { a: 1 }))
    expect(embedded(scent)).toEqual({ status: 'quarantined', signature: signature('spam', payload) })
  })

  it('keeps lone surrogates, in values and keys', async () => {
    for (const payload of ['\ud800', 'abc\udbff', '\udc00\ud800', { '\ud83d': ['\udfff'] }]) {
      const scent = threat(payload)
      expect(await viaDaemon(scent)).toEqual(embedded(scent))
      expect(embedded(scent)).toMatchObject({ signature: signature('spam', payload) })
    }
  })

  it('judges what the embedded library takes in every other field: long, empty, negative', async () => {
    for (const over of [
      { id: 'i'.repeat(5000), source: `s${'x'.repeat(5000)}` },
      { id: '', source: '' },
      { timestamp: -1 },
      { timestamp: -(2 ** 53) + 1 },
      { source: '203.0.113.7, '.repeat(1000) }, // an X-Forwarded-For the attacker made long
    ]) {
      const scent = threat({ field: JSON.stringify(over).slice(0, 40), run }, over)
      const got = await viaDaemon(scent)
      expect(got).toEqual(embedded(scent))
      expect(got.status).toBe('quarantined')
    }
  })

  it('answers a 1,000,000-key payload (13.9 MB) payload_too_large without parsing it', async () => {
    // The keys run backwards, so the bytes are not canonical: a daemon that read them would answer
    // InvalidArgument; payload_too_large proves the length alone decided.
    const parts: string[] = []
    for (let i = 999_999; i >= 0; i--) parts.push(`"${i}":null`)
    const bytes = new TextEncoder().encode(`{${parts.join(',')}}`)
    expect(bytes.length).toBeGreaterThan(13_000_000) // under the 16 MiB read limit
    const scent = create(ScentSchema, {
      id: 'big',
      source: 'big',
      threat: { category: 4, severity: 3 },
      payloadForm: { case: 'payloadCjson', value: bytes },
    })
    const res = await client.service.intercept({ scent })
    expect(res.verdict?.outcome).toEqual({ case: 'payloadTooLarge', value: expect.objectContaining({ limitBytes: 1_000_000n }) })
    // The same non-canonical shape under the limit is read, and refused with its offset.
    const small = new TextEncoder().encode('{"2":null,"1":null}')
    const err = await client.service
      .intercept({ scent: { ...scent, payloadForm: { case: 'payloadCjson', value: small } } })
      .catch((e: unknown) => ConnectError.from(e))
    expect(err).toBeInstanceOf(ConnectError)
    expect((err as ConnectError).code).toBe(Code.InvalidArgument)
    expect((err as ConnectError).rawMessage).toBe(
      'scent.payload_cjson is not TH-CJSON-1: object keys out of canonical order or repeated at byte 10',
    )
  })

  it('judges a refusal the client kernel sends as the engine would, rate limit first', async () => {
    const nan = threat({ v: Number.NaN })
    expect(await client.intercept(nan)).toMatchObject({
      status: 'error',
      error: { code: 'AGENT_SERIALIZATION_FAILED', message: 'Failed to serialize: NaN is not allowed at root.v' },
    })
    expect(createTracehound().intercept(nan)).toMatchObject({ error: { message: 'Failed to serialize: NaN is not allowed at root.v' } })
  })

  it('refuses the google.protobuf.Value payload of older clients instead of signing null', async () => {
    const old = create(ScentSchema, { id: 'old', source: 'old', threat: { category: 4, severity: 3 } })
    // Field 2, length-delimited: a google.protobuf.Value holding null_value.
    old.$unknown = [{ no: 2, wireType: 2, data: new Uint8Array([0x02, 0x08, 0x00]) }]
    const err = await client.service.intercept({ scent: old }).catch((e: unknown) => ConnectError.from(e))
    expect((err as ConnectError).code).toBe(Code.InvalidArgument)
    expect((err as ConnectError).rawMessage).toContain('no longer read: send payload_cjson')
  })
})

describe('property: random payloads through the client and the daemon', () => {
  const lone = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c))
  const text = fc
    .array(fc.oneof(fc.string({ unit: 'binary' }), lone, fc.constantFrom('__proto__', '0', '01', '4294967294', '4294967295')), {
      maxLength: 3,
    })
    .map((xs) => xs.join(''))
  const number = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.constantFrom(1e21, 1e-7, -0, 5e-324, 2 ** 53 + 2),
  )
  const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small' },
      number,
      text,
      fc.constantFrom(null, true, false),
      fc.array(tie('tree'), { maxLength: 6 }),
      fc.array(fc.tuple(text, tie('tree')), { maxLength: 8 }).map(objectOf),
    ),
  }))
  const deep = fc
    .tuple(tree, fc.array(fc.oneof(fc.constant(null), text), { minLength: 1, maxLength: 512 }))
    .map(([core, path]) => path.reduce<unknown>((v, key) => (key === null ? [v] : objectOf([[key, v]])), core))

  it('signs every payload as the local kernel and the embedded engine do (seeded)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(tree, deep), async (payload) => {
        const scent = threat(payload)
        const want = `spam:${createHash('sha256').update(canonicalBytes(payload)).digest('hex')}`
        expect(embedded(scent)).toEqual({ status: 'quarantined', signature: want })
        expect(await signedByDaemon(scent)).toBe(want)
      }),
      { seed: 13, numRuns: 150 },
    )
  })
})

/** Keys defined, never assigned: a "__proto__" key stays data. */
function objectOf(entries: [string, unknown][]): Record<string, unknown> {
  const o: Record<string, unknown> = {}
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true })
  return o
}
