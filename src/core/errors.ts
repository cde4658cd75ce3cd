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

export interface TracehoundError {
  state: ErrorState
  code: string
  message: string
  context?: unknown
  recoverable: boolean
}

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

export const Errors = {
  invalidConfigQuarantine: (issue: string) =>
    fatal('config', 'CONFIG_QUARANTINE_INVALID', `Invalid quarantine config: ${issue}`, { issue }),
  invalidConfigRateLimit: (issue: string) =>
    fatal('config', 'CONFIG_RATELIMIT_INVALID', `Invalid rate limit config: ${issue}`, { issue }),
  invalidConfigAgent: (issue: string) => fatal('config', 'CONFIG_AGENT_INVALID', `Invalid agent config: ${issue}`, { issue }),
  invalidConfigScheduler: (issue: string) =>
    fatal('config', 'CONFIG_SCHEDULER_INVALID', `Invalid scheduler config: ${issue}`, { issue }),

  scentPayloadInvalid: (reason: string) =>
    fatal('scent', 'SCENT_PAYLOAD_INVALID', `Invalid scent payload: ${reason}`, { reason }),
  scentSourceMissing: () => fatal('scent', 'SCENT_SOURCE_MISSING', 'Scent source is required'),
  scentIdInvalid: (id: string) => fatal('scent', 'SCENT_ID_INVALID', `Invalid scent ID format: ${id}`, { id }),

  payloadTooLarge: (size: number, limit: number) =>
    fatal('agent', 'AGENT_PAYLOAD_TOO_LARGE', `Payload size ${size} exceeds limit ${limit}`, { size, limit }),
  serializationFailed: (reason: string) =>
    fatal('agent', 'AGENT_SERIALIZATION_FAILED', `Failed to serialize: ${reason}`, { reason }),
  interceptFailed: (reason: string) =>
    retryable('agent', 'AGENT_INTERCEPT_FAILED', `Intercept failed: ${reason}`, { reason }),

  quarantineFull: (count: number, maxCount: number) =>
    fatal('quarantine', 'QUARANTINE_FULL', `Quarantine at capacity: ${count}/${maxCount}`, { count, maxCount }),
  quarantineEvictFailed: (reason: string) =>
    fatal('quarantine', 'QUARANTINE_EVICT_FAILED', `Eviction failed: ${reason}`, { reason }),

  evidenceAlreadyDisposed: (signature: string) =>
    fatal('evidence', 'EVIDENCE_DISPOSED', `Evidence ${signature} already disposed`, { signature }),
  evidenceTransferFailed: (signature: string) =>
    fatal('evidence', 'EVIDENCE_TRANSFER_FAILED', `Failed to transfer evidence ${signature}`, { signature }),
  evidenceEmpty: emptyEvidence,
  evidenceInvalidBytes: invalidBytes,
  evidenceHashMismatch: hashMismatch,

  /** The verdict was decided but could not be made durable: it is not acknowledged. */
  storageCommitFailed: (reason: string) =>
    fatal('storage', 'STORAGE_COMMIT_FAILED', `Could not make the verdict durable: ${reason}`, { reason }),

  codecEncodeFailed: (reason: string) => fatal('codec', 'CODEC_ENCODE_FAILED', `Encoding failed: ${reason}`, { reason }),
  codecDecodeFailed: (reason: string) => fatal('codec', 'CODEC_DECODE_FAILED', `Decoding failed: ${reason}`, { reason }),
  codecIntegrityFailed: () => fatal('codec', 'CODEC_INTEGRITY_FAILED', 'Integrity verification failed'),

  coldStorageWriteFailed: (id: string, reason: string) =>
    retryable('cold_storage', 'COLD_WRITE_FAILED', `Failed to write ${id}: ${reason}`, { id, reason }),
  coldStorageReadFailed: (id: string, reason: string) =>
    retryable('cold_storage', 'COLD_READ_FAILED', `Failed to read ${id}: ${reason}`, { id, reason }),
  coldStorageNotFound: (id: string) =>
    fatal('cold_storage', 'COLD_NOT_FOUND', `Evidence ${id} not found in cold storage`, { id }),
  coldStorageUnavailable: () => retryable('cold_storage', 'COLD_UNAVAILABLE', 'Cold storage is unavailable'),

  processSpawnFailed: (reason: string) =>
    retryable('process', 'PROCESS_SPAWN_FAILED', `Failed to spawn process: ${reason}`, { reason }),
  processTimeout: (houndId: string, elapsed: number) =>
    fatal('process', 'PROCESS_TIMEOUT', `Process ${houndId} timed out after ${elapsed}ms`, { houndId, elapsed }),
  processCrashed: (houndId: string, exitCode: number) =>
    retryable('process', 'PROCESS_CRASHED', `Process ${houndId} crashed with code ${exitCode}`, { houndId, exitCode }),
  processPoolExhausted: (action: string) =>
    retryable('process', 'PROCESS_POOL_EXHAUSTED', `Process pool exhausted, action: ${action}`, { action }),

  rateLimited: (source: string, retryAfter: number) =>
    retryable('ratelimit', 'RATE_LIMITED', `Source ${source} rate limited`, { source, retryAfter }),
  rateSourceBlocked: (source: string, until: number) =>
    retryable('ratelimit', 'RATE_SOURCE_BLOCKED', `Source ${source} blocked until ${until}`, { source, until }),

  runtimeFlagMissing: (flag: string) =>
    fatal('runtime', 'RUNTIME_FLAG_MISSING', `Required runtime flag missing: ${flag}`, { flag }),
  runtimeIntrinsicsNotFrozen: () => fatal('runtime', 'RUNTIME_INTRINSICS_NOT_FROZEN', 'Intrinsics are not frozen'),

  schedulerTaskFailed: (taskId: string, reason: string) =>
    retryable('scheduler', 'SCHEDULER_TASK_FAILED', `Task ${taskId} failed: ${reason}`, { taskId, reason }),
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

export type ErrorCode = (typeof CODES)[number]
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
