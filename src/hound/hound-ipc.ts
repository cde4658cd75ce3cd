/**
 * Hound IPC: frames are [uint32 BE length][payload] over stdio, at most 1 MiB
 * each. Status and metrics messages use a fixed binary layout, never JSON:
 *   status  = 0x01, state (0x01 processing | 0x02 complete | 0x03 error), [UTF-8 error text]
 *   metrics = 0x02, float64 BE processingTime, float64 BE memoryUsed
 */

import { TracehoundError } from '../core/index.js'

/** The two kinds of message a hound sends. */
export type HoundMessageType = 'status' | 'metrics'
/** A hound's processing state. */
export type HoundStatus = 'processing' | 'complete' | 'error'

/** Status frame: processing, complete, or error with its text. */
export interface HoundStatusMessage {
  type: 'status'
  state: HoundStatus
  error?: string
}

/** Metrics frame: processing time and memory used. */
export interface HoundMetricsMessage {
  type: 'metrics'
  processingTime: number
  memoryUsed: number
}

/** Any frame a hound sends. */
export type HoundMessage = HoundStatusMessage | HoundMetricsMessage

/** A frame cut out of the byte stream. */
export interface ParsedMessage {
  payload: ArrayBuffer
  bytesConsumed: number
}

export const LENGTH_PREFIX_SIZE = 4
/** The largest frame accepted: 1 MiB. */
export const MAX_MESSAGE_SIZE = 1024 * 1024

/** Why a frame was refused. */
export type HoundIpcErrorCode = 'IPC_MESSAGE_TOO_LARGE' | 'IPC_INVALID_LENGTH' | 'IPC_MALFORMED_MESSAGE'

/** A refused frame. */
export class HoundIpcError extends TracehoundError<HoundIpcErrorCode> {
  override get name(): string {
    return 'HoundIpcError'
  }
}

const TYPE_STATUS = 0x01
const TYPE_METRICS = 0x02
const METRICS_SIZE = 17
const STATE_CODES: Record<HoundStatus, number> = { processing: 0x01, complete: 0x02, error: 0x03 }
const STATES_BY_CODE = new Map(Object.entries(STATE_CODES).map(([state, code]) => [code, state as HoundStatus]))

const malformed = (message: string) => new HoundIpcError('IPC_MALFORMED_MESSAGE', message)

/** Frames a payload; throws HoundIpcError when it exceeds MAX_MESSAGE_SIZE. */
export function encodeMessage(payload: ArrayBuffer | Uint8Array): Buffer {
  const body = payload instanceof Uint8Array ? payload : new Uint8Array(payload)
  if (body.length > MAX_MESSAGE_SIZE) {
    throw new HoundIpcError('IPC_MESSAGE_TOO_LARGE', `Message too large: ${body.length} > ${MAX_MESSAGE_SIZE}`)
  }
  const frame = Buffer.alloc(LENGTH_PREFIX_SIZE + body.length)
  frame.writeUInt32BE(body.length, 0)
  frame.set(body, LENGTH_PREFIX_SIZE)
  return frame
}

/** One length-prefixed frame for a message (see the module comment). */
export function encodeHoundMessage(message: HoundMessage): Buffer {
  if (message.type === 'status') {
    const text = message.error ? Buffer.from(message.error, 'utf8') : Buffer.alloc(0)
    const body = Buffer.alloc(2 + text.length)
    body[0] = TYPE_STATUS
    body[1] = STATE_CODES[message.state]
    body.set(text, 2)
    return encodeMessage(body)
  }
  const body = Buffer.alloc(METRICS_SIZE)
  body[0] = TYPE_METRICS
  body.writeDoubleBE(message.processingTime, 1)
  body.writeDoubleBE(message.memoryUsed, 9)
  return encodeMessage(body)
}

/** One frame from the front of `buffer`, or null when it is not complete yet. */
export function tryParseMessage(buffer: Uint8Array): ParsedMessage | null {
  if (buffer.length < LENGTH_PREFIX_SIZE) return null
  const length = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength).getUint32(0)
  if (length > MAX_MESSAGE_SIZE) throw new HoundIpcError('IPC_INVALID_LENGTH', `Invalid message length: ${length}`)
  const end = LENGTH_PREFIX_SIZE + length
  if (buffer.length < end) return null
  // Copy: Buffer.slice is a view into a shared pool, and callers keep the ArrayBuffer.
  return { payload: new Uint8Array(buffer.subarray(LENGTH_PREFIX_SIZE, end)).buffer, bytesConsumed: end }
}

/** The message in a frame payload; throws HoundIpcError for a malformed one. */
export function decodeHoundMessage(payload: ArrayBuffer | Uint8Array): HoundMessage {
  const body = Buffer.from(payload instanceof Uint8Array ? payload : new Uint8Array(payload))
  if (body.length === 0) throw malformed('Empty message payload')
  if (body[0] === TYPE_STATUS) {
    if (body.length < 2) throw malformed('Invalid status message: too short')
    const state = STATES_BY_CODE.get(body[1]!)
    if (!state) throw malformed(`Unknown status state: ${body[1]}`)
    const message: HoundStatusMessage = { type: 'status', state }
    if (body.length > 2) message.error = body.subarray(2).toString('utf8')
    return message
  }
  if (body[0] === TYPE_METRICS) {
    if (body.length < METRICS_SIZE) throw malformed('Invalid metrics message: too short')
    return { type: 'metrics', processingTime: body.readDoubleBE(1), memoryUsed: body.readDoubleBE(9) }
  }
  throw malformed(`Unknown message type: ${body[0]}`)
}

/** Cuts frames out of stdio chunks as they arrive. */
export interface MessageParser {
  /** Appends a chunk; returns every frame now complete, in order. Throws on a bad length prefix. */
  feed(chunk: Uint8Array): ArrayBuffer[]
  readonly bufferedBytes: number
  /** Drops any buffered partial frame. */
  reset(): void
}

/** A parser that buffers partial frames and refuses oversized ones. */
export function createMessageParser(): MessageParser {
  let pending: Buffer = Buffer.alloc(0)
  return {
    feed(chunk) {
      pending = pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([pending, chunk])
      const frames: ArrayBuffer[] = []
      for (let parsed = tryParseMessage(pending); parsed; parsed = tryParseMessage(pending)) {
        frames.push(parsed.payload)
        pending = pending.subarray(parsed.bytesConsumed)
      }
      return frames
    },
    get bufferedBytes() {
      return pending.length
    },
    reset() {
      pending = Buffer.alloc(0)
    },
  }
}
