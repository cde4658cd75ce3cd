/** The Node-dependent half of the v1 surface: webhooks over HTTP, gzip, hound processes, runtime checks. */

export { createNotificationEmitter, NotificationEmitter } from './notify/notification-emitter.js'
export { createFetchWebhookTransport, SIGNATURE_HEADER, signWebhookBody } from './notify/webhook-transport.js'
export type { FetchWebhookTransportOptions } from './notify/webhook-transport.js'

export { createColdPathCodec, createHotPathCodec, GzipCodec } from './codec/gzip-codec.js'
export type { ColdPathCodec, HotPathCodec } from './codec/gzip-codec.js'
export { AsyncGzipCodec, createAsyncColdPathCodec } from './codec/async-gzip-codec.js'
export type { AsyncColdPathCodec, AsyncHotPathCodec } from './codec/async-gzip-codec.js'
export type { CodecStats } from './codec/codec-stats.js'
export {
  CodecError,
  decodeWithIntegrity,
  decodeWithIntegrityAsync,
  encodeWithIntegrity,
  encodeWithIntegrityAsync,
  verify,
} from './codec/integrity.js'
export type { CodecErrorCode } from './codec/integrity.js'

export { createMemoryColdStorage, MemoryColdStorage } from './cold-storage/memory-cold-storage.js'
export { createS3ColdStorage, S3ColdStorage } from './cold-storage/s3-cold-storage.js'
export type { S3ColdStorageConfig, S3LikeClient } from './cold-storage/s3-cold-storage.js'

export { createHoundPool, DEFAULT_HOUND_SCRIPT, HoundPool } from './hound/hound-pool.js'
export type {
  HoundEvidence,
  HoundPoolConfig,
  HoundPoolStats,
  HoundResult,
  IHoundPool,
  PoolExhaustedAction,
} from './hound/hound-pool.js'
export { createProcessAdapter, DEFAULT_CONSTRAINTS, houndExecArgv } from './hound/process-adapter.js'
export type {
  ExitCallback,
  HoundHandle,
  HoundProcessConstraints,
  IHoundProcessAdapter,
  MessageCallback,
} from './hound/process-adapter.js'
export { createMockAdapter } from './hound/mock-adapter.js'
export type { MockAdapter, MockProcessState } from './hound/mock-adapter.js'
export {
  createMessageParser,
  decodeHoundMessage,
  encodeHoundMessage,
  encodeMessage,
  HoundIpcError,
  MAX_MESSAGE_SIZE,
  tryParseMessage,
} from './hound/hound-ipc.js'
export type {
  HoundIpcErrorCode,
  HoundMessage,
  HoundMessageType,
  HoundMetricsMessage,
  HoundStatus,
  HoundStatusMessage,
  MessageParser,
  ParsedMessage,
} from './hound/hound-ipc.js'

export { getRuntimeInfo, runtimeIssues, verifyRuntime } from './runtime/verify-runtime.js'
export type { RuntimeInfo } from './runtime/verify-runtime.js'
