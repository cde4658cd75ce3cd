/** The pure half of @tracehound/core v1's exports beyond the engine: observability, alerting, scheduling, trust, cold-storage formats. */

export { NotificationHub } from '../observers/notification-hub.js'
export type {
  EventCallback,
  EventType,
  EvidenceEvictedPayload,
  EvidenceQuarantinedPayload,
  INotificationEmitter,
  LicenseExpiredPayload,
  LicenseValidatedPayload,
  NotificationEmitterStats,
  NotificationHubOptions,
  RateLimitExceededPayload,
  SystemPanicPayload,
  ThreatDetectedPayload,
  TracehoundEvent,
  WebhookConfig,
  WebhookTransport,
} from '../observers/notification-hub.js'

export { createWatcher, DEFAULT_WATCHER_CONFIG, Watcher } from '../observers/watcher.js'
export type {
  Alert,
  AlertSeverity,
  AlertType,
  IWatcher,
  ThreatStats,
  WatcherConfig,
  WatcherQuarantineStats,
  WatcherSnapshot,
} from '../observers/watcher.js'

export { createSecurityState, SecurityState } from '../observers/security-state.js'
export type {
  ISecurityState,
  LicenseState,
  QuarantineStateStats,
  RateLimitStats,
  SecurityHistoryEntry,
  SecuritySnapshot,
  SecurityStateConfig,
  SecurityStateStats,
} from '../observers/security-state.js'

export { createFailSafe, DEFAULT_FAIL_SAFE_CONFIG, FailSafe } from '../observers/fail-safe.js'
export type {
  FailSafeConfig,
  FailSafeOverrides,
  PanicCallback,
  PanicEvent,
  PanicLevel,
  PanicReason,
  ThresholdConfig,
} from '../observers/fail-safe.js'

export { createLaneQueue, DEFAULT_LANE_CONFIG, LaneQueue } from '../observers/lane-queue.js'
export type { Alert as LaneAlert, LaneConfig, LaneQueueConfig, LaneQueueOverrides, LaneStats } from '../observers/lane-queue.js'

export { createScheduler, Scheduler } from '../observers/scheduler.js'
export type { BusyChecker, IScheduler, ScheduledTask, SchedulerDeps, SchedulerStats, TickSchedulerConfig } from '../observers/scheduler.js'
export { systemTimers } from '../ports/timer-port.js'
export type { TimerPort } from '../ports/timer-port.js'

export {
  DEFAULT_TRUST_BOUNDARY,
  isClusterUntrusted,
  mergeTrustBoundary,
  shouldVerifyDetector,
  validateTrustBoundary,
} from './trust-boundary.js'
export type {
  ClusterBoundaryConfig,
  ClusterTrustLevel,
  ColdStorageBoundaryConfig,
  ColdStorageTrustLevel,
  DetectorBoundaryConfig,
  DetectorTrustLevel,
  TrustBoundaryConfig,
} from './trust-boundary.js'

export type { ColdStorageReadResult, ColdStorageWriteResult, IColdStorageAdapter } from './cold-storage.js'
export type { EncodedPayload } from '../encoding/encoded-payload.js'
export { ENVELOPE_VERSION, HEADER_SIZE, packEnvelope, unpackEnvelope } from '../encoding/thcs-envelope.js'
export type { ColdStorageTarget, EvacuationOutcome } from '../intercept/evacuation.js'
export type { InterceptObserverFn } from '../intercept/agent.js'
// For hosts that compose the engine themselves (the daemon): the same wiring createTracehound uses.
export { createInterceptObserver, reportPanics } from '../observers/intercept-observer.js'
export type { InterceptObserver, InterceptObserverDeps } from '../observers/intercept-observer.js'
