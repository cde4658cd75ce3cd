/** Wycheproof-style vector files (docs/spec/conformance-vectors.md): header, notes per flag, groups, tests numbered 1..N. */

export interface Note {
  bugType: 'BASIC' | 'EDGE_CASE' | 'CAN_OF_WORMS' | 'MALLEABILITY' | 'FORGERY' | 'FUNCTIONALITY'
  description: string
}

export interface TestDraft {
  comment: string
  flags: string[]
  result: 'valid' | 'invalid'
  [field: string]: unknown
}

export interface VectorTest extends TestDraft {
  tcId: number
}

export interface VectorGroup {
  type: string
  tests: VectorTest[]
  [field: string]: unknown
}

export interface VectorFile {
  suite: string
  schema: string
  numberOfTests: number
  header: string[]
  notes: Record<string, Note>
  testGroups: VectorGroup[]
}

export interface GroupDraft {
  type: string
  tests: TestDraft[]
  [field: string]: unknown
}

export function vectorFile(suite: string, header: string[], notes: Record<string, Note>, groups: GroupDraft[]): VectorFile {
  let tcId = 0
  const testGroups: VectorGroup[] = groups.map((g) => ({ ...g, tests: g.tests.map((t) => ({ tcId: ++tcId, ...t })) }))
  for (const g of testGroups) {
    for (const t of g.tests) {
      for (const flag of t.flags) if (!(flag in notes)) throw new Error(`${suite} tcId ${t.tcId}: flag ${flag} has no note`)
    }
  }
  return { suite, schema: `${suite}_test.schema.json`, numberOfTests: tcId, header, notes, testGroups }
}

/** Stable text: two-space JSON and a final newline, so a regenerated file diffs to nothing. */
export const vectorText = (file: VectorFile): string => JSON.stringify(file, null, 2) + '\n'
