import { describe, expect, it } from 'vitest'
import { EventBus } from './events.js'

describe('EventBus.subscribe', () => {
  it('says "subscribed" first, and delivers every event published after that', async () => {
    const bus = new EventBus()
    const abort = new AbortController()
    const stream = bus.subscribe(abort.signal)
    const first = await stream.next()
    expect(first.value?.event).toEqual({ case: 'subscribed', value: {} })
    expect(bus.watched).toBe(true)
    // Published before the consumer asks for the next message: still delivered, in order.
    bus.publish({ case: 'configRejected', value: { reason: 'one' } })
    bus.publish({ case: 'configRejected', value: { reason: 'two' } })
    expect((await stream.next()).value?.event).toEqual({ case: 'configRejected', value: { reason: 'one' } })
    expect((await stream.next()).value?.event).toEqual({ case: 'configRejected', value: { reason: 'two' } })
    abort.abort()
    expect((await stream.next()).done).toBe(true)
  })
})
