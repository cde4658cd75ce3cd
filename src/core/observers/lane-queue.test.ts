import { describe, expect, it } from 'vitest'
import { type Alert, createLaneQueue, DEFAULT_LANE_CONFIG, LaneQueue } from './lane-queue.js'
import type { Severity } from '../types.js'

let n = 0
const alert = (severity: Severity, id = `a${++n}`): Alert => ({
  id,
  severity,
  type: 'quarantined',
  message: id,
  timestamp: 0,
})

const tiny = (overflow: 'drop_oldest' | 'drop_lowest' | 'reject') =>
  createLaneQueue({
    overflow,
    lanes: {
      critical: { maxSize: 2, rateLimit: 0 },
      high: { maxSize: 2, rateLimit: 0 },
      medium: { maxSize: 2, rateLimit: 0 },
      low: { maxSize: 2, rateLimit: 0 },
    },
  })

describe('LaneQueue', () => {
  it('dequeues by priority, FIFO inside a lane, and counts what it processed', () => {
    const q = new LaneQueue()
    for (const a of [alert('low', 'l1'), alert('critical', 'c1'), alert('medium', 'm1'), alert('critical', 'c2')]) q.enqueue(a)
    expect([q.dequeue(), q.dequeue(), q.dequeue(), q.dequeue(), q.dequeue()].map((a) => a?.id)).toEqual(['c1', 'c2', 'm1', 'l1', undefined])
    expect(q.stats.processed).toBe(4)
  })

  it('drop_oldest makes room in the full lane itself', () => {
    const q = tiny('drop_oldest')
    q.enqueue(alert('high', 'h1'))
    q.enqueue(alert('high', 'h2'))
    expect(q.enqueue(alert('high', 'h3'))).toBe(true)
    expect([q.dequeue()?.id, q.dequeue()?.id]).toEqual(['h2', 'h3'])
    expect(q.stats.dropped).toBe(1)
  })

  it('drop_lowest sacrifices the lowest non-empty lane', () => {
    const q = tiny('drop_lowest')
    q.enqueue(alert('medium', 'm1'))
    q.enqueue(alert('critical', 'c1'))
    q.enqueue(alert('critical', 'c2'))
    expect(q.enqueue(alert('critical', 'c3'))).toBe(true)
    expect(q.stats.counts).toEqual({ critical: 3, high: 0, medium: 0, low: 0 })
    expect(q.stats.dropped).toBe(1)
  })

  it('reject refuses the newcomer and counts it dropped', () => {
    const q = tiny('reject')
    q.enqueue(alert('low', 'l1'))
    q.enqueue(alert('low', 'l2'))
    expect(q.enqueue(alert('low', 'l3'))).toBe(false)
    expect(q.size).toBe(2)
    expect(q.stats.dropped).toBe(1)
  })

  it('flush drains through every handler in priority order', () => {
    const q = new LaneQueue()
    const a: string[] = []
    const b: string[] = []
    q.onAlert((x) => a.push(x.id))
    q.onAlert((x) => b.push(x.id))
    q.enqueue(alert('low', 'l'))
    q.enqueue(alert('high', 'h'))
    expect(q.flush()).toBe(2)
    expect(a).toEqual(['h', 'l'])
    expect(b).toEqual(['h', 'l'])
    expect(q.size).toBe(0)
  })

  it('createLaneQueue keeps default lanes that are not overridden', () => {
    const q = createLaneQueue({ lanes: { low: { maxSize: 1, rateLimit: 0 } }, overflow: 'reject' })
    q.enqueue(alert('low'))
    expect(q.enqueue(alert('low'))).toBe(false)
    for (let i = 0; i < DEFAULT_LANE_CONFIG.lanes.medium.maxSize; i++) expect(q.enqueue(alert('medium'))).toBe(true)
    expect(q.enqueue(alert('medium'))).toBe(false)
  })
})
