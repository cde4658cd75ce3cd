/**
 * InterceptStream as the SDKs' default intercept path: one long-lived stream per client, each
 * request (one call, or one batch) answered by a response carrying its request_id. A request the
 * unary Intercept would refuse is answered with that status in `error`; the stream goes on.
 */

import { create, type DescService, type MessageInitShape } from '@bufbuild/protobuf'
import type { Validator } from '@bufbuild/protovalidate'
import { Code, ConnectError, type Interceptor } from '@connectrpc/connect'
import { createValidateInterceptor } from '@connectrpc/validate'
import {
  InterceptRequestSchema,
  type InterceptStreamRequest,
  InterceptStreamRequestSchema,
  type InterceptStreamResponseSchema,
  TracehoundService,
} from '../gen/tracehound/v1/tracehound_service_pb.js'

type Response = MessageInitShape<typeof InterceptStreamResponseSchema>

/**
 * Answers still waiting for their fsync (durable mode) while later requests are read on; beyond
 * this the stream stops reading until the oldest is answered (HTTP/2 flow control then holds the
 * client back).
 */
export const MAX_PENDING_ANSWERS = 256

/**
 * protovalidate compiles a message type's rules on first use: tens of ms, and over 100 ms for
 * Handshake on a quiet machine, far more on a loaded one. Done at start-up for every method's
 * request, so no client's first call (its handshake, its first proof) pays it against its deadline.
 */
export function warmValidator(validator: Validator, services: readonly DescService[]): void {
  const scent = { id: 'warm-up', threat: { category: 1, severity: 1 } }
  validator.validate(InterceptRequestSchema, create(InterceptRequestSchema, { scent }))
  validator.validate(InterceptStreamRequestSchema, create(InterceptStreamRequestSchema, { scents: [scent] }))
  for (const service of services) for (const method of service.methods) validator.validate(method.input, create(method.input))
}

/**
 * protovalidate for every call but InterceptStream, whose messages the handler validates one by
 * one (an interceptor's refusal would end the stream for every call on it).
 */
export function validateInterceptor(validator: Validator): Interceptor {
  const validating = createValidateInterceptor({ validator })
  return (next) => {
    const checked = validating(next)
    return (req) => (req.method === TracehoundService.method.interceptStream ? next(req) : checked(req))
  }
}

/**
 * The per-request answer: `judgeBatch` judges the scents (throwing a ConnectError for what unary
 * refuses) and returns the verdicts, or a promise of them that settles once they are durable.
 */
export function streamAnswerer(
  validator: Validator,
  judgeBatch: (req: InterceptStreamRequest) => Response['verdicts'] | Promise<Response['verdicts']>,
): (req: InterceptStreamRequest) => Response | Promise<Response> {
  const refused = (requestId: bigint, e: unknown): Response => {
    const err = ConnectError.from(e)
    return { requestId, error: { code: err.code, message: err.rawMessage } }
  }
  return (req) => {
    const { requestId } = req
    const result = validator.validate(InterceptStreamRequestSchema, req)
    // The message the validate interceptor gives a unary call.
    if (result.kind !== 'valid') return refused(requestId, new ConnectError(result.error.message, Code.InvalidArgument))
    let verdicts: ReturnType<typeof judgeBatch>
    try {
      verdicts = judgeBatch(req)
    } catch (e) {
      return refused(requestId, e)
    }
    if (!(verdicts instanceof Promise)) return { requestId, verdicts }
    return verdicts.then(
      (v) => ({ requestId, verdicts: v }),
      (e: unknown) => refused(requestId, e),
    )
  }
}

const HEAD: unique symbol = Symbol('head settled')

/**
 * Answers in request order. A synchronous answer is yielded at once; answers that wait (durable
 * mode) are queued while later requests are read and judged, so one fsync covers many calls.
 * Once `closing` aborts (graceful shutdown) no further request is read: what was read is answered
 * and the stream ends, so the client reconnects (to the next daemon) instead of holding it open.
 */
export async function* answerInOrder<Req, Res>(
  requests: AsyncIterable<Req>,
  answer: (req: Req) => Res | Promise<Res>,
  closing: AbortSignal,
  maxPending = MAX_PENDING_ANSWERS,
): AsyncGenerator<Res> {
  const it = requests[Symbol.asyncIterator]()
  const pending: Promise<Res>[] = []
  let next: Promise<IteratorResult<Req>> | undefined
  const DONE: IteratorResult<Req> = { done: true, value: undefined }
  // The outstanding read's resolver: shutdown settles it as the end of the requests. (Racing
  // each read against one long-lived promise would pile a reaction per message onto it.)
  let wake: ((r: IteratorResult<Req>) => void) | undefined
  const end = () => wake?.(DONE)
  closing.addEventListener('abort', end, { once: true })
  const read = (): Promise<IteratorResult<Req>> => {
    // Checked first: a client that always has a request ready would otherwise never be cut off.
    if (closing.aborted) return Promise.resolve(DONE)
    const p = it.next()
    // Always awaited or raced (which handles a rejection after the stream is abandoned).
    return new Promise((resolve, reject) => {
      wake = resolve
      p.then(resolve, reject)
    })
  }
  try {
    for (;;) {
      const head = pending[0]
      if (!head) {
        const r = await (next ?? read())
        next = undefined
        if (r.done) return
        const a = answer(r.value)
        if (a instanceof Promise) pending.push(a)
        else yield a
        continue
      }
      if (pending.length < maxPending) {
        next ??= read()
        const first: typeof HEAD | IteratorResult<Req> = await Promise.race([head.then((): typeof HEAD => HEAD), next])
        if (typeof first !== 'symbol') {
          next = undefined
          if (first.done) {
            for (const p of pending.splice(0)) yield await p
            return
          }
          const a = answer(first.value)
          pending.push(a instanceof Promise ? a : Promise.resolve(a))
          continue
        }
      }
      yield await (pending.shift() as Promise<Res>)
    }
  } finally {
    // One listener per stream on the daemon-wide signal: removed when the stream ends.
    closing.removeEventListener('abort', end)
  }
}
