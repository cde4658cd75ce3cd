/** grpc.health.v1.Health for the daemon's services; NOT_SERVING once shutdown begins. */

import { EventEmitter, on } from 'node:events'
import { Code, ConnectError, type ServiceImpl } from '@connectrpc/connect'
import { type Health, HealthCheckResponse_ServingStatus as Status } from '../gen/grpc/health/v1/health_pb.js'
import { AdminService } from '../gen/tracehound/v1/admin_service_pb.js'
import { TracehoundService } from '../gen/tracehound/v1/tracehound_service_pb.js'

/** "" is the server as a whole. */
const SERVICES = ['', TracehoundService.typeName, AdminService.typeName]

export class HealthState {
  #serving = true
  readonly #changes = new EventEmitter().setMaxListeners(0)

  get status(): Status {
    return this.#serving ? Status.SERVING : Status.NOT_SERVING
  }

  stopServing(): void {
    this.#serving = false
    this.#changes.emit('change')
  }

  async *watch(signal: AbortSignal): AsyncGenerator<Status> {
    yield this.status
    try {
      for await (const _ of on(this.#changes, 'change', { signal })) yield this.status
    } catch (e) {
      if (!signal.aborted) throw e
    }
  }
}

export function healthService(state: HealthState, shutdown: AbortSignal): ServiceImpl<typeof Health> {
  return {
    check(req) {
      if (!SERVICES.includes(req.service)) throw new ConnectError(`unknown service ${req.service}`, Code.NotFound)
      return { status: state.status }
    },
    list() {
      return { statuses: Object.fromEntries(SERVICES.map((s) => [s, { status: state.status }])) }
    },
    async *watch(req, ctx) {
      if (!SERVICES.includes(req.service)) {
        yield { status: Status.SERVICE_UNKNOWN }
        return
      }
      for await (const status of state.watch(AbortSignal.any([ctx.signal, shutdown]))) yield { status }
    },
  }
}
