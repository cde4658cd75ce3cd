/**
 * createTracehound for Node, as v1 shipped it: the core engine plus the
 * Node-side parts: webhook-capable notifications, a hound pool, and gzip +
 * SHA-256 encoding for evacuation to cold storage.
 */

import { encodeWithIntegrityAsync } from './codec/integrity.js'
import { type ColdStorageTarget, type IColdStorageAdapter, Tracehound, type TracehoundOptions } from './core/index.js'
import { createHoundPool, type HoundPoolConfig, type IHoundPool } from './hound/hound-pool.js'
import { NotificationEmitter } from './notify/notification-emitter.js'

/**
 * TracehoundOptions plus the Node parts: the hound pool and cold storage (an adapter is
 * sealed with gzip + SHA-256).
 */
export interface NodeTracehoundOptions extends Omit<TracehoundOptions, 'coldStorage'> {
  /** @default poolSize 4, timeout 30_000, rotationJitterMs 1000, onPoolExhausted 'defer', deferQueueLimit 100 */
  houndPool?: Partial<HoundPoolConfig>
  /** An adapter (encoded with gzip + SHA-256) or a full target with its own encoder. */
  coldStorage?: IColdStorageAdapter | ColdStorageTarget
}

/** v1's hound pool defaults: 4 processes, 30 s timeout, 1 s rotation jitter, defer up to 100. */
export const DEFAULT_HOUND_POOL_CONFIG: Readonly<HoundPoolConfig> = Object.freeze({
  poolSize: 4,
  timeout: 30_000,
  rotationJitterMs: 1000,
  onPoolExhausted: 'defer',
  deferQueueLimit: 100,
})

const isTarget = (value: IColdStorageAdapter | ColdStorageTarget): value is ColdStorageTarget => 'adapter' in value && 'encode' in value

/**
 * The engine with its Node parts: webhook notifications, a hound pool, gzip + SHA-256
 * evacuation encoding.
 */
export class NodeTracehound extends Tracehound {
  /** Processes spawn only when evidence is activated, so an idle pool costs nothing. */
  readonly houndPool: IHoundPool

  constructor(options: NodeTracehoundOptions = {}) {
    const { houndPool, coldStorage, ...core } = options
    super({
      ...core,
      notifications: core.notifications ?? new NotificationEmitter(core.clock ? { clock: core.clock } : {}),
      ...(coldStorage && {
        coldStorage: isTarget(coldStorage) ? coldStorage : { adapter: coldStorage, encode: encodeWithIntegrityAsync },
      }),
    })
    this.houndPool = createHoundPool({ ...DEFAULT_HOUND_POOL_CONFIG, ...houndPool })
  }
}

/**
 * The embedded engine for Node (v1's createTracehound): invalid options throw
 * TracehoundConfigError here; `intercept` never throws.
 */
export function createTracehound(options: NodeTracehoundOptions = {}): NodeTracehound {
  return new NodeTracehound(options)
}
