/**
 * The executor output contract (conformance/README.md): one JSON line per case, then the tally.
 * A case is judged (want vs got) or crashed: an exception the implementation does not document
 * for bad input is a failure of the implementation, whatever the vector expected.
 */

import { isDeepStrictEqual } from 'node:util'

export interface CaseResult {
  case: string
  ok: boolean
  want?: unknown
  got?: unknown
  /** The unexpected exception, when the implementation crashed on this case. */
  crash?: string
}

export function judge(id: string, want: unknown, got: unknown): CaseResult {
  if (isDeepStrictEqual(want, got)) return { case: id, ok: true }
  return { case: id, ok: false, want, got }
}

export function crashed(id: string, error: unknown): CaseResult {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  return { case: id, ok: false, crash: text }
}

type ErrorClass = abstract new (...args: never[]) => Error

/** What a check answered: the implementation accepted, or refused with one of its documented errors. */
export type Answer = 'valid' | 'invalid'

/**
 * Runs a check that answers true/false, or refuses its input by throwing one of `rejections`
 * (the errors its API documents for bad input). Any other exception propagates: it is a crash.
 */
export function answer(check: () => boolean, rejections: ErrorClass[]): Answer {
  try {
    return check() ? 'valid' : 'invalid'
  } catch (error) {
    if (rejections.some((r) => error instanceof r)) return 'invalid'
    throw error
  }
}

/** The result of one case: `run` judges it; an exception escaping `run` is a crash of this case. */
export async function runCase(id: string, run: () => CaseResult | Promise<CaseResult>): Promise<CaseResult> {
  try {
    return await run()
  } catch (error) {
    return crashed(id, error)
  }
}

/** Prints every result as it comes and the closing `N passed, N failed` line; returns the exit code. */
export async function report(results: AsyncIterable<CaseResult> | Iterable<CaseResult>): Promise<number> {
  let passed = 0
  let failed = 0
  for await (const r of results) {
    if (r.ok) passed++
    else failed++
    process.stdout.write(`${JSON.stringify(r)}\n`)
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`)
  return failed === 0 ? 0 : 1
}
