/** Runs intercept_test sequences against a target and judges each test as a whole. */

import { type CaseResult, judge, runCase } from './case-result.js'
import { type EngineSetup, type InterceptTarget, runSequence, type Step } from './intercept-sequence.js'
import type { VectorFile } from './vector-file.js'

type VectorStep = Step & { expected: unknown }

export async function* interceptCases(file: VectorFile, target: InterceptTarget): AsyncGenerator<CaseResult> {
  for (const group of file.testGroups) {
    for (const t of group.tests) {
      const id = `intercept_test/${t.tcId}`
      const setup = { config: group.config, clockStart: group.clockStart, macKeys: group.macKeys, idSeed: t.idSeed } as EngineSetup
      const vectorSteps = t.steps as VectorStep[]
      const steps = vectorSteps.map(({ expected: _expected, ...step }) => step as Step)
      const want = { steps: vectorSteps.map((s) => s.expected), final: t.final }
      // A verdict of status "error" is an answer the sequence compares; a thrown exception is a crash.
      yield runCase(id, async () => judge(id, want, await runSequence(target, setup, steps)))
    }
  }
}
