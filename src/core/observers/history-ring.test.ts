import { describe, expect, it } from 'vitest'
import { HistoryRing } from './history-ring.js'

describe('HistoryRing', () => {
  it('reads back the newest entries oldest first, each data object with its fields in order', () => {
    const ring = new HistoryRing(3)
    ring.push(1, 'threat', 'injection', 'low')
    ring.push(2, 'evidence', 'injection:ab', 12, 'high')
    ring.push(3, 'eviction', 'injection:ab', 'capacity')
    ring.push(4, 'rate_limit', '10.0.0.1', true)
    ring.push(5, 'panic', 'fatal', 'quarantine_capacity')
    // JSON text, not toEqual: the key order is part of what a reader sees.
    expect(JSON.stringify(ring.toArray())).toBe(
      JSON.stringify([
        { timestamp: 3, type: 'eviction', data: { signature: 'injection:ab', reason: 'capacity' } },
        { timestamp: 4, type: 'rate_limit', data: { source: '10.0.0.1', blocked: true } },
        { timestamp: 5, type: 'panic', data: { level: 'fatal', reason: 'quarantine_capacity' } },
      ]),
    )
    expect([ring.size, ring.oldestTimestamp, ring.newestTimestamp]).toEqual([3, 3, 5])
  })

  it('keeps nothing with capacity 0, and hands out entries the ring does not share', () => {
    const empty = new HistoryRing(0)
    empty.push(1, 'threat', 'spam', 'low')
    expect(empty.toArray()).toEqual([])
    const ring = new HistoryRing(2)
    ring.push(1, 'evidence', 'x:1', 3, 'low')
    ring.toArray()[0]!.data['size'] = 99
    expect(ring.toArray()[0]!.data).toEqual({ signature: 'x:1', size: 3, severity: 'low' })
  })
})
