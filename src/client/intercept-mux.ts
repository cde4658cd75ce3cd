/**
 * The client's default intercept path: one long-lived InterceptStream, every call one request
 * message with its own request_id and one response message back. Per-call deadlines; a lost
 * stream fails every call in flight with the stream's error (the caller turns it into a verdict
 * per its fail mode, as for a unary call) and the next call opens a new stream, after a backoff
 * once losses repeat.
 */

import { Code, ConnectError, type Client } from '@connectrpc/connect'
import type { ScentSchema } from '../gen/tracehound/v1/scent_pb.js'
import type { InterceptStreamResponse, TracehoundService } from '../gen/tracehound/v1/tracehound_service_pb.js'
import type { MessageInitShape } from '@bufbuild/protobuf'
import type { InterceptStreamRequestSchema } from '../gen/tracehound/v1/tracehound_service_pb.js'
import type { Verdict as WireVerdict } from '../gen/tracehound/v1/verdict_pb.js'

type Request = MessageInitShape<typeof InterceptStreamRequestSchema>
type WireScent = MessageInitShape<typeof ScentSchema>

interface Call {
  resolve(verdicts: WireVerdict[]): void
  reject(e: ConnectError): void
  timer: ReturnType<typeof setTimeout>
  count: number
}

/** After the first loss the next call reconnects at once; repeated losses wait 50 ms, doubling to 2 s. */
const BACKOFF_FIRST_MS = 50
const BACKOFF_MAX_MS = 2000

/** A queue the stream's request side reads from. */
class Outbox implements AsyncIterable<Request> {
  private readonly queue: Request[] = []
  private waiting: ((r: IteratorResult<Request>) => void) | undefined
  private closed = false

  push(r: Request) {
    if (this.closed) return
    const w = this.waiting
    if (w) {
      this.waiting = undefined
      w({ value: r, done: false })
    } else this.queue.push(r)
  }

  close() {
    this.closed = true
    this.queue.length = 0
    this.waiting?.({ value: undefined, done: true })
    this.waiting = undefined
  }

  [Symbol.asyncIterator](): AsyncIterator<Request> {
    return {
      next: () => {
        const r = this.queue.shift()
        if (r) return Promise.resolve({ value: r, done: false })
        if (this.closed) return Promise.resolve({ value: undefined, done: true })
        return new Promise((resolve) => (this.waiting = resolve))
      },
      return: () => {
        this.close()
        return Promise.resolve({ value: undefined, done: true })
      },
      // connect-node ends the request side with throw() when the call fails.
      throw: (e: unknown) => {
        this.close()
        return Promise.reject(e)
      },
    }
  }
}

class Stream {
  readonly outbox = new Outbox()
  readonly calls = new Map<bigint, Call>()
  readonly abort = new AbortController()
  dead = false
}

export class InterceptMux {
  private stream: Stream | undefined
  private nextId = 1n
  private losses = 0
  private retryAt = 0
  private lastLoss: ConnectError | undefined
  /** Streams opened so far (tests check that one lost call does not cost a stream). */
  opened = 0

  constructor(private readonly service: Client<typeof TracehoundService>) {}

  /** The verdicts of `scents` (one request), or a ConnectError as a unary Intercept would reject with. */
  call(scents: WireScent[], timeoutMs: number): Promise<WireVerdict[]> {
    const stream = this.open()
    if (!stream) return Promise.reject(this.lastLoss ?? new ConnectError('intercept stream reconnecting', Code.Unavailable))
    const requestId = this.nextId++
    return new Promise<WireVerdict[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        // A late answer to this id is dropped; the stream serves the other calls on.
        stream.calls.delete(requestId)
        reject(new ConnectError('the deadline expired before the daemon answered', Code.DeadlineExceeded))
      }, timeoutMs)
      stream.calls.set(requestId, { resolve, reject, timer, count: scents.length })
      stream.outbox.push({ requestId, scents })
    })
  }

  /** Ends the stream; calls in flight fail with Canceled. */
  close() {
    const s = this.stream
    this.stream = undefined
    if (s) this.lost(s, new ConnectError('client closed', Code.Canceled))
  }

  private open(): Stream | undefined {
    if (this.stream && !this.stream.dead) return this.stream
    if (Date.now() < this.retryAt) return undefined
    const s = new Stream()
    this.stream = s
    this.opened++
    void this.read(s)
    return s
  }

  private async read(s: Stream) {
    try {
      for await (const res of this.service.interceptStream(s.outbox, { signal: s.abort.signal })) {
        this.losses = 0
        this.answer(s, res)
      }
      this.lost(s, new ConnectError('the daemon ended the intercept stream', Code.Unavailable))
    } catch (e) {
      this.lost(s, ConnectError.from(e))
    }
  }

  private answer(s: Stream, res: InterceptStreamResponse) {
    const call = s.calls.get(res.requestId)
    if (!call) return // its deadline expired
    s.calls.delete(res.requestId)
    clearTimeout(call.timer)
    if (res.error)
      call.reject(
        new ConnectError(res.error.message, res.error.code >= 1 && res.error.code <= 16 ? (res.error.code as Code) : Code.Unknown),
      )
    else if (res.verdicts.length !== call.count) call.reject(new ConnectError('daemon answered a batch only in part', Code.DataLoss))
    else call.resolve(res.verdicts)
  }

  private lost(s: Stream, e: ConnectError) {
    if (s.dead) return
    s.dead = true
    s.outbox.close()
    s.abort.abort()
    for (const call of s.calls.values()) {
      clearTimeout(call.timer)
      call.reject(e)
    }
    s.calls.clear()
    if (e.code === Code.Canceled) return
    this.losses++
    this.lastLoss = e
    this.retryAt = this.losses < 2 ? 0 : Date.now() + Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** (this.losses - 2))
  }
}
