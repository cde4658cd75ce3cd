/** TracehoundService: the engine over RPC. */

import type { DescMethodUnary, MessageInitShape } from '@bufbuild/protobuf'
import { Code, ConnectError, type ServiceImpl } from '@connectrpc/connect'
import type { Validator } from '@bufbuild/protovalidate'
import type { Scent as WireScent } from '../gen/tracehound/v1/scent_pb.js'
import { TracehoundService } from '../gen/tracehound/v1/tracehound_service_pb.js'
import type { VerdictSchema } from '../gen/tracehound/v1/verdict_pb.js'
import { AuditRangeError, type WatcherSnapshot } from '../core/index.js'
import type { DaemonEngine } from './engine.js'
import { type DirectUnary, unary } from './grpc-direct.js'
import type { EventBus } from './events.js'
import { answerInOrder, streamAnswerer } from './intercept-stream.js'
import type { Metrics } from './metrics.js'
import {
  auditRecordToWire,
  consistencyProofToWire,
  handleToWire,
  i64,
  inclusionProofToWire,
  majorOf,
  SCHEMA_VERSION,
  scentFromWire,
  severityToWire,
  treeHeadToWire,
  u64,
  verdictToWire,
} from '../wire/index.js'

export interface ServiceDeps {
  engine: DaemonEngine
  events: EventBus
  metrics: Metrics
  serverVersion: string
  /** Validates each InterceptStream message as the validate interceptor validates a unary request. */
  validator: Validator
  /** Durable mode: settles once every write so far is fsynced; undefined when none is pending. */
  durable?: () => Promise<void> | undefined
  /** Durable mode: why writes are refused (unacknowledged tampering, a failed commit), else undefined. */
  writeRefusal?: () => string | undefined
}

const DEFAULT_PAGE_SIZE = 100

/** Proof arguments outside the tree are the caller's mistake, not the daemon's. */
function proofCall<T>(f: () => T): T {
  try {
    return f()
  } catch (e) {
    if (e instanceof AuditRangeError) throw new ConnectError(e.message, Code.OutOfRange)
    throw e
  }
}

type Impl = ServiceImpl<typeof TracehoundService>
type UnaryName = Exclude<keyof Impl, 'interceptStream'>

/**
 * The service's handlers. None needs the call's context, so the same functions serve connect-node
 * (every protocol) and the direct gRPC path (grpc-direct.ts).
 */
export interface TracehoundHandlers {
  unary: { [K in UnaryName]: (req: Parameters<Impl[K]>[0]) => ReturnType<Impl[K]> }
  /** One InterceptStream request's answer (a promise while it waits for fsync). */
  answerStream: ReturnType<typeof streamAnswerer>
}

/** For connect-node's router: InterceptStream reads and answers in order until `closing`. */
export function tracehoundImpl(h: TracehoundHandlers, closing: AbortSignal): Impl {
  return { ...h.unary, interceptStream: (requests) => answerInOrder(requests, h.answerStream, closing) }
}

/** The unary handlers for the direct gRPC path, each beside its method. */
export function directUnary(h: TracehoundHandlers): DirectUnary[] {
  return TracehoundService.methods
    .filter((m): m is DescMethodUnary => m.methodKind === 'unary')
    .map((m) => unary(m, h.unary[m.localName as UnaryName] as DirectUnary['handler']))
}

export function tracehoundService(deps: ServiceDeps): TracehoundHandlers {
  const { engine, events, metrics } = deps

  const refuseWrites = () => {
    const reason = deps.writeRefusal?.()
    if (reason) throw new ConnectError(`writes refused: ${reason}`, Code.FailedPrecondition)
  }

  /** No reply before the fsync of the writes it acknowledges (group commit: one fsync per event-loop turn). */
  const durable = <T>(reply: T): T | Promise<T> => {
    const pending = deps.durable?.()
    if (!pending) return reply
    return pending.then(
      () => reply,
      (e: unknown) => {
        throw new ConnectError(`not made durable, not acknowledged: ${e instanceof Error ? e.message : String(e)}`, Code.DataLoss)
      },
    )
  }

  const judgeArrived = ({ scent, encoded }: ReturnType<typeof scentFromWire>): MessageInitShape<typeof VerdictSchema> => {
    const result = engine.intercept(scent, encoded)
    metrics.countVerdict(result.status)
    if (result.status === 'quarantined') {
      events.publish({ case: 'evidenceQuarantined', value: { handle: handleToWire(result.handle), source: scent.source } })
    }
    return verdictToWire(result)
  }

  const judge = (s: WireScent): MessageInitShape<typeof VerdictSchema> => {
    const arrived = scentFromWire(s, engine.settings.maxPayloadSize)
    if (arrived.scent.threat) refuseWrites()
    return judgeArrived(arrived)
  }

  /**
   * A batch is decoded and checked whole before the engine sees any of it, so a refused request
   * leaves no partial effect; then judged synchronously, so a reload never splits it.
   */
  const judgeBatch = (scents: readonly WireScent[]) => {
    const max = engine.settings.maxPayloadSize
    const arrived = scents.map((s) => scentFromWire(s, max))
    if (arrived.some((a) => a.scent.threat)) refuseWrites()
    return durable(arrived.map(judgeArrived))
  }
  const answerStream = streamAnswerer(deps.validator, (req) => judgeBatch(req.scents))

  const unary: TracehoundHandlers['unary'] = {
    handshake(req) {
      if (majorOf(req.schemaVersion) !== majorOf(SCHEMA_VERSION)) {
        throw new ConnectError(
          `schema version mismatch: client ${req.schemaVersion}, server ${SCHEMA_VERSION} (major versions differ)`,
          Code.FailedPrecondition,
        )
      }
      const features = ['intercept-stream', 'admin', 'health']
      if (engine.stats().mac.enabled) features.push('mac')
      if (deps.durable) features.push('durable') // verdicts are fsynced before they are answered
      return {
        serverName: 'tracehoundd',
        serverVersion: deps.serverVersion,
        schemaVersion: SCHEMA_VERSION,
        compatible: true,
        features,
      }
    },

    intercept(req) {
      // protovalidate has checked that the scent is present.
      return durable({ verdict: judge(req.scent as WireScent) })
    },

    getEvidence(req) {
      const handle = engine.quarantine.get(req.signature)
      const record = engine.evidenceRecord(req.signature)
      if (!handle || !record) throw new ConnectError(`no quarantined evidence ${req.signature}`, Code.NotFound)
      return {
        handle: handleToWire(handle),
        record: {
          signature: record.signature,
          hash: record.hash,
          size: u64(record.size),
          severity: severityToWire(record.severity),
          capturedMs: i64(record.captured),
          kid: record.kid ?? '',
          mac: record.mac ?? '',
        },
      }
    },

    listQuarantine(req) {
      const offset = req.pageToken === '' ? 0 : Number(req.pageToken)
      if (!Number.isSafeInteger(offset) || offset < 0) throw new ConnectError('invalid page_token', Code.InvalidArgument)
      const size = req.pageSize || DEFAULT_PAGE_SIZE
      const all = engine.quarantine.list()
      const end = offset + size
      return {
        handles: all.slice(offset, end).map(handleToWire),
        nextPageToken: end < all.length ? String(end) : '',
      }
    },

    neutralize(req) {
      refuseWrites()
      const neutralized = engine.quarantine.neutralize(req.signature)
      if (!neutralized) throw new ConnectError(`no quarantined evidence ${req.signature}`, Code.NotFound)
      const wire = auditRecordToWire(neutralized.audit)
      events.publish({ case: 'evidenceNeutralized', value: { record: wire } })
      return durable({ record: wire, treeSize: u64(engine.auditChain.treeSize) })
    },

    getTreeHead() {
      const h = engine.treeHead()
      return {
        treeHead: treeHeadToWire(h),
      }
    },

    getInclusionProof(req) {
      const size = req.treeSize === 0n ? undefined : Number(req.treeSize)
      const p = proofCall(() => engine.inclusionProof(Number(req.leafIndex), size))
      // A capture or purge leaf has no v1 record to send; its proof still verifies against leafHash.
      const record = engine.auditChain.recordAtLeaf(p.leafIndex)
      return {
        proof: inclusionProofToWire(p),
        ...(record && { record: auditRecordToWire(record) }),
      }
    },

    getConsistencyProof(req) {
      const second = req.secondSize === 0n ? undefined : Number(req.secondSize)
      const p = proofCall(() => engine.consistencyProof(Number(req.firstSize), second))
      return { proof: consistencyProofToWire(p) }
    },

    getStats() {
      const s = engine.stats()
      const counts = <T extends object>(o: T) =>
        Object.fromEntries(Object.entries(o).map(([k, v]) => [k, u64(v as number)])) as { [K in keyof T]: bigint }
      return {
        agent: counts(s.agent),
        quarantine: { count: u64(s.quarantine.count), bytes: u64(s.quarantine.bytes), bySeverity: counts(s.quarantine.bySeverity) },
        rateLimiter: counts(s.rateLimiter),
        audit: counts(s.audit),
        watcher: watcherToWire(engine.watcher.snapshot()),
      }
    },
  }
  return { unary, answerStream }
}

function watcherToWire(w: WatcherSnapshot) {
  const counts = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, u64(v)]))
  return {
    totalThreats: u64(w.threats.total),
    byCategory: counts(w.threats.byCategory),
    bySeverity: counts(w.threats.bySeverity),
    totalAlerts: u64(w.totalAlerts),
    alertsInWindow: u64(w.alertsInWindow),
    overloaded: w.overloaded,
  }
}
