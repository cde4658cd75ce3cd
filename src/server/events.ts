/** Fan-out of daemon events to AdminService.WatchEvents subscribers. */

import { EventEmitter, on } from 'node:events'
import type { MessageInitShape } from '@bufbuild/protobuf'
import type { WatchEventsResponseSchema } from '../gen/tracehound/v1/admin_service_pb.js'

type Response = MessageInitShape<typeof WatchEventsResponseSchema>
export type DaemonEvent = NonNullable<Response['event']>

export class EventBus {
  readonly #emitter = new EventEmitter().setMaxListeners(0)

  /** Whether anyone watches: lets callers skip building an event nobody will read. */
  get watched(): boolean {
    return this.#emitter.listenerCount('event') > 0
  }

  publish(event: DaemonEvent): void {
    // Building the message costs a Date.now(); skip it when nobody listens.
    if (this.#emitter.listenerCount('event') === 0) return
    const response: Response = { timestampMs: BigInt(Date.now()), event }
    this.#emitter.emit('event', response)
  }

  /**
   * Yields `subscribed` once the listener is registered, then events until the signal aborts; ends
   * quietly then. A client that waits for `subscribed` misses nothing published afterwards.
   */
  async *subscribe(signal: AbortSignal): AsyncGenerator<Response> {
    try {
      // on() registers its listener now, before the first message goes out.
      const events = on(this.#emitter, 'event', { signal })
      yield { timestampMs: BigInt(Date.now()), event: { case: 'subscribed', value: {} } }
      for await (const [response] of events) yield response as Response
    } catch (e) {
      if (!signal.aborted) throw e
    }
  }
}
