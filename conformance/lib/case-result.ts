/** The executor output contract (conformance/README.md): one JSON line per case, then the tally. */

import { isDeepStrictEqual } from 'node:util'

export interface CaseResult {
  case: string
  ok: boolean
  want?: unknown
  got?: unknown
}

export const judge = (id: string, want: unknown, got: unknown): CaseResult =>
  isDeepStrictEqual(want, got) ? { case: id, ok: true } : { case: id, ok: false, want, got }

/** Prints every result as it comes and the closing `N passed, N failed` line; returns the exit code. */
export async function report(results: AsyncIterable<CaseResult> | Iterable<CaseResult>): Promise<number> {
  let passed = 0
  let failed = 0
  for await (const r of results) {
    r.ok ? passed++ : failed++
    process.stdout.write(JSON.stringify(r) + '\n')
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`)
  return failed === 0 ? 0 : 1
}
