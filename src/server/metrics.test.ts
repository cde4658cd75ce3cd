import { describe, expect, it } from 'vitest'
import type { TracehoundStats } from '../core/index.js'
import { createMetrics } from './metrics.js'

const stats = () =>
  ({ quarantine: { count: 0, bytes: 0 }, audit: { treeSize: 0 }, rateLimiter: { blocked: 0 } }) as unknown as TracehoundStats
const count = (text: string, outcome: string) =>
  Number(new RegExp(`tracehound_intercepts_total\\{outcome="${outcome}"\\} (\\d+)`).exec(text)?.[1])

describe('metrics', () => {
  it('counts verdicts by outcome; a scrape reports the total so far, however often it runs', async () => {
    const m = createMetrics(stats)
    for (let i = 0; i < 3; i++) m.countVerdict('clean')
    m.countVerdict('quarantined')
    const first = await m.registry.metrics()
    expect([count(first, 'clean'), count(first, 'quarantined'), count(first, 'ignored')]).toEqual([3, 1, 0])
    expect(count(await m.registry.metrics(), 'clean')).toBe(3)
    m.countVerdict('clean')
    expect(count(await m.registry.metrics(), 'clean')).toBe(4)
  })
})
