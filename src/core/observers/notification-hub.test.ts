import { describe, expect, it, vi } from 'vitest'
import { createManualClock } from '../ports/clock.js'
import { NotificationHub, type TracehoundEvent, type WebhookTransport } from './notification-hub.js'

describe('NotificationHub', () => {
  it('stamps events with the injected clock and a per-hub counter id', () => {
    const clock = createManualClock(5_000)
    const hub = new NotificationHub({ clock: clock.now })
    const seen: TracehoundEvent[] = []
    hub.on('threat.detected', (e) => seen.push(e))
    hub.emit('threat.detected', { a: 1 })
    clock.advance(7)
    hub.emit('threat.detected', { a: 2 })
    expect(seen).toEqual([
      { type: 'threat.detected', timestamp: 5_000, payload: { a: 1 }, id: 'evt-1' },
      { type: 'threat.detected', timestamp: 5_007, payload: { a: 2 }, id: 'evt-2' },
    ])
  })

  it('delivers only the subscribed type, and off() stops delivery', () => {
    const hub = new NotificationHub()
    const cb = vi.fn()
    hub.on('evidence.evicted', cb)
    hub.emit('evidence.quarantined', {})
    expect(cb).not.toHaveBeenCalled()
    hub.emit('evidence.evicted', {})
    hub.off('evidence.evicted', cb)
    hub.emit('evidence.evicted', {})
    expect(cb).toHaveBeenCalledTimes(1)
  })

  it('contains a throwing callback and still reaches the others', () => {
    const hub = new NotificationHub()
    const after = vi.fn()
    hub.on('system.panic', () => {
      throw new Error('consumer bug')
    })
    hub.on('system.panic', after)
    expect(() => hub.emit('system.panic', {})).not.toThrow()
    expect(after).toHaveBeenCalledOnce()
  })

  it('subscribe() queues events before next() and resolves a pending next() on emit', async () => {
    const hub = new NotificationHub()
    const it1 = hub.subscribe(['rate_limit.exceeded'])[Symbol.asyncIterator]()
    hub.emit('threat.detected', { skip: true })
    hub.emit('rate_limit.exceeded', { n: 1 })
    expect((await it1.next()).value.payload).toEqual({ n: 1 })
    const pending = it1.next()
    hub.emit('rate_limit.exceeded', { n: 2 })
    expect((await pending).value.payload).toEqual({ n: 2 })
  })

  it('return() unsubscribes, ends a pending next() and later next() calls', async () => {
    const hub = new NotificationHub()
    const iterator = hub.subscribe()[Symbol.asyncIterator]()
    const pending = iterator.next()
    expect(hub.stats.activeSubscribers).toBe(1)
    await iterator.return!()
    expect(await pending).toEqual({ value: undefined, done: true })
    expect(await iterator.next()).toEqual({ value: undefined, done: true })
    expect(hub.stats.activeSubscribers).toBe(0)
  })

  it('serves concurrent next() calls in order, and return() ends all of them', async () => {
    const hub = new NotificationHub()
    const iterator = hub.subscribe()[Symbol.asyncIterator]()
    const first = iterator.next()
    const second = iterator.next()
    const third = iterator.next()
    hub.emit('threat.detected', 'a')
    hub.emit('threat.detected', 'b')
    expect([(await first).value.payload, (await second).value.payload]).toEqual(['a', 'b'])
    await iterator.return!()
    expect(await third).toEqual({ value: undefined, done: true })
  })

  it('works with for await and break', async () => {
    const hub = new NotificationHub()
    hub.emit('threat.detected', 'before subscribing: not seen')
    const sub = hub.subscribe()
    hub.emit('threat.detected', 1)
    hub.emit('evidence.evicted', 2)
    const got: unknown[] = []
    for await (const event of sub) {
      got.push(event.payload)
      if (got.length === 2) break
    }
    expect(got).toEqual([1, 2])
    expect(hub.stats.activeSubscribers).toBe(0)
  })

  it('refuses webhooks without a transport', () => {
    expect(() => new NotificationHub().registerWebhook({ url: 'http://127.0.0.1/x' })).toThrow(
      expect.objectContaining({ code: 'CONFIG_WEBHOOK_TRANSPORT_MISSING' }),
    )
  })

  it('hands matching events to the transport and survives a transport that throws or rejects', async () => {
    const calls: string[] = []
    const transport: WebhookTransport = async (hook, event) => {
      calls.push(`${hook.url} ${event.type}`)
      if (hook.url.endsWith('reject')) throw new Error('down')
    }
    const hub = new NotificationHub({ webhookTransport: transport })
    hub.registerWebhook({ url: 'a', events: ['threat.detected'] })
    hub.registerWebhook({ url: 'b-reject' })
    const removed = hub.registerWebhook({ url: 'c' })
    hub.unregisterWebhook(removed)
    hub.emit('threat.detected', {})
    hub.emit('evidence.evicted', {})
    await Promise.resolve()
    expect(calls).toEqual(['a threat.detected', 'b-reject threat.detected', 'b-reject evidence.evicted'])

    const sync = new NotificationHub({
      webhookTransport: () => {
        throw new Error('sync')
      },
    })
    sync.registerWebhook({ url: 'x' })
    expect(() => sync.emit('threat.detected', {})).not.toThrow()
  })

  it('hasListeners tells producers whether anyone would hear a type', () => {
    const hub = new NotificationHub({ webhookTransport: async () => {} })
    expect(hub.hasListeners('threat.detected')).toBe(false)
    const cb = () => {}
    hub.on('threat.detected', cb)
    expect(hub.hasListeners('threat.detected')).toBe(true)
    expect(hub.hasListeners('evidence.evicted')).toBe(false)
    hub.off('threat.detected', cb)
    const id = hub.registerWebhook({ url: 'x', events: ['evidence.evicted'] })
    expect(hub.hasListeners('evidence.evicted')).toBe(true)
    expect(hub.hasListeners('threat.detected')).toBe(false)
    hub.unregisterWebhook(id)
    hub.subscribe([])
    expect(hub.hasListeners('license.expired')).toBe(true) // empty filter = all
  })

  it('counts emits by type, callbacks, subscribers and webhooks', () => {
    const hub = new NotificationHub({ webhookTransport: async () => {} })
    hub.on('threat.detected', () => {})
    hub.on('evidence.evicted', () => {})
    hub.subscribe()
    hub.registerWebhook({ url: 'x' })
    hub.emit('threat.detected', {})
    hub.emit('threat.detected', {})
    hub.emit('system.panic', {})
    expect(hub.stats).toEqual({
      totalEmitted: 3,
      byType: { 'threat.detected': 2, 'system.panic': 1 },
      activeCallbacks: 2,
      activeSubscribers: 1,
      activeWebhooks: 1,
      droppedEvents: 0,
    })
  })

  it('bounds what a subscriber that does not read can hold, dropping the oldest', async () => {
    const hub = new NotificationHub({ subscriberBufferSize: 2 })
    const iterator = hub.subscribe()[Symbol.asyncIterator]()
    for (const n of [1, 2, 3, 4]) hub.emit('threat.detected', n)
    expect(hub.stats.droppedEvents).toBe(2)
    expect((await iterator.next()).value.payload).toBe(3)
    expect((await iterator.next()).value.payload).toBe(4)
  })
})
