/**
 * The package root (Node): the engine (src/core) plus its Node-side parts, i.e. the whole
 * @tracehound/core v1 surface. createTracehound is the Node variant (NodeTracehound); other
 * runtimes construct the core's Tracehound directly.
 */

export * from './core/index.js'
export * from './io-surface.js'
export { createTracehound, DEFAULT_HOUND_POOL_CONFIG, NodeTracehound } from './node-tracehound.js'
export type { NodeTracehoundOptions } from './node-tracehound.js'
