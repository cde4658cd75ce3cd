/**
 * One async-iterator subscription to the notification hub: events wait in a
 * bounded buffer (oldest dropped) until read; concurrent next() calls are
 * served in order; return() ends the iterator and any pending next().
 */

import type { EventType, TracehoundEvent } from './notification-hub.js'

type Resolve = (result: IteratorResult<TracehoundEvent>) => void

const DONE: IteratorResult<TracehoundEvent> = { value: undefined, done: true }

export class EventSubscription implements AsyncIterator<TracehoundEvent> {
  /** null: every type */
  readonly events: readonly EventType[] | null
  private readonly buffer: TracehoundEvent[] = []
  private readonly readers: Resolve[] = []
  private closed = false

  constructor(
    events: readonly EventType[] | undefined,
    private readonly capacity: number,
    private readonly onDrop: () => void,
    private readonly onClose: (subscription: EventSubscription) => void,
  ) {
    this.events = events && events.length > 0 ? [...events] : null
  }

  wants(type: EventType): boolean {
    return this.events === null || this.events.includes(type)
  }

  push(event: TracehoundEvent): void {
    const reader = this.readers.shift()
    if (reader) return reader({ value: event, done: false })
    // A consumer that stopped reading must not grow memory without bound under attack.
    if (this.buffer.length >= this.capacity) {
      this.buffer.shift()
      this.onDrop()
    }
    this.buffer.push(event)
  }

  next(): Promise<IteratorResult<TracehoundEvent>> {
    if (this.closed) return Promise.resolve(DONE)
    const event = this.buffer.shift()
    if (event) return Promise.resolve({ value: event, done: false })
    return new Promise((resolve) => this.readers.push(resolve))
  }

  return(): Promise<IteratorResult<TracehoundEvent>> {
    if (!this.closed) {
      this.closed = true
      this.buffer.length = 0
      for (const reader of this.readers.splice(0)) reader(DONE)
      this.onClose(this)
    }
    return Promise.resolve(DONE)
  }
}
