/** The TS client against a daemon in conformance mode, as an InterceptTarget. */

import * as net from 'node:net'
import { create } from '@bufbuild/protobuf'
import { createClient } from '@connectrpc/connect'
import { createGrpcTransport } from '@connectrpc/connect-node'
import { createTracehoundClient } from '../../src/client/index.js'
import { ConformanceService } from '../../src/gen/tracehound/conformance/v1/conformance_service_pb.js'
import { DaemonConfigSchema } from '../../src/gen/tracehound/v1/config_pb.js'
import { auditRecordFromWire } from '../../src/wire/index.js'
import type { InterceptTarget, VerdictForm } from './intercept-sequence.js'

/** `unix:///path.sock` → `/path.sock`. */
export function socketPathOf(address: string): string {
  const m = /^unix:\/\/(\/.+)$/.exec(address)
  if (!m) throw new Error(`expected a unix:///path address, got ${address}`)
  return m[1]!
}

export function clientTarget(address: string): InterceptTarget & { close(): void } {
  const socketPath = socketPathOf(address)
  const client = createTracehoundClient({ socketPath, timeoutMs: 10_000 })
  const control = createClient(
    ConformanceService,
    createGrpcTransport({ baseUrl: 'http://localhost', nodeOptions: { createConnection: () => net.connect(socketPath) } }),
  )
  const n = (v: bigint) => Number(v)
  return {
    async reset({ config, clockStart, idSeed, macKeys }) {
      await control.reset({
        config: create(DaemonConfigSchema, {
          maxPayloadSize: BigInt(config.maxPayloadSize),
          quarantine: { maxCount: BigInt(config.quarantine.maxCount), maxBytes: BigInt(config.quarantine.maxBytes) },
          rateLimit: {
            windowMs: BigInt(config.rateLimit.windowMs),
            maxRequests: BigInt(config.rateLimit.maxRequests),
            blockDurationMs: BigInt(config.rateLimit.blockDurationMs),
          },
          macKeys,
        }),
        clockStartMs: BigInt(clockStart),
        idSeed,
      })
    },
    async advance(ms) {
      await control.advanceClock({ ms: BigInt(ms) })
    },
    async intercept(scent) {
      const v = await client.intercept(scent)
      if (v.status !== 'error') return v as VerdictForm
      const { state, code, recoverable } = v.error
      return { status: 'error', error: { state, code, recoverable }, ...(v.degraded && { degraded: v.degraded }) } as VerdictForm
    },
    async neutralize(signature) {
      return (await client.neutralize(signature))?.record ?? null
    },
    async auditRecords() {
      return (await control.listAuditRecords({})).records.map(auditRecordFromWire)
    },
    async summary() {
      const s = await client.service.getStats({})
      const bySeverity = Object.fromEntries(['low', 'medium', 'high', 'critical'].map((k) => [k, n(s.quarantine?.bySeverity[k] ?? 0n)]))
      const a = s.agent!
      return {
        stats: {
          agent: {
            totalIntercepts: n(a.totalIntercepts),
            cleanCount: n(a.cleanCount),
            rateLimitedCount: n(a.rateLimitedCount),
            validationFailures: n(a.validationFailures),
            ignoredCount: n(a.ignoredCount),
            quarantinedCount: n(a.quarantinedCount),
            errorCount: n(a.errorCount),
          },
          quarantine: { count: n(s.quarantine!.count), bytes: n(s.quarantine!.bytes), bySeverity },
          audit: { records: n(s.audit!.records), treeSize: n(s.audit!.treeSize) },
        },
        treeHead: await client.getTreeHead(),
      }
    },
    close: () => client.close(),
  }
}
