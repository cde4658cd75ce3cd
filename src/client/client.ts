/** The TS client over any Connect transport: deadlines, fail-open, lazy handshake. */

import { Code, ConnectError, createClient, type Client, type Interceptor, type Transport } from '@connectrpc/connect'
import type { AuditRecord, Scent } from '../core/index.js'
import { AdminService } from '../gen/tracehound/v1/admin_service_pb.js'
import { type HandshakeResponse, TracehoundService } from '../gen/tracehound/v1/tracehound_service_pb.js'
import {
  type ClientVerdict,
  type ConsistencyProof,
  type EvidenceInfo,
  type EvidenceRecord,
  evidenceFromWire,
  type InclusionProof,
  type TreeHead,
  verdictFromWire,
} from './convert.js'
import { type DaemonStats, statsFromWire } from './stats.js'
import {
  auditRecordFromWire,
  consistencyProofFromWire,
  evidenceRecordFromWire,
  inclusionProofFromWire,
  SCHEMA_VERSION,
  scentToWire,
  treeHeadFromWire,
} from '../wire/index.js'
import { ClientErrorCode, clientErrorVerdict } from './client-error.js'
import { InterceptMux } from './intercept-mux.js'

/** Deadlines, fail mode and identity of a client; shared by the Node and the browser client. */
export interface ClientOptions {
  /** Deadline of one intercept (or one interceptMany batch). @default 1000 */
  timeoutMs?: number
  /** Deadline of every other call. @default 5000 */
  callTimeoutMs?: number
  /**
   * "open" (default): daemon down, slow or refusing → `clean`, marked degraded.
   * "closed": the same failures → an `error` verdict, marked degraded.
   */
  failMode?: 'open' | 'closed'
  /**
   * "stream" (default where the transport has bidi streams): every intercept is one message on a
   * long-lived InterceptStream, matched by request id. "unary": one Intercept call each.
   */
  interceptPath?: 'stream' | 'unary'
  clientName?: string
  clientVersion?: string
  /** Called for every degraded verdict, e.g. to log or count it. */
  onDegraded?: (error: ConnectError) => void
}

/**
 * A client of tracehoundd: intercepts never reject (fail-open by default), every other call
 * rejects with a ConnectError on failure.
 */
export interface TracehoundClient {
  /** Runs the handshake now (it otherwise runs before the first call); rejects on schema skew. */
  connect(): Promise<HandshakeResponse>
  /** Never rejects: failures become degraded verdicts per failMode. */
  intercept(scent: Scent): Promise<ClientVerdict>
  /** Verdicts in scent order; one stream per call where the transport allows. Never rejects. */
  interceptMany(scents: readonly Scent[]): Promise<ClientVerdict[]>
  /** Quarantined evidence by signature with its record (bytes excluded), or null when none. */
  getEvidence(signature: string): Promise<{ handle: EvidenceInfo; record: EvidenceRecord } | null>
  /** Every piece of evidence in quarantine. */
  listQuarantine(): Promise<EvidenceInfo[]>
  /**
   * Disposes of the evidence and appends an audit record: the record and the new tree size, or
   * null when nothing is quarantined under the signature.
   */
  neutralize(signature: string): Promise<{ record: AuditRecord; treeSize: number } | null>
  /** The current audit tree head (MACed when the daemon has a key). */
  getTreeHead(): Promise<TreeHead>
  /**
   * The inclusion proof of audit record `leafIndex` in the tree of `treeSize` leaves (default:
   * the current size), with the record; check it with `verifyInclusion`.
   */
  getInclusionProof(leafIndex: number, treeSize?: number): Promise<{ proof: InclusionProof; record?: AuditRecord }>
  /**
   * The consistency proof between two tree sizes (default second: the current); check it with
   * `verifyConsistency`.
   */
  getConsistencyProof(firstSize: number, secondSize?: number): Promise<ConsistencyProof>
  /** The daemon's counters as plain numbers (JSON.stringify-safe). */
  stats(): Promise<DaemonStats>
  /** The generated clients, for everything else (admin, raw messages). */
  readonly service: Client<typeof TracehoundService>
  readonly admin: Client<typeof AdminService>
  /** For other services on the daemon, e.g. grpc.health.v1.Health. */
  readonly transport: Transport
}

const BATCH = 1000

export function bearerInterceptor(token: string): Interceptor {
  return (next) => (req) => {
    req.header.set('Authorization', `Bearer ${token}`)
    return next(req)
  }
}

/** `streaming` false for transports without bidi streams (browsers): interceptMany then fans out unary calls. */
export function createTracehoundClientFromTransport(
  transport: Transport,
  options: ClientOptions & { streaming: boolean },
): TracehoundClient {
  const service = createClient(TracehoundService, transport)
  const admin = createClient(AdminService, transport)
  const timeoutMs = options.timeoutMs ?? 1000
  const callTimeoutMs = options.callTimeoutMs ?? 5000
  const failClosed = options.failMode === 'closed'
  const mux = options.streaming && options.interceptPath !== 'unary' ? new InterceptMux(service) : undefined

  let handshake: Promise<HandshakeResponse> | undefined
  const connect = () => {
    handshake ??= service
      .handshake(
        { clientName: options.clientName ?? 'tracehound-ts', clientVersion: options.clientVersion ?? '', schemaVersion: SCHEMA_VERSION },
        { timeoutMs: callTimeoutMs },
      )
      .catch((e: unknown) => {
        // A skew is final; a transport failure is retried on the next call.
        if (ConnectError.from(e).code !== Code.FailedPrecondition) handshake = undefined
        throw e
      })
    return handshake
  }

  /** The handshake counts against the caller's deadline; returns what is left for the call itself. */
  const ready = async (budgetMs: number): Promise<number> => {
    const start = Date.now()
    let timer: ReturnType<typeof setTimeout> | undefined
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ConnectError('handshake exceeded the deadline', Code.DeadlineExceeded)), budgetMs)
    })
    try {
      await Promise.race([connect(), expired])
    } finally {
      clearTimeout(timer)
    }
    return Math.max(1, budgetMs - (Date.now() - start))
  }

  const failed = (e: unknown): ClientVerdict => {
    const err = ConnectError.from(e)
    // The daemon rejected the scent itself: a caller's error, whatever the fail mode.
    if (err.code === Code.InvalidArgument) {
      return clientErrorVerdict(ClientErrorCode.SCENT_INVALID, err.rawMessage)
    }
    options.onDegraded?.(err)
    const mark = { degraded: { code: Code[err.code] ?? 'unknown', message: err.rawMessage } }
    if (!failClosed) return { status: 'clean', ...mark }
    return { ...clientErrorVerdict(ClientErrorCode.DAEMON_UNAVAILABLE, err.message), ...mark }
  }

  /**
   * The kernel's bytes travel, or its refusal, which the daemon judges as the embedded engine does
   * (rate limit first). Only what has no wire form at all (a NaN timestamp, a throwing toJSON) is
   * answered here.
   */
  const toWire = (scent: Scent) => {
    try {
      return scentToWire(scent)
    } catch (e) {
      return { failed: (e as Error).message }
    }
  }
  const serializationError = (message: string): ClientVerdict =>
    clientErrorVerdict(ClientErrorCode.AGENT_SERIALIZATION_FAILED, `Failed to serialize: ${message}`)

  const notFoundAsNull = <T>(p: Promise<T>): Promise<T | null> =>
    p.catch((e: unknown) => {
      if (ConnectError.from(e).code === Code.NotFound) return null
      throw e
    })

  async function interceptBatch(batch: readonly Scent[], timeoutMs: number): Promise<ClientVerdict[]> {
    const wire = batch.map(toWire)
    const sendable = wire.flatMap((w) => ('failed' in w ? [] : [w]))
    let verdicts: ClientVerdict[] = []
    if (sendable.length > 0) {
      if (mux) {
        verdicts = (await mux.call(sendable, timeoutMs)).map(verdictFromWire)
      } else if (options.streaming) {
        async function* one() {
          yield { scents: sendable }
        }
        for await (const res of service.interceptStream(one(), { timeoutMs })) verdicts.push(...res.verdicts.map(verdictFromWire))
      } else {
        const res = await Promise.all(sendable.map((scent) => service.intercept({ scent }, { timeoutMs })))
        verdicts = res.map((r) => verdictFromWire(r.verdict))
      }
      if (verdicts.length !== sendable.length) throw new ConnectError('daemon answered a batch only in part', Code.DataLoss)
    }
    let i = 0
    return wire.map((w) => ('failed' in w ? serializationError(w.failed) : (verdicts[i++] as ClientVerdict)))
  }

  return {
    connect,

    async intercept(scent) {
      const wire = toWire(scent)
      if ('failed' in wire) return serializationError(wire.failed)
      try {
        const left = await ready(timeoutMs)
        if (mux) return verdictFromWire((await mux.call([wire], left))[0])
        const res = await service.intercept({ scent: wire }, { timeoutMs: left })
        return verdictFromWire(res.verdict)
      } catch (e) {
        return failed(e)
      }
    },

    async interceptMany(scents) {
      const out: ClientVerdict[] = []
      for (let i = 0; i < scents.length; i += BATCH) {
        const batch = scents.slice(i, i + BATCH)
        try {
          out.push(...(await interceptBatch(batch, await ready(timeoutMs))))
        } catch (e) {
          out.push(...batch.map(() => failed(e)))
        }
      }
      return out
    },

    async getEvidence(signature) {
      const res = await notFoundAsNull(service.getEvidence({ signature }, { timeoutMs: callTimeoutMs }))
      if (!res?.handle || !res.record) return null
      return { handle: evidenceFromWire(res.handle), record: evidenceRecordFromWire(res.record) }
    },

    async listQuarantine() {
      const all: EvidenceInfo[] = []
      let pageToken = ''
      do {
        const res = await service.listQuarantine({ pageSize: 1000, pageToken }, { timeoutMs: callTimeoutMs })
        all.push(...res.handles.map(evidenceFromWire))
        pageToken = res.nextPageToken
      } while (pageToken)
      return all
    },

    async neutralize(signature) {
      const res = await notFoundAsNull(service.neutralize({ signature }, { timeoutMs: callTimeoutMs }))
      if (!res?.record) return null
      return { record: auditRecordFromWire(res.record), treeSize: Number(res.treeSize) }
    },

    async getTreeHead() {
      const res = await service.getTreeHead({}, { timeoutMs: callTimeoutMs })
      if (!res.treeHead) throw new ConnectError('response without a tree head', Code.DataLoss)
      return treeHeadFromWire(res.treeHead)
    },

    async getInclusionProof(leafIndex, treeSize = 0) {
      const res = await service.getInclusionProof(
        { leafIndex: BigInt(leafIndex), treeSize: BigInt(treeSize) },
        { timeoutMs: callTimeoutMs },
      )
      if (!res.proof) throw new ConnectError('response without a proof', Code.DataLoss)
      return { proof: inclusionProofFromWire(res.proof), ...(res.record && { record: auditRecordFromWire(res.record) }) }
    },

    async getConsistencyProof(firstSize, secondSize = 0) {
      const res = await service.getConsistencyProof(
        { firstSize: BigInt(firstSize), secondSize: BigInt(secondSize) },
        { timeoutMs: callTimeoutMs },
      )
      if (!res.proof) throw new ConnectError('response without a proof', Code.DataLoss)
      return consistencyProofFromWire(res.proof)
    },

    async stats() {
      return statsFromWire(await service.getStats({}, { timeoutMs: callTimeoutMs }))
    },

    service,
    admin,
    transport,
  }
}
