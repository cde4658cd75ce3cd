/**
 * The one error model: every error the engine, storage, server and client throw is a
 * TracehoundError (a real Error with a stack) whose `code` comes from the closed list below, or a
 * subclass that only narrows that code. v1 threw plain objects; the fields v1 had (state, code,
 * message, context, recoverable) keep their names and values, and stay enumerable, so
 * JSON.stringify and spreads see what v1's objects showed.
 */

/** Where an error happened: v1's states plus audit and server. */
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
  | 'audit'
  | 'server'

/** Every code, with the state it belongs to. Closed: a new failure adds its code here. */
const STATE_OF = {
  CONFIG_QUARANTINE_INVALID: 'config',
  CONFIG_RATELIMIT_INVALID: 'config',
  CONFIG_AGENT_INVALID: 'config',
  CONFIG_SCHEDULER_INVALID: 'config',
  CONFIG_MAC_INVALID: 'config',
  CONFIG_AUDIT_INVALID: 'config',
  CONFIG_CLOCK_INVALID: 'config',
  CONFIG_WEBHOOK_TRANSPORT_MISSING: 'config',
  CONFIG_FILE_INVALID: 'config',
  SCENT_PAYLOAD_INVALID: 'scent',
  SCENT_SOURCE_MISSING: 'scent',
  SCENT_ID_INVALID: 'scent',
  AGENT_PAYLOAD_TOO_LARGE: 'agent',
  AGENT_SERIALIZATION_FAILED: 'agent',
  AGENT_INTERCEPT_FAILED: 'agent',
  // v1's codes for an intercept that failed unexpectedly (its catch-all), kept as v1 spelled them.
  INTERCEPT_FAILED: 'agent',
  EVIDENCE_CREATION_FAILED: 'agent',
  QUARANTINE_FULL: 'quarantine',
  QUARANTINE_EVICT_FAILED: 'quarantine',
  QUARANTINE_NOT_FOUND: 'quarantine',
  EVIDENCE_DISPOSED: 'evidence',
  EVIDENCE_TRANSFER_FAILED: 'evidence',
  EVIDENCE_EMPTY: 'evidence',
  EVIDENCE_INVALID_BYTES: 'evidence',
  EVIDENCE_HASH_MISMATCH: 'evidence',
  CODEC_ENCODE_FAILED: 'codec',
  CODEC_DECODE_FAILED: 'codec',
  CODEC_INTEGRITY_FAILED: 'codec',
  // v1's CodecError codes (cold-storage envelopes), kept as v1 spelled them.
  ENCODE_FAILED: 'codec',
  DECODE_FAILED: 'codec',
  INTEGRITY_VIOLATION: 'codec',
  CANONICAL_VALUE_INVALID: 'codec',
  CANONICAL_TOO_DEEP: 'codec',
  HEX_INVALID: 'codec',
  COLD_WRITE_FAILED: 'cold_storage',
  COLD_READ_FAILED: 'cold_storage',
  COLD_NOT_FOUND: 'cold_storage',
  COLD_UNAVAILABLE: 'cold_storage',
  COLD_NOT_CONFIGURED: 'cold_storage',
  COLD_STORAGE_ENVELOPE_INVALID: 'cold_storage',
  PROCESS_SPAWN_FAILED: 'process',
  PROCESS_TIMEOUT: 'process',
  PROCESS_CRASHED: 'process',
  PROCESS_POOL_EXHAUSTED: 'process',
  IPC_MESSAGE_TOO_LARGE: 'process',
  IPC_INVALID_LENGTH: 'process',
  IPC_MALFORMED_MESSAGE: 'process',
  RATE_LIMITED: 'ratelimit',
  RATE_SOURCE_BLOCKED: 'ratelimit',
  RUNTIME_FLAG_MISSING: 'runtime',
  RUNTIME_INTRINSICS_NOT_FROZEN: 'runtime',
  SCHEDULER_TASK_FAILED: 'scheduler',
  SCHEDULER_ALREADY_RUNNING: 'scheduler',
  STORAGE_COMMIT_FAILED: 'storage',
  LEDGER_UNREADABLE: 'storage',
  LEDGER_LOCKED: 'storage',
  LEDGER_VERSION_UNSUPPORTED: 'storage',
  LEDGER_REFUSED: 'storage',
  AUDIT_ENTRY_INVALID: 'audit',
  AUDIT_OUT_OF_RANGE: 'audit',
  AUDIT_BEYOND_RETENTION: 'audit',
  AUDIT_RESTORE_INVALID: 'audit',
  SERVER_OPTIONS_INVALID: 'server',
  SERVER_SOCKET_UNSAFE: 'server',
  SERVER_SOCKET_IN_USE: 'server',
  SERVER_DATA_DIR_UNSAFE: 'server',
} as const satisfies Record<string, ErrorState>

/** Every stable error code. */
export type ErrorCode = keyof typeof STATE_OF
/** The error codes as an object, `ErrorCodes.QUARANTINE_FULL === 'QUARANTINE_FULL'`. */
export const ErrorCodes = Object.freeze(Object.fromEntries(Object.keys(STATE_OF).map((c) => [c, c]))) as {
  readonly [K in ErrorCode]: K
}
/** The state a code belongs to. */
export type StateOf<C extends ErrorCode> = (typeof STATE_OF)[C]
/** The state of `code`. */
export const errorState = <C extends ErrorCode>(code: C): StateOf<C> => STATE_OF[code]

/** What a TracehoundError carries besides code and message. */
export interface TracehoundErrorOptions {
  /** Structured detail for logs and callers (JSON-safe). */
  context?: unknown
  /** Whether retrying the same operation can help. @default false */
  recoverable?: boolean
  /** The error this one wraps (Error.cause). */
  cause?: unknown
}

/** The one error class: a stable code from the closed list, its state, whether to retry, and a stack. */
export class TracehoundError<C extends ErrorCode = ErrorCode> extends Error {
  declare readonly state: StateOf<C>
  declare readonly code: C
  declare readonly context?: unknown
  declare readonly recoverable: boolean

  constructor(code: C, message: string, options: TracehoundErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    // v1's field order and an enumerable message: JSON and spreads show what v1's plain objects did.
    delete (this as { message?: string }).message
    Object.assign(this, {
      state: STATE_OF[code],
      code,
      message,
      context: options.context,
      recoverable: options.recoverable ?? false,
    })
  }

  override get name(): string {
    return 'TracehoundError'
  }
}

/** v1's factory (its state argument is implied by the code); recoverable unless the options say otherwise (v1's default). */
export function createError<C extends ErrorCode>(
  _state: StateOf<C>,
  code: C,
  message: string,
  options?: { context?: unknown; recoverable?: boolean },
): TracehoundError<C> {
  return new TracehoundError(code, message, { context: options?.context, recoverable: options?.recoverable ?? true })
}

/** A TracehoundError, or anything shaped like one (v1 threw plain objects; another realm's instance). */
export function isTracehoundError(value: unknown): value is TracehoundError {
  if (value instanceof TracehoundError) return true
  return typeof value === 'object' && value !== null && 'state' in value && 'code' in value && 'message' in value
}

const fatal = <C extends ErrorCode>(_state: StateOf<C>, code: C, message: string, context?: unknown) =>
  new TracehoundError(code, message, { context, recoverable: false })
const retryable = <C extends ErrorCode>(_state: StateOf<C>, code: C, message: string, context?: unknown) =>
  new TracehoundError(code, message, { context, recoverable: true })

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
  invalidConfigRateLimit: (issue: string) => fatal('config', 'CONFIG_RATELIMIT_INVALID', `Invalid rate limit config: ${issue}`, { issue }),
  /** `CONFIG_AGENT_INVALID` (fatal): Invalid agent config: …. */
  invalidConfigAgent: (issue: string) => fatal('config', 'CONFIG_AGENT_INVALID', `Invalid agent config: ${issue}`, { issue }),
  /** `CONFIG_SCHEDULER_INVALID` (fatal): Invalid scheduler config: …. */
  invalidConfigScheduler: (issue: string) => fatal('config', 'CONFIG_SCHEDULER_INVALID', `Invalid scheduler config: ${issue}`, { issue }),

  /** `SCENT_PAYLOAD_INVALID` (fatal): Invalid scent payload: …. */
  scentPayloadInvalid: (reason: string) => fatal('scent', 'SCENT_PAYLOAD_INVALID', `Invalid scent payload: ${reason}`, { reason }),
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
  serializationFailed: (reason: string) => fatal('agent', 'AGENT_SERIALIZATION_FAILED', `Failed to serialize: ${reason}`, { reason }),
  /** `AGENT_INTERCEPT_FAILED` (recoverable): Intercept failed: …. */
  interceptFailed: (reason: string) => retryable('agent', 'AGENT_INTERCEPT_FAILED', `Intercept failed: ${reason}`, { reason }),

  /** `QUARANTINE_FULL` (fatal): Quarantine at capacity: …/…. */
  quarantineFull: (count: number, maxCount: number) =>
    fatal('quarantine', 'QUARANTINE_FULL', `Quarantine at capacity: ${count}/${maxCount}`, { count, maxCount }),
  /** `QUARANTINE_EVICT_FAILED` (fatal): Eviction failed: …. */
  quarantineEvictFailed: (reason: string) => fatal('quarantine', 'QUARANTINE_EVICT_FAILED', `Eviction failed: ${reason}`, { reason }),

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
  coldStorageNotFound: (id: string) => fatal('cold_storage', 'COLD_NOT_FOUND', `Evidence ${id} not found in cold storage`, { id }),
  /** `COLD_UNAVAILABLE` (recoverable): Cold storage is unavailable. */
  coldStorageUnavailable: () => retryable('cold_storage', 'COLD_UNAVAILABLE', 'Cold storage is unavailable'),

  /** `PROCESS_SPAWN_FAILED` (recoverable): Failed to spawn process: …. */
  processSpawnFailed: (reason: string) => retryable('process', 'PROCESS_SPAWN_FAILED', `Failed to spawn process: ${reason}`, { reason }),
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
  runtimeFlagMissing: (flag: string) => fatal('runtime', 'RUNTIME_FLAG_MISSING', `Required runtime flag missing: ${flag}`, { flag }),
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

/** Invalid configuration at construction time (never from intercept). */
export class TracehoundConfigError extends TracehoundError<ConfigErrorCode> {
  override get name(): string {
    return 'TracehoundConfigError'
  }
}
/** The codes a TracehoundConfigError carries. */
export type ConfigErrorCode = Extract<ErrorCode, `CONFIG_${string}`>
