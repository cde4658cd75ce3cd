/**
 * ConformanceService (docs/spec/conformance-vectors.md): resets the engine onto a manual clock and a seeded id stream so
 * clients in every language can replay the vectors. Only a daemon started with --conformance
 * serves it; every other daemon refuses each call with FAILED_PRECONDITION.
 */

import { Code, ConnectError, type ServiceImpl } from '@connectrpc/connect'
import { createManualClock, createSeededRandom, type ManualClock, type RandomSource } from '../core/index.js'
import type { ConformanceService } from '../gen/tracehound/conformance/v1/conformance_service_pb.js'
import type { DaemonEngine } from './engine.js'
import { settingsFromConfig } from './engine.js'
import { auditRecordToWire, i64 } from '../wire/index.js'

/** The clock and random source a conformance daemon injects into its engine, re-seedable per test. */
export class ConformanceDeterminism {
  readonly clock: ManualClock = createManualClock(0)
  #random: RandomSource = createSeededRandom('conformance')
  readonly random: RandomSource = (n) => this.#random(n)

  reseed(seed: string): void {
    this.#random = createSeededRandom(seed)
  }
}

export function conformanceService(
  engine: DaemonEngine,
  determinism: ConformanceDeterminism | undefined,
): ServiceImpl<typeof ConformanceService> {
  const enabled = (): ConformanceDeterminism => {
    if (!determinism) throw new ConnectError('conformance mode is off: start tracehoundd with --conformance', Code.FailedPrecondition)
    return determinism
  }
  return {
    reset(req) {
      const d = enabled()
      let settings
      try {
        settings = settingsFromConfig(req.config!)
        d.clock.set(Number(req.clockStartMs))
        d.reseed(req.idSeed)
        engine.reset(settings)
      } catch (e) {
        throw new ConnectError(`invalid conformance config: ${(e as Error).message}`, Code.InvalidArgument)
      }
      return {}
    },

    advanceClock(req) {
      const d = enabled()
      d.clock.advance(Number(req.ms))
      return { nowMs: i64(d.clock.now()) }
    },

    listAuditRecords() {
      enabled()
      return { records: engine.auditChain.export().map(auditRecordToWire) }
    },
  }
}
