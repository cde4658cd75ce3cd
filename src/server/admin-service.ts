/** AdminService: reload, current config, event stream. */

import { Code, ConnectError, type ServiceImpl } from '@connectrpc/connect'
import type { AdminService } from '../gen/tracehound/v1/admin_service_pb.js'
import { ConfigError, redact } from './config.js'
import type { EventBus } from './events.js'
import type { Reloader } from './reloader.js'

export function adminService(reloader: Reloader, events: EventBus, shutdown: AbortSignal): ServiceImpl<typeof AdminService> {
  return {
    async reloadConfig() {
      try {
        const { generation, restartRequired } = await reloader.reload('rpc')
        return { generation: BigInt(generation), config: redact(reloader.current.config), restartRequired }
      } catch (e) {
        if (e instanceof ConfigError) throw new ConnectError(e.message, Code.InvalidArgument)
        throw e
      }
    },

    getConfig() {
      const { config, source } = reloader.current
      return { generation: BigInt(reloader.generation), config: redact(config), source }
    },

    watchEvents(_req, ctx) {
      // Ends when the client goes away or the daemon shuts down.
      return events.subscribe(AbortSignal.any([ctx.signal, shutdown]))
    },
  }
}
