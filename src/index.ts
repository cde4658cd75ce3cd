/**
 * The package root (Node): the pure engine (src/core) plus its Node-side
 * parts, i.e. the whole @tracehound/core v1 surface. createTracehound here is
 * the Node composition; core's stays available from src/core for other runtimes.
 */

export * from './core/index.js'
export * from './io-surface.js'
export { createTracehound, DEFAULT_HOUND_POOL_CONFIG, NodeTracehound } from './node-tracehound.js'
export type { NodeTracehoundOptions } from './node-tracehound.js'
