import { afterEach, describe, expect, it, vi } from 'vitest'
import { createNotificationEmitter, NotificationEmitter } from './notification-emitter.js'

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('NotificationEmitter (v1 shape)', () => {
  it('delivers registered webhooks through the global fetch, filtered by event type', async () => {
    const fetch = vi.fn(async () => ({ ok: true, status: 200 }))
    vi.stubGlobal('fetch', fetch)
    const emitter = new NotificationEmitter()
    const id = emitter.registerWebhook({ url: 'http://127.0.0.1:9/panic', events: ['system.panic'] })
    expect(id).toMatch(/^webhook-\d+$/)
    emitter.emit('threat.detected', {})
    emitter.emit('system.panic', { level: 'fatal', reason: 'x' })
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(1))
    expect(fetch).toHaveBeenCalledWith('http://127.0.0.1:9/panic', expect.objectContaining({ method: 'POST' }))
  })

  it('the factory returns a working emitter', () => {
    const emitter = createNotificationEmitter()
    const seen: unknown[] = []
    emitter.on('license.validated', (e) => seen.push(e.payload))
    emitter.emit('license.validated', { tier: 'pro' })
    expect(seen).toEqual([{ tier: 'pro' }])
    expect(emitter.stats.totalEmitted).toBe(1)
  })
})
