import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EvictionQueue, type QueueEntry } from './eviction-queue.js'

type Op = { kind: 'push'; rank: number; captured: number } | { kind: 'kill'; pick: number } | { kind: 'pop' } | { kind: 'compact' }

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('push' as const), rank: fc.integer({ min: 0, max: 3 }), captured: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ kind: fc.constant('kill' as const), pick: fc.nat() }),
  fc.constant({ kind: 'pop' as const }),
  fc.constant({ kind: 'compact' as const }),
)

const earlier = (a: QueueEntry, b: QueueEntry) =>
  a.rank !== b.rank ? a.rank < b.rank : a.captured !== b.captured ? a.captured < b.captured : a.seq < b.seq

describe('EvictionQueue', () => {
  it('pops the live entry of lowest severity, then oldest capture, then first inserted', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const queue = new EvictionQueue<QueueEntry>()
        const live: QueueEntry[] = []
        let seq = 0
        for (const o of ops) {
          if (o.kind === 'push') {
            const entry = { rank: o.rank, captured: o.captured, seq: seq++, live: true }
            queue.push(entry)
            live.push(entry)
          } else if (o.kind === 'kill' && live.length > 0) {
            live.splice(o.pick % live.length, 1)[0]!.live = false
          } else if (o.kind === 'pop') {
            const expected = live.reduce<QueueEntry | undefined>((min, e) => (min === undefined || earlier(e, min) ? e : min), undefined)
            const got = queue.popLive()
            expect(got).toBe(expected)
            if (got) {
              got.live = false
              live.splice(live.indexOf(got), 1)
            }
          } else if (o.kind === 'compact') {
            queue.compact(live.length)
          }
        }
      }),
      { numRuns: 500, seed: 17 },
    )
  })
})
