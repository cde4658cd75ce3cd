/** The Node client: gRPC (default) or Connect over the daemon's Unix socket or TCP. */

import * as net from 'node:net'
import { createConnectTransport, createGrpcTransport, Http2SessionManager } from '@connectrpc/connect-node'
import { bearerInterceptor, type ClientOptions, createTracehoundClientFromTransport, type TracehoundClient } from './client.js'
import { createGrpcUnaryTransport } from './grpc-unary-transport.js'
import { defaultSocketPath } from './socket-path.js'

export type NodeClientOptions = ClientOptions & {
  /** @default "grpc" */
  protocol?: 'grpc' | 'connect'
} & (
    | { /** @default TRACEHOUND_SOCKET or the daemon's default path */ socketPath?: string; baseUrl?: never; token?: never; ca?: never }
    | {
        /** e.g. "http://127.0.0.1:7420" or "https://…" */
        baseUrl: string
        token?: string
        /** PEM CA certificate(s) to trust for an https baseUrl, beyond the system store. */
        ca?: string | Buffer
        socketPath?: never
      }
  )

export interface NodeTracehoundClient extends TracehoundClient {
  /** Closes the HTTP/2 connection; later calls reconnect. */
  close(): void
}

export function createTracehoundClient(options: NodeClientOptions = {}): NodeTracehoundClient {
  const socketPath = options.baseUrl === undefined ? (options.socketPath ?? defaultSocketPath()) : undefined
  // Over a socket the URL only names the scheme; the connection goes to the path.
  const baseUrl = options.baseUrl ?? 'http://localhost'
  const sessionManager = new Http2SessionManager(
    baseUrl,
    { pingIntervalMs: 30_000, idleConnectionTimeoutMs: 60_000 },
    socketPath === undefined ? { ...(options.ca && { ca: options.ca }) } : { createConnection: () => net.connect(socketPath) },
  )
  const transportOptions = {
    baseUrl,
    httpVersion: '2' as const,
    useBinaryFormat: true,
    sessionManager,
    interceptors: options.token ? [bearerInterceptor(options.token)] : [],
  }
  const transport =
    options.protocol === 'connect'
      ? createConnectTransport(transportOptions)
      : createGrpcUnaryTransport({
          sessionManager,
          ...(options.token && { token: options.token }),
          streams: createGrpcTransport(transportOptions),
        })
  return {
    ...createTracehoundClientFromTransport(transport, { ...options, streaming: true }),
    close: () => sessionManager.abort(),
  }
}
