import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  createMessageParser,
  decodeHoundMessage,
  encodeHoundMessage,
  encodeMessage,
  type HoundMessage,
  MAX_MESSAGE_SIZE,
  tryParseMessage,
} from './hound-ipc.js'

const body = (frame: Buffer) => frame.subarray(4)

describe('hound IPC framing', () => {
  it('prefixes the payload with its uint32 big-endian length', () => {
    const frame = encodeMessage(new TextEncoder().encode('abc'))
    expect(Array.from(frame)).toEqual([0, 0, 0, 3, 97, 98, 99])
    expect(Array.from(encodeMessage(new ArrayBuffer(0)))).toEqual([0, 0, 0, 0])
  })

  it('accepts exactly MAX_MESSAGE_SIZE and refuses one byte more', () => {
    expect(encodeMessage(new Uint8Array(MAX_MESSAGE_SIZE)).length).toBe(MAX_MESSAGE_SIZE + 4)
    expect(() => encodeMessage(new Uint8Array(MAX_MESSAGE_SIZE + 1))).toThrow(
      expect.objectContaining({ code: 'IPC_MESSAGE_TOO_LARGE', message: expect.stringContaining('Message too large') }),
    )
  })

  it('tryParseMessage waits for a whole frame and rejects an impossible length', () => {
    expect(tryParseMessage(Buffer.from([0, 0]))).toBeNull()
    expect(tryParseMessage(Buffer.from([0, 0, 0, 2, 1]))).toBeNull()
    const parsed = tryParseMessage(Buffer.from([0, 0, 0, 1, 7, 99]))
    expect(parsed!.bytesConsumed).toBe(5)
    expect(Array.from(new Uint8Array(parsed!.payload))).toEqual([7])
    expect(() => tryParseMessage(Buffer.from([0xff, 0xff, 0xff, 0xff]))).toThrow(/Invalid message length/)
  })

  it('returns payloads that own their bytes (not a view of a shared pool)', () => {
    const parsed = tryParseMessage(Buffer.from([0, 0, 0, 2, 5, 6, 7, 8]))!
    expect(parsed.payload.byteLength).toBe(2)
  })

  it('the parser reassembles frames however the stream is chunked', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 20 }),
        (payloads, cuts) => {
          const stream = Buffer.concat(payloads.map((p) => encodeMessage(p)))
          const parser = createMessageParser()
          const got: Uint8Array[] = []
          for (let at = 0, i = 0; at < stream.length; i++) {
            const next = Math.min(stream.length, at + cuts[i % cuts.length]!)
            got.push(...parser.feed(stream.subarray(at, next)).map((b) => new Uint8Array(b)))
            at = next
          }
          expect(got).toEqual(payloads)
          expect(parser.bufferedBytes).toBe(0)
        },
      ),
    )
  })

  it('the parser keeps a partial frame until reset', () => {
    const parser = createMessageParser()
    expect(parser.feed(Buffer.from([0, 0, 0, 9, 1]))).toEqual([])
    expect(parser.bufferedBytes).toBe(5)
    parser.reset()
    expect(parser.bufferedBytes).toBe(0)
  })
})

describe('hound messages', () => {
  it.each<[HoundMessage, number[]]>([
    [{ type: 'status', state: 'processing' }, [1, 1]],
    [{ type: 'status', state: 'complete' }, [1, 2]],
    [{ type: 'status', state: 'error', error: 'é' }, [1, 3, 0xc3, 0xa9]],
  ])('encodes %j as documented', (message, bytes) => {
    const frame = encodeHoundMessage(message)
    expect(Array.from(body(frame))).toEqual(bytes)
    expect(decodeHoundMessage(body(frame))).toEqual(message)
  })

  it('metrics carry two big-endian doubles and round-trip exactly', () => {
    fc.assert(
      fc.property(fc.double(), fc.double(), (processingTime, memoryUsed) => {
        const frame = encodeHoundMessage({ type: 'metrics', processingTime, memoryUsed })
        expect(body(frame).length).toBe(17)
        expect(decodeHoundMessage(body(frame))).toEqual({ type: 'metrics', processingTime, memoryUsed })
      }),
    )
  })

  it.each([
    [[], /Empty/],
    [[9], /Unknown message type/],
    [[1], /Invalid status message/],
    [[1, 9], /Unknown status state/],
    [[2, 0, 0], /Invalid metrics message/],
  ])('refuses malformed payload %j', (bytes, message) => {
    expect(() => decodeHoundMessage(new Uint8Array(bytes))).toThrow(message)
  })
})
