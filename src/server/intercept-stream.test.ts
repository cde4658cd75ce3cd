import { getEventListeners } from 'node:events'
import { describe, expect, it } from 'vitest'
import { answerInOrder, warmValidator } from './intercept-stream.js'

function deferred<T>() {
  let resolve!: (v: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

/** A request source that records how many requests were pulled; ends after `n` unless endless. */
function source(n = Infinity) {
  const state = { pulled: 0 }
  const iterable: AsyncIterable<number> = {
    [Symbol.asyncIterator]: () => ({
      next: () =>
        state.pulled >= n ? Promise.resolve({ done: true, value: undefined }) : Promise.resolve({ done: false, value: state.pulled++ }),
    }),
  }
  return { iterable, state }
}

const settle = () => new Promise((r) => setImmediate(r))

describe('answerInOrder', () => {
  it('yields answers in request order when later ones settle first', async () => {
    const waits = [deferred<string>(), deferred<string>()]
    const answers = (i: number) => (i < 2 ? waits[i]!.promise : `sync ${i}`)
    const out: string[] = []
    const done = (async () => {
      for await (const a of answerInOrder(source(4).iterable, answers, new AbortController().signal)) out.push(a)
    })()
    waits[1]!.resolve('async 1')
    await settle()
    expect(out).toEqual([])
    waits[0]!.resolve('async 0')
    await done
    expect(out).toEqual(['async 0', 'async 1', 'sync 2', 'sync 3'])
  })

  it('stops reading while maxPending answers wait', async () => {
    const { iterable, state } = source()
    const waits: ReturnType<typeof deferred<number>>[] = []
    const gen = answerInOrder(
      iterable,
      (i) => {
        waits[i] = deferred<number>()
        return waits[i]!.promise
      },
      new AbortController().signal,
      3,
    )
    const first = gen.next()
    await settle()
    expect(state.pulled).toBe(3)
    waits[0]!.resolve(0)
    expect(await first).toEqual({ done: false, value: 0 })
    await gen.return(undefined)
  })

  it('answers what it has read, then ends, once closing aborts', async () => {
    const closing = new AbortController()
    const { iterable, state } = source()
    const held = deferred<number>()
    const out: number[] = []
    const done = (async () => {
      for await (const a of answerInOrder(iterable, (i) => (i === 0 ? held.promise : i), closing.signal, 1)) out.push(a)
    })()
    await settle()
    expect(state.pulled).toBe(1)
    closing.abort()
    held.resolve(0)
    await done
    expect(out).toEqual([0])
    expect(state.pulled).toBe(1)
  })

  it('leaves no listener on the shutdown signal once a stream ends', async () => {
    const closing = new AbortController()
    for await (const _ of answerInOrder(source(3).iterable, (i) => i, closing.signal)) void _
    expect(getEventListeners(closing.signal, 'abort')).toHaveLength(0)
  })
})

describe('warmValidator', () => {
  it("validates every method's request of the given services once at start-up", async () => {
    const { createValidator } = await import('@bufbuild/protovalidate')
    const { TracehoundService } = await import('../gen/tracehound/v1/tracehound_service_pb.js')
    const { Health } = await import('../gen/grpc/health/v1/health_pb.js')
    const real = createValidator()
    const seen = new Set<string>()
    const counting: typeof real = {
      validate: (schema, message) => {
        seen.add(schema.typeName)
        return real.validate(schema, message)
      },
    }
    warmValidator(counting, [TracehoundService, Health])
    for (const m of [...TracehoundService.methods, ...Health.methods]) expect(seen).toContain(m.input.typeName)
  })
})
