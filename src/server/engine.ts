/**
 * The daemon's engine is the core's one composition (Tracehound); this module only maps the
 * daemon's configuration onto the engine's settings.
 */

import { type EngineSettings, resolveSettings, type Tracehound } from '../core/index.js'
import type { DaemonConfig } from './config.js'

export type DaemonEngine = Tracehound
export type { EngineSettings }

const num = (v: bigint | undefined) => (v === undefined ? undefined : Number(v))

/** The engine settings a daemon configuration asks for; what it leaves out comes from the engine's defaults. */
export function settingsFromConfig(c: DaemonConfig): EngineSettings {
  return resolveSettings({
    maxPayloadSize: num(c.maxPayloadSize),
    quarantine: { maxCount: num(c.quarantine?.maxCount), maxBytes: num(c.quarantine?.maxBytes) },
    rateLimit: {
      windowMs: num(c.rateLimit?.windowMs),
      maxRequests: num(c.rateLimit?.maxRequests),
      blockDurationMs: num(c.rateLimit?.blockDurationMs),
    },
    macKeys: c.macKeys.map(({ kid, key }) => ({ kid, key })),
    ...(c.activeKid && { activeKid: c.activeKid }),
  })
}
