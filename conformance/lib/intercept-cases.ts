/** Runs intercept_test sequences against a target and judges each test as a whole. */

import { type CaseResult, judge } from './case-result.js'
import { type EngineSetup, type InterceptTarget, runSequence, type Step } from './intercept-sequence.js'
import type { VectorFile } from './vector-file.js'

export async function* interceptCases(file: VectorFile, target: InterceptTarget): AsyncGenerator<CaseResult> {
  for (const g of file.testGroups) {
    for (const t of g.tests) {
      const id = `intercept_test/${t.tcId}`
      const setup = { config: g.config, clockStart: g.clockStart, macKeys: g.macKeys, idSeed: t.idSeed } as EngineSetup
      const steps = (t.steps as (Step & { expected: unknown })[]).map(({ expected: _e, ...s }) => s as Step)
      const want = { steps: (t.steps as { expected: unknown }[]).map((s) => s.expected), final: t.final }
      try {
        yield judge(id, want, await runSequence(target, setup, steps))
      } catch (error) {
        yield { case: id, ok: false, want: 'a completed sequence', got: String(error) }
      }
    }
  }
}
