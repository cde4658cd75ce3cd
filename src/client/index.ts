/** tracehound/client: the Node client and the verification kernel (a client need not trust the daemon). */

export { createTracehoundClient, type NodeClientOptions, type NodeTracehoundClient } from './node.js'
export { createGrpcUnaryTransport, type GrpcUnaryTransportOptions } from './grpc-unary-transport.js'
export { createTracehoundClientFromTransport, type ClientOptions, type TracehoundClient } from './client.js'
export type { ClientVerdict, ConsistencyProof, EvidenceInfo, EvidenceRecord, InclusionProof, TreeHead, VerdictError } from './convert.js'
export { ClientErrorCode, type ClientErrorCodeName } from './client-error.js'
export type { DaemonStats } from './stats.js'
export { defaultSocketDir, defaultSocketPath } from './socket-path.js'
export { SCHEMA_VERSION } from '../wire/index.js'
export * from '../core/kernel/index.js'
