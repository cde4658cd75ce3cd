/**
 * The case list, as the runner owns it: every tcId of every vector file, read by the runner itself,
 * so an executor that skips a suite or a test cannot pass by saying nothing about it.
 */

import { readFileSync } from 'node:fs'
import type { VectorFile } from './vector-file.js'

export const SUITES = ['signature', 'intercept', 'audit', 'hmac'] as const
export type Suite = (typeof SUITES)[number]

export interface ExpectedCase {
  /** `<suite>_test/<tcId>`, the name an executor reports the case under. */
  id: string
  suite: Suite
  tcId: number
}

export function expectedCases(vectorsDir: string): ExpectedCase[] {
  const cases: ExpectedCase[] = []
  for (const suite of SUITES) {
    const file = JSON.parse(readFileSync(`${vectorsDir}/${suite}_test.json`, 'utf8')) as VectorFile
    for (const group of file.testGroups) {
      for (const test of group.tests) {
        cases.push({ id: `${suite}_test/${test.tcId}`, suite, tcId: test.tcId })
      }
    }
  }
  return cases
}
