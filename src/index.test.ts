import { describe, expect, it, vi } from 'vitest'
import * as root from './index.js'
// Compile-time half of the surface check: every type v1's index exports (npm test runs tsc first).
import type * as Root from './index.js'

export type V1PublicTypes = [
  Root.AgentConfig,
  Root.AgentStats,
  Root.Alert,
  Root.AlertConfig,
  Root.AlertSeverity,
  Root.AlertType,
  Root.AsyncColdPathCodec,
  Root.AsyncHotPathCodec,
  Root.AuditConfig,
  Root.BusyChecker,
  Root.ClusterBoundaryConfig,
  Root.ClusterTrustLevel,
  Root.CodecStats,
  Root.ColdPathCodec,
  Root.ColdStorageBoundaryConfig,
  Root.ColdStorageConfig,
  Root.ColdStorageReadResult,
  Root.ColdStorageTrustLevel,
  Root.ColdStorageWriteResult,
  Root.DetectorBoundaryConfig,
  Root.DetectorTrustLevel,
  Root.EncodeResult,
  Root.ErrorState,
  Root.EvacuateRecord,
  Root.EventCallback,
  Root.EventType,
  Root.EvidenceCreationResult,
  Root.EvidenceEvictedPayload,
  Root.EvidenceFactoryOptions,
  Root.EvidenceHandle,
  Root.EvidenceQuarantinedPayload,
  Root.FailSafeConfig,
  Root.GenerateSignatureOptions,
  Root.HotPathCodec,
  Root.HoundConfig,
  Root.HoundPoolConfig,
  Root.HoundPoolStats,
  Root.HoundProcessConstraints,
  Root.HoundResult,
  Root.IAgent,
  Root.IColdStorageAdapter,
  Root.IEvidenceFactory,
  Root.IHoundPool,
  Root.INotificationEmitter,
  Root.IRateLimiter,
  Root.IScheduler,
  Root.ISecurityState,
  Root.ITracehound,
  Root.IWatcher,
  Root.InsertResult,
  Root.InterceptResult,
  Root.JsonPrimitive,
  Root.JsonSerializable,
  Root.LaneAlert,
  Root.LaneConfig,
  Root.LaneQueueConfig,
  Root.LaneStats,
  Root.LicenseExpiredPayload,
  Root.LicenseState,
  Root.LicenseValidatedPayload,
  Root.NeutralizationRecord,
  Root.NotificationEmitterStats,
  Root.PanicCallback,
  Root.PanicEvent,
  Root.PanicLevel,
  Root.PanicReason,
  Root.PoolExhaustedAction,
  Root.PurgeRecord,
  Root.QuarantineConfig,
  Root.QuarantineStateStats,
  Root.QuarantineStats,
  Root.RateLimitConfig,
  Root.RateLimitExceededPayload,
  Root.RateLimitResult,
  Root.RateLimitStats,
  Root.RateLimiterStats,
  Root.RuntimeConfig,
  Root.S3ColdStorageConfig,
  Root.S3LikeClient,
  Root.Scent,
  Root.ScheduledTask,
  Root.SchedulerConfig,
  Root.SchedulerStats,
  Root.SecurityHistoryEntry,
  Root.SecuritySnapshot,
  Root.SecurityStateConfig,
  Root.SecurityStateStats,
  Root.Severity,
  Root.SystemPanicPayload,
  Root.Threat,
  Root.ThreatCategory,
  Root.ThreatDetectedPayload,
  Root.ThreatInput,
  Root.ThreatSignal,
  Root.ThreatStats,
  Root.ThresholdConfig,
  Root.TickSchedulerConfig,
  Root.TracehoundConfig,
  Root.TracehoundError,
  Root.TracehoundEvent,
  Root.TracehoundOptions,
  Root.TrustBoundaryConfig,
  Root.WatcherConfig,
  Root.WatcherQuarantineStats,
  Root.WatcherSnapshot,
  Root.WebhookConfig,
]

/** The value exports of @tracehound/core v1.2.0's packages/core/src/index.ts. */
const V1_VALUES = [
  'Agent',
  'AsyncGzipCodec',
  'AuditChain',
  'DEFAULT_CONFIG',
  'DEFAULT_FAIL_SAFE_CONFIG',
  'DEFAULT_LANE_CONFIG',
  'DEFAULT_TRUST_BOUNDARY',
  'Errors',
  'Evidence',
  'EvidenceFactory',
  'FailSafe',
  'GENESIS_HASH',
  'GzipCodec',
  'HoundPool',
  'LaneQueue',
  'MemoryColdStorage',
  'NotificationEmitter',
  'Quarantine',
  'RateLimiter',
  'S3ColdStorage',
  'Scheduler',
  'SecurityState',
  'Watcher',
  'compareSignatures',
  'constantTimeBufferEqual',
  'constantTimeEqual',
  'createAgent',
  'createAsyncColdPathCodec',
  'createColdPathCodec',
  'createError',
  'createEvidenceFactory',
  'createFailSafe',
  'createHotPathCodec',
  'createHoundPool',
  'createLaneQueue',
  'createMemoryColdStorage',
  'createMockAdapter',
  'createNotificationEmitter',
  'createRateLimiter',
  'createS3ColdStorage',
  'createScheduler',
  'createSecurityState',
  'createThreatInput',
  'createTracehound',
  'createWatcher',
  'decodeWithIntegrityAsync',
  'encodePayload',
  'encodeWithIntegrityAsync',
  'estimatePayloadSize',
  'generateSecureId',
  'generateSignature',
  'hash',
  'hashBuffer',
  'isClean',
  'isClusterUntrusted',
  'isError',
  'isIgnored',
  'isQuarantined',
  'isRateLimited',
  'isValidSecureId',
  'mergeTrustBoundary',
  'mergeWithDefaults',
  'serialize',
  'shouldVerifyDetector',
  'validateSignature',
  'validateTrustBoundary',
] as const

/** Named by issue 10 beyond v1's index: integrity codec, THCS envelope, runtime checks, hound IPC. */
const ISSUE_EXTRAS = [
  'encodeWithIntegrity',
  'decodeWithIntegrity',
  'verify',
  'CodecError',
  'packEnvelope',
  'unpackEnvelope',
  'HEADER_SIZE',
  'verifyRuntime',
  'getRuntimeInfo',
  'encodeMessage',
  'encodeHoundMessage',
  'decodeHoundMessage',
  'tryParseMessage',
  'createMessageParser',
] as const

describe('package root', () => {
  it.each([...V1_VALUES, ...ISSUE_EXTRAS])('exports %s', (name) => {
    expect((root as Record<string, unknown>)[name]).toBeDefined()
  })

  it("createTracehound gives v1's components: webhook-capable notifications and a lazy hound pool", () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => ({ ok: true, status: 200 })),
    )
    try {
      const th = root.createTracehound()
      expect(th.notifications).toBeInstanceOf(root.NotificationEmitter)
      expect(th.notifications.registerWebhook({ url: 'http://127.0.0.1:9/h' })).toMatch(/^webhook-/)
      expect(th.houndPool.stats).toMatchObject({ totalProcesses: 4, activeProcesses: 0 })
      expect(th.watcher.snapshot().threats.total).toBe(0)
      expect(th.intercept({ id: 'a', payload: 1, source: 's', timestamp: 0 })).toEqual({ status: 'clean' })
      th.houndPool.shutdown()
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('a cold-storage adapter alone gets gzip + SHA-256 encoding for evacuation', async () => {
    const store = new root.MemoryColdStorage()
    const th = root.createTracehound({ coldStorage: store, houndPool: { poolSize: 0 } })
    const r = th.intercept({
      id: 'a',
      payload: { sql: "' OR 1=1" },
      source: 's',
      timestamp: 0,
      threat: { category: 'injection', severity: 'high' },
    })
    if (r.status !== 'quarantined') throw new Error(r.status)
    const sig = r.handle.signature
    expect(await th.evacuate(sig)).toMatchObject({ ok: true, location: sig })
    const read = await store.read(sig)
    expect(root.verify(read.payload!)).toBe(true)
    expect(new TextDecoder().decode(await root.decodeWithIntegrityAsync(read.payload!))).toBe('{"sql":"\' OR 1=1"}')
  })
})
