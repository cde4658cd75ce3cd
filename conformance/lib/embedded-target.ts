/** The embedded library as an InterceptTarget: the reference the vectors are generated from. */

import { createManualClock, createSeededRandom, type ManualClock, Tracehound } from '../../src/core/index.js'
import { type InterceptTarget, verdictForm } from './intercept-sequence.js'

export function embeddedTarget(): InterceptTarget {
  let th: Tracehound
  let clock: ManualClock
  return {
    async reset(setup) {
      clock = createManualClock(setup.clockStart)
      th = new Tracehound({ ...setup.config, clock: clock.now, random: createSeededRandom(setup.idSeed), macKeys: setup.macKeys })
    },
    async advance(ms) {
      clock.advance(ms)
    },
    async intercept(scent) {
      return verdictForm(th.intercept(scent))
    },
    async neutralize(signature) {
      if (!th.quarantine.neutralize(signature)) return null
      const records = th.auditChain.export()
      return { ...records[records.length - 1]! }
    },
    async auditRecords() {
      return th.auditChain.export().map((r) => ({ ...r }))
    },
    async summary() {
      const { agent, quarantine, audit } = th.stats()
      return { stats: { agent: { ...agent }, quarantine, audit }, treeHead: th.treeHead() }
    },
  }
}
