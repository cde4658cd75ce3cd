/** AdminService.WatchEvents for tests: opened, and known to be live, before anything is triggered. */

import type { Client } from '@connectrpc/connect'
import type { AdminService, WatchEventsResponse } from '../src/gen/tracehound/v1/admin_service_pb.js'

/**
 * Opens the stream and waits for the daemon's first message, `subscribed`: every event published
 * after this resolves reaches the returned iterable (no sleep, no race with the subscription).
 */
export async function watchEvents(admin: Client<typeof AdminService>, signal: AbortSignal): Promise<AsyncIterable<WatchEventsResponse>> {
  const stream = admin.watchEvents({}, { signal })[Symbol.asyncIterator]()
  const first = await stream.next()
  if (first.done || first.value.event.case !== 'subscribed') {
    throw new Error(`WatchEvents: expected "subscribed" first, got ${first.done ? 'the end of the stream' : first.value.event.case}`)
  }
  return { [Symbol.asyncIterator]: () => stream }
}
