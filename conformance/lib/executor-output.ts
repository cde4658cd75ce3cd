/**
 * Reads one executor's stdout against the runner's case list (conformance/README.md, "Executor
 * contract"). Every expected case gets exactly one outcome; anything the executor printed that is
 * not one result for one known case is a problem, reported with the line that caused it.
 */

import type { ExpectedCase } from './expected-cases.js'

export type CaseOutcome =
  | { kind: 'passed' }
  | { kind: 'failed'; detail: string }
  /** The executor hit an exception the implementation does not document for bad input. */
  | { kind: 'crashed'; detail: string }
  | { kind: 'missing' }
  | { kind: 'duplicate'; detail: string }

export interface ExecutorOutput {
  /** One entry per expected case, in the vector files' order. */
  outcomes: Map<string, CaseOutcome>
  /** Lines that are not a result for a known case, a missing or wrong tally, a bad exit status. */
  problems: string[]
}

const TALLY = /^(\d+) passed, (\d+) failed$/
const MAX_SHOWN = 300

/** A printed line, shortened so that a huge stray line cannot flood the report. */
function quote(line: string): string {
  const text = line.length > MAX_SHOWN ? `${line.slice(0, MAX_SHOWN)}… (${line.length} chars)` : line
  return JSON.stringify(text)
}

interface ResultLine {
  case: string
  ok: boolean
  want?: unknown
  got?: unknown
  crash?: string
}

/** The line as a result, or why it is not one. */
function parseResult(line: string): ResultLine | string {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    return 'not JSON'
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'not a JSON object'
  const r = value as Record<string, unknown>
  if (typeof r.case !== 'string') return 'no "case" string'
  if (typeof r.ok !== 'boolean') return 'no "ok" boolean'
  if (r.crash !== undefined && typeof r.crash !== 'string') return '"crash" is not a string'
  return r as unknown as ResultLine
}

function outcomeOf(r: ResultLine): CaseOutcome {
  if (r.crash !== undefined) return { kind: 'crashed', detail: r.crash.slice(0, MAX_SHOWN) }
  if (r.ok) return { kind: 'passed' }
  return { kind: 'failed', detail: `want ${JSON.stringify(r.want)} got ${JSON.stringify(r.got)}`.slice(0, 400) }
}

/**
 * `exitCode` is the executor's exit status (null when a signal ended it); `stderr` is shown when
 * the closing tally is missing, since that usually means the executor died.
 */
export function readExecutorOutput(stdout: string, expected: ExpectedCase[], exitCode: number | null, stderr: string): ExecutorOutput {
  const outcomes = new Map<string, CaseOutcome>(expected.map((c) => [c.id, { kind: 'missing' }]))
  const problems: string[] = []
  const lines = stdout.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  const last = lines.length - 1
  const tally = last >= 0 ? TALLY.exec(lines[last]!) : null
  let printedPassed = 0
  let printedFailed = 0

  for (let i = 0; i < lines.length; i++) {
    if (i === last && tally) continue
    const line = lines[i]!
    const r = parseResult(line)
    if (typeof r === 'string') {
      problems.push(`unparseable line ${i + 1} (${r}): ${quote(line)}`)
      continue
    }
    const current = outcomes.get(r.case)
    if (current === undefined) {
      problems.push(`line ${i + 1} reports ${quote(r.case)}, which is not a case of the vectors`)
      continue
    }
    if (r.ok && r.crash === undefined) printedPassed++
    else printedFailed++
    if (current.kind === 'missing') outcomes.set(r.case, outcomeOf(r))
    else outcomes.set(r.case, { kind: 'duplicate', detail: `a second result on line ${i + 1}` })
  }

  if (!tally) {
    problems.push(`no closing "N passed, N failed" line (exit ${exitCode}); stderr: ${stderr.trim().slice(-500) || '(empty)'}`)
  } else {
    if (Number(tally[1]) !== printedPassed || Number(tally[2]) !== printedFailed) {
      problems.push(`closing line says "${lines[last]}" but the result lines hold ${printedPassed} passed, ${printedFailed} failed`)
    }
    const wantExit = printedFailed > 0 ? 1 : 0
    if (exitCode !== wantExit) problems.push(`exit status ${exitCode}, expected ${wantExit} for what it printed`)
  }
  return { outcomes, problems }
}

/** `hmac_test/1`, `hmac_test/3-7`: consecutive tcIds of a suite as ranges, so a dropped suite is one line. */
export function caseRanges(ids: string[]): string[] {
  const out: string[] = []
  let start: { suite: string; tcId: number } | undefined
  let end = 0
  const flush = () => {
    if (start) out.push(start.tcId === end ? `${start.suite}/${end}` : `${start.suite}/${start.tcId}-${end}`)
  }
  for (const id of ids) {
    const [suite, n] = id.split('/') as [string, string]
    const tcId = Number(n)
    if (start && start.suite === suite && tcId === end + 1) {
      end = tcId
      continue
    }
    flush()
    start = { suite, tcId }
    end = tcId
  }
  flush()
  return out
}
