/** Typed errors: v1's plain-object TracehoundError, its factories and codes. */

export type ErrorState =
  | 'config'
  | 'scent'
  | 'agent'
  | 'quarantine'
  | 'evidence'
  | 'codec'
  | 'cold_storage'
  | 'process'
  | 'ratelimit'
  | 'runtime'
  | 'scheduler'
  | 'storage'

/**
 * v1's error: a plain object with where it failed (`state`), a stable `code`, a message, and
 * whether retrying can help.
 */
export interface TracehoundError {
  state: ErrorState
  code: string
  message: string
  context?: unknown
  recoverable: boolean
}

/** A TracehoundError; recoverable unless the options say otherwise. */
export function createError(
  state: ErrorState,
  code: string,
  message: string,
  options?: { context?: unknown; recoverable?: boolean },
): TracehoundError {
  return { state, code, message, context: options?.context, recoverable: options?.recoverable ?? true }
}

/** True for anything shaped like a TracehoundError (they are thrown as plain objects, as in v1). */
export function isTracehoundError(value: unknown): value is TracehoundError {
  return typeof value === 'object' && value !== null && 'state' in value && 'code' in value && 'message' in value
}

const fatal = (state: ErrorState, code: string, message: string, context?: unknown) =>
  createError(state, code, message, { context, recoverable: false })
const retryable = (state: ErrorState, code: string, message: string, context?: unknown) =>
  createError(state, code, message, { context, recoverable: true })

const hashMismatch = (expected: string, actual: string) =>
  fatal('evidence', 'EVIDENCE_HASH_MISMATCH', `Hash mismatch: expected ${expected}, got ${actual}`, { expected, actual })
const invalidBytes = () => fatal('evidence', 'EVIDENCE_INVALID_BYTES', 'Evidence bytes must be ArrayBuffer')
const emptyEvidence = () => fatal('evidence', 'EVIDENCE_EMPTY', 'Evidence bytes cannot be empty')

/** v1's error factories, one per failure, each with its stable code. */
export const Errors = {
  /** `CONFIG_QUARANTINE_INVALID` (fatal): Invalid quarantine config: …. */
  invalidConfigQuarantine: (issue: string) =>
    fatal('config', 'CONFIG_QUARANTINE_INVALID', `Invalid quarantine config: ${issue}`, { issue }),
  /** `CONFIG_RATELIMIT_INVALID` (fatal): Invalid rate limit config: …. */
  invalidConfigRateLimit: (issue: string) =>
    fatal('config', 'CONFIG_RATELIMIT_INVALID', `Invalid rate limit config: ${issue}`, { issue }),
  /** `CONFIG_AGENT_INVALID` (fatal): Invalid agent config: …. */
  invalidConfigAgent: (issue: string) => fatal('config', 'CONFIG_AGENT_INVALID', `Invalid agent config: ${issue}`, { issue }),
  /** `CONFIG_SCHEDULER_INVALID` (fatal): Invalid scheduler config: …. */
  invalidConfigScheduler: (issue: string) =>
    fatal('config', 'CONFIG_SCHEDULER_INVALID', `Invalid scheduler config: ${issue}`, { issue }),

  /** `SCENT_PAYLOAD_INVALID` (fatal): Invalid scent payload: …. */
  scentPayloadInvalid: (reason: string) =>
    fatal('scent', 'SCENT_PAYLOAD_INVALID', `Invalid scent payload: ${reason}`, { reason }),
  /** `SCENT_SOURCE_MISSING` (fatal): Scent source is required. */
  scentSourceMissing: () => fatal('scent', 'SCENT_SOURCE_MISSING', 'Scent source is required'),
  /** `SCENT_ID_INVALID` (fatal): Invalid scent ID format: …. */
  scentIdInvalid: (id: string) => fatal('scent', 'SCENT_ID_INVALID', `Invalid scent ID format: ${id}`, { id }),

  /** `AGENT_PAYLOAD_TOO_LARGE` (fatal): Payload size … exceeds limit …. */
  payloadTooLarge: (size: number, limit: number) =>
    fatal('agent', 'AGENT_PAYLOAD_TOO_LARGE', `Payload size ${size} exceeds limit ${limit}`, { size, limit }),
  /** `AGENT_PAYLOAD_TOO_LARGE` (fatal) for nesting: a size limit too, answered payload_too_large (never error). */
  payloadTooDeep: (maxDepth: number) =>
    fatal('agent', 'AGENT_PAYLOAD_TOO_LARGE', `Payload nesting exceeds ${maxDepth} levels`, { maxDepth }),
  /** `AGENT_SERIALIZATION_FAILED` (fatal): Failed to serialize: …. */
  serializationFailed: (reason: string) =>
    fatal('agent', 'AGENT_SERIALIZATION_FAILED', `Failed to serialize: ${reason}`, { reason }),
  /** `AGENT_INTERCEPT_FAILED` (recoverable): Intercept failed: …. */
  interceptFailed: (reason: string) =>
    retryable('agent', 'AGENT_INTERCEPT_FAILED', `Intercept failed: ${reason}`, { reason }),

  /** `QUARANTINE_FULL` (fatal): Quarantine at capacity: …/…. */
  quarantineFull: (count: number, maxCount: number) =>
    fatal('quarantine', 'QUARANTINE_FULL', `Quarantine at capacity: ${count}/${maxCount}`, { count, maxCount }),
  /** `QUARANTINE_EVICT_FAILED` (fatal): Eviction failed: …. */
  quarantineEvictFailed: (reason: string) =>
    fatal('quarantine', 'QUARANTINE_EVICT_FAILED', `Eviction failed: ${reason}`, { reason }),

  /** `EVIDENCE_DISPOSED` (fatal): Evidence … already disposed. */
  evidenceAlreadyDisposed: (signature: string) =>
    fatal('evidence', 'EVIDENCE_DISPOSED', `Evidence ${signature} already disposed`, { signature }),
  /** `EVIDENCE_TRANSFER_FAILED` (fatal): Failed to transfer evidence …. */
  evidenceTransferFailed: (signature: string) =>
    fatal('evidence', 'EVIDENCE_TRANSFER_FAILED', `Failed to transfer evidence ${signature}`, { signature }),
  /** `EVIDENCE_EMPTY` (fatal): evidence bytes are empty. */
  evidenceEmpty: emptyEvidence,
  /** `EVIDENCE_INVALID_BYTES` (fatal): evidence bytes are not an ArrayBuffer. */
  evidenceInvalidBytes: invalidBytes,
  /** `EVIDENCE_HASH_MISMATCH` (fatal): evidence bytes do not match their hash. */
  evidenceHashMismatch: hashMismatch,

  /** The verdict was decided but could not be made durable: it is not acknowledged. */
  storageCommitFailed: (reason: string) =>
    fatal('storage', 'STORAGE_COMMIT_FAILED', `Could not make the verdict durable: ${reason}`, { reason }),

  /** `CODEC_ENCODE_FAILED` (fatal): Encoding failed: …. */
  codecEncodeFailed: (reason: string) => fatal('codec', 'CODEC_ENCODE_FAILED', `Encoding failed: ${reason}`, { reason }),
  /** `CODEC_DECODE_FAILED` (fatal): Decoding failed: …. */
  codecDecodeFailed: (reason: string) => fatal('codec', 'CODEC_DECODE_FAILED', `Decoding failed: ${reason}`, { reason }),
  /** `CODEC_INTEGRITY_FAILED` (fatal): Integrity verification failed. */
  codecIntegrityFailed: () => fatal('codec', 'CODEC_INTEGRITY_FAILED', 'Integrity verification failed'),

  /** `COLD_WRITE_FAILED` (recoverable): Failed to write …: …. */
  coldStorageWriteFailed: (id: string, reason: string) =>
    retryable('cold_storage', 'COLD_WRITE_FAILED', `Failed to write ${id}: ${reason}`, { id, reason }),
  /** `COLD_READ_FAILED` (recoverable): Failed to read …: …. */
  coldStorageReadFailed: (id: string, reason: string) =>
    retryable('cold_storage', 'COLD_READ_FAILED', `Failed to read ${id}: ${reason}`, { id, reason }),
  /** `COLD_NOT_FOUND` (fatal): Evidence … not found in cold storage. */
  coldStorageNotFound: (id: string) =>
    fatal('cold_storage', 'COLD_NOT_FOUND', `Evidence ${id} not found in cold storage`, { id }),
  /** `COLD_UNAVAILABLE` (recoverable): Cold storage is unavailable. */
  coldStorageUnavailable: () => retryable('cold_storage', 'COLD_UNAVAILABLE', 'Cold storage is unavailable'),

  /** `PROCESS_SPAWN_FAILED` (recoverable): Failed to spawn process: …. */
  processSpawnFailed: (reason: string) =>
    retryable('process', 'PROCESS_SPAWN_FAILED', `Failed to spawn process: ${reason}`, { reason }),
  /** `PROCESS_TIMEOUT` (fatal): Process … timed out after …ms. */
  processTimeout: (houndId: string, elapsed: number) =>
    fatal('process', 'PROCESS_TIMEOUT', `Process ${houndId} timed out after ${elapsed}ms`, { houndId, elapsed }),
  /** `PROCESS_CRASHED` (recoverable): Process … crashed with code …. */
  processCrashed: (houndId: string, exitCode: number) =>
    retryable('process', 'PROCESS_CRASHED', `Process ${houndId} crashed with code ${exitCode}`, { houndId, exitCode }),
  /** `PROCESS_POOL_EXHAUSTED` (recoverable): Process pool exhausted, action: …. */
  processPoolExhausted: (action: string) =>
    retryable('process', 'PROCESS_POOL_EXHAUSTED', `Process pool exhausted, action: ${action}`, { action }),

  /** `RATE_LIMITED` (recoverable): Source … rate limited. */
  rateLimited: (source: string, retryAfter: number) =>
    retryable('ratelimit', 'RATE_LIMITED', `Source ${source} rate limited`, { source, retryAfter }),
  /** `RATE_SOURCE_BLOCKED` (recoverable): Source … blocked until …. */
  rateSourceBlocked: (source: string, until: number) =>
    retryable('ratelimit', 'RATE_SOURCE_BLOCKED', `Source ${source} blocked until ${until}`, { source, until }),

  /** `RUNTIME_FLAG_MISSING` (fatal): Required runtime flag missing: …. */
  runtimeFlagMissing: (flag: string) =>
    fatal('runtime', 'RUNTIME_FLAG_MISSING', `Required runtime flag missing: ${flag}`, { flag }),
  /** `RUNTIME_INTRINSICS_NOT_FROZEN` (fatal): Intrinsics are not frozen. */
  runtimeIntrinsicsNotFrozen: () => fatal('runtime', 'RUNTIME_INTRINSICS_NOT_FROZEN', 'Intrinsics are not frozen'),

  /** `SCHEDULER_TASK_FAILED` (recoverable): Task … failed: …. */
  schedulerTaskFailed: (taskId: string, reason: string) =>
    retryable('scheduler', 'SCHEDULER_TASK_FAILED', `Task ${taskId} failed: ${reason}`, { taskId, reason }),
  /** `SCHEDULER_ALREADY_RUNNING` (fatal): Scheduler is already running. */
  schedulerAlreadyRunning: () => fatal('scheduler', 'SCHEDULER_ALREADY_RUNNING', 'Scheduler is already running'),

  /** @deprecated v1 alias of processTimeout */
  houndTimeout: (houndId: string, elapsed: number) =>
    fatal('process', 'PROCESS_TIMEOUT', `Hound ${houndId} timed out`, { houndId, elapsed }),
  /** @deprecated v1 alias of evidenceHashMismatch */
  hashMismatch,
  /** @deprecated v1 alias of evidenceInvalidBytes */
  invalidBytesType: invalidBytes,
  /** @deprecated v1 alias of evidenceEmpty */
  emptyEvidence,
} as const

const CODES = [
  'CONFIG_QUARANTINE_INVALID', 'CONFIG_RATELIMIT_INVALID', 'CONFIG_AGENT_INVALID', 'CONFIG_SCHEDULER_INVALID',
  'SCENT_PAYLOAD_INVALID', 'SCENT_SOURCE_MISSING', 'SCENT_ID_INVALID',
  'AGENT_PAYLOAD_TOO_LARGE', 'AGENT_SERIALIZATION_FAILED', 'AGENT_INTERCEPT_FAILED',
  'QUARANTINE_FULL', 'QUARANTINE_EVICT_FAILED',
  'EVIDENCE_DISPOSED', 'EVIDENCE_TRANSFER_FAILED', 'EVIDENCE_EMPTY', 'EVIDENCE_INVALID_BYTES', 'EVIDENCE_HASH_MISMATCH',
  'CODEC_ENCODE_FAILED', 'CODEC_DECODE_FAILED', 'CODEC_INTEGRITY_FAILED',
  'COLD_WRITE_FAILED', 'COLD_READ_FAILED', 'COLD_NOT_FOUND', 'COLD_UNAVAILABLE',
  'PROCESS_SPAWN_FAILED', 'PROCESS_TIMEOUT', 'PROCESS_CRASHED', 'PROCESS_POOL_EXHAUSTED',
  'RATE_LIMITED', 'RATE_SOURCE_BLOCKED',
  'RUNTIME_FLAG_MISSING', 'RUNTIME_INTRINSICS_NOT_FROZEN',
  'SCHEDULER_TASK_FAILED', 'SCHEDULER_ALREADY_RUNNING',
] as const

/** Every stable error code the engine produces. */
export type ErrorCode = (typeof CODES)[number]
/** The error codes as an object, `ErrorCodes.QUARANTINE_FULL === 'QUARANTINE_FULL'`. */
export const ErrorCodes = Object.freeze(Object.fromEntries(CODES.map((c) => [c, c]))) as { readonly [K in ErrorCode]: K }

/** Thrown (as a real Error) for invalid configuration at construction time, never from intercept. */
export class TracehoundConfigError extends Error {
  readonly state = 'config'
  readonly recoverable = false
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'TracehoundConfigError'
  }
}
