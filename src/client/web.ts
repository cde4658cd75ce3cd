/** The browser client: Connect (default) or gRPC-Web over fetch, against the daemon's TCP listener. */

import { createConnectTransport, createGrpcWebTransport } from '@connectrpc/connect-web'
import { bearerInterceptor, type ClientOptions, createTracehoundClientFromTransport, type TracehoundClient } from './client.js'

/** Options of the browser client: the daemon's TCP address (browsers cannot use its socket). */
export interface WebClientOptions extends ClientOptions {
  /** e.g. "https://tracehound.internal:7420" */
  baseUrl: string
  token?: string
  /** @default "connect" */
  protocol?: 'connect' | 'grpc-web'
}

/**
 * A client for browsers: Connect or gRPC-Web over fetch (no bidi streams, so interceptMany
 * fans out unary calls). The daemon must allow the page's origin (`--cors-origin`).
 */
export function createTracehoundWebClient(options: WebClientOptions): TracehoundClient {
  const transportOptions = {
    baseUrl: options.baseUrl,
    interceptors: options.token ? [bearerInterceptor(options.token)] : [],
  }
  const transport = options.protocol === 'grpc-web' ? createGrpcWebTransport(transportOptions) : createConnectTransport(transportOptions)
  // fetch cannot do bidi streams: interceptMany fans out unary calls.
  return createTracehoundClientFromTransport(transport, { ...options, streaming: false })
}

export type { ClientOptions, TracehoundClient } from './client.js'
export type { ClientVerdict, ConsistencyProof, EvidenceInfo, EvidenceRecord, InclusionProof, TreeHead } from './convert.js'
export * from '../core/kernel/index.js'
