/** intercept_test.json: scent sequences on a manual clock with seeded ids (docs/spec/intercept.md, docs/determinism.md). */

import { createSeededRandom, type Scent, type Severity, type ThreatCategory } from '../../src/core/index.js'
import { signature as kernelSignature } from '../../src/core/kernel/index.js'
import { embeddedTarget } from '../lib/embedded-target.js'
import { type EngineSetup, runSequence, type Step } from '../lib/intercept-sequence.js'
import { encodeSpecial } from '../lib/special-values.js'
import { type GroupDraft, type TestDraft, vectorFile } from '../lib/vector-file.js'

const notes = {
  Clean: { bugType: 'BASIC', description: 'No threat signal: clean, and the payload is not inspected.' },
  Quarantine: { bugType: 'BASIC', description: 'A threat is captured: quarantined with a handle.' },
  Duplicate: { bugType: 'FUNCTIONALITY', description: 'Same signature again: ignored; the first severity stays.' },
  PayloadLimit: { bugType: 'EDGE_CASE', description: 'Canonical size over maxPayloadSize: payload_too_large; equal is allowed.' },
  Serialization: { bugType: 'FUNCTIONALITY', description: 'NaN/±Infinity with a threat: error AGENT_SERIALIZATION_FAILED.' },
  RateLimit: {
    bugType: 'FUNCTIONALITY',
    description: 'Sliding log per source; retryAfter = oldest + windowMs - now; rejected hits not recorded.',
  },
  RateLimitBlock: { bugType: 'FUNCTIONALITY', description: 'At the limit with blockDurationMs > 0: blocked; retryAfter counts down.' },
  WindowEdge: { bugType: 'EDGE_CASE', description: 'A hit exactly windowMs old has expired.' },
  Eviction: {
    bugType: 'FUNCTIONALITY',
    description: 'Over maxCount/maxBytes: evict lowest severity, then oldest captured, then first inserted; each eviction is audited.',
  },
  SelfEviction: { bugType: 'EDGE_CASE', description: 'An item that evicts itself is still quarantined, with a disposed handle.' },
  Neutralize: { bugType: 'FUNCTIONALITY', description: 'Neutralize on demand appends an audit record; unknown signatures answer null.' },
  Mac: { bugType: 'FUNCTIONALITY', description: 'A MAC key is configured: the final tree head carries kid and mac.' },
  Random: { bugType: 'FUNCTIONALITY', description: 'A seeded random mix of every kind of step.' },
  Depth: {
    bugType: 'EDGE_CASE',
    description:
      'Nesting up to 512 levels is evidence; 513 levels (arrays or objects) is payload_too_large, a blocking verdict, never error.',
  },
  Identity: {
    bugType: 'CAN_OF_WORMS',
    description:
      'What the embedded engine signs, every client signs the same through the daemon: lone surrogates, "__proto__" keys, every number form.',
  },
  AnyField: {
    bugType: 'EDGE_CASE',
    description: 'Long ids and sources, an empty source, negative timestamps: judged as the embedded engine does, never refused.',
  },
} as const

const CLOCK_START = 1_700_000_000_000
const KEY = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f'

type Config = EngineSetup['config']
const config = (over: Partial<{ maxPayloadSize: number } & Config['quarantine'] & Config['rateLimit']>): Config => ({
  maxPayloadSize: over.maxPayloadSize ?? 1000,
  quarantine: { maxCount: over.maxCount ?? 100, maxBytes: over.maxBytes ?? 100_000 },
  rateLimit: { windowMs: over.windowMs ?? 60_000, maxRequests: over.maxRequests ?? 100, blockDurationMs: over.blockDurationMs ?? 300_000 },
})

let scentNo = 0
function scent(payload: unknown, threat?: [ThreatCategory, Severity], opts: { source?: string; at?: number; id?: string } = {}): Scent {
  scentNo++
  return {
    id: opts.id ?? `scent-${scentNo}`,
    payload: encodeSpecial(payload) as Scent['payload'],
    source: opts.source ?? 'src-a',
    timestamp: opts.at ?? CLOCK_START + scentNo,
    ...(threat && { threat: { category: threat[0], severity: threat[1] } }),
  }
}
const step = (s: Scent, advanceMs = 0): Step => (advanceMs ? { advanceMs, scent: s } : { scent: s })
const sigOf = (category: string, payload: unknown) => kernelSignature(category, payload)

interface Scenario {
  comment: string
  flags: string[]
  steps: Step[]
}

function handcrafted(): Record<string, { config: Config; macKeys?: EngineSetup['macKeys']; scenarios: Scenario[] }> {
  const basic: Scenario[] = [
    { comment: 'a scent without threat is clean', flags: ['Clean'], steps: [step(scent({ path: '/' }))] },
    { comment: 'clean does not inspect the payload (NaN is fine)', flags: ['Clean'], steps: [step(scent({ v: NaN }))] },
    ...(['injection', 'ddos', 'flood', 'spam', 'malware', 'unknown'] as const).map((c, i) => ({
      comment: `a ${c} threat is quarantined`,
      flags: ['Quarantine'],
      steps: [step(scent({ attack: c, n: i }, [c, (['low', 'medium', 'high', 'critical'] as const)[i % 4]!]))],
    })),
    {
      comment: 'the same payload again is ignored, whatever the key order',
      flags: ['Duplicate'],
      steps: [step(scent({ b: 2, a: 1 }, ['injection', 'high'])), step(scent({ a: 1, b: 2 }, ['injection', 'high']), 5)],
    },
    {
      comment: 'a duplicate with higher severity does not upgrade the first capture',
      flags: ['Duplicate'],
      steps: [step(scent('x', ['spam', 'low'])), step(scent('x', ['spam', 'critical'])), { neutralize: sigOf('spam', 'x') }],
    },
    {
      comment: 'the same payload under another category is a new signature',
      flags: ['Quarantine', 'Duplicate'],
      steps: [step(scent('p', ['spam', 'low'])), step(scent('p', ['malware', 'low'])), step(scent('p', ['spam', 'high']))],
    },
    {
      comment: 'NaN with a threat is a serialization error',
      flags: ['Serialization'],
      steps: [step(scent({ v: NaN }, ['injection', 'high']))],
    },
    {
      comment: 'Infinity and -Infinity with a threat are serialization errors',
      flags: ['Serialization'],
      steps: [step(scent([Infinity], ['ddos', 'low'])), step(scent({ a: { b: -Infinity } }, ['ddos', 'low']))],
    },
    {
      comment: 'neutralize on demand, then again (null), then an unknown signature (null)',
      flags: ['Neutralize'],
      steps: [
        step(scent('n1', ['malware', 'high'])),
        { advanceMs: 10, neutralize: sigOf('malware', 'n1') },
        { neutralize: sigOf('malware', 'n1') },
        { neutralize: 'malware:' + '0'.repeat(64) },
      ],
    },
    {
      comment: 'after neutralize the same payload is captured again',
      flags: ['Neutralize', 'Quarantine'],
      steps: [step(scent('again', ['spam', 'low'])), { neutralize: sigOf('spam', 'again') }, step(scent('again', ['spam', 'medium']), 1)],
    },
  ]
  const small: Scenario[] = [
    {
      comment: 'maxPayloadSize 10: "abcdefgh" (10 bytes with quotes) is allowed, 11 bytes is too large',
      flags: ['PayloadLimit'],
      steps: [step(scent('abcdefgh', ['spam', 'low'])), step(scent('abcdefghi', ['spam', 'low']), 400)],
    },
    {
      comment: 'payload size counts UTF-8 bytes, not characters',
      flags: ['PayloadLimit'],
      steps: [step(scent('éééé', ['spam', 'low'])), step(scent('ééééé', ['spam', 'low']), 600)],
    },
    {
      comment: 'too large is checked only with a threat',
      flags: ['PayloadLimit', 'Clean'],
      steps: [step(scent('a very long payload indeed'))],
    },
    {
      comment: 'two allowed, a third 300 ms later rejected with retryAfter 700, allowed exactly 1000 ms after the first',
      flags: ['RateLimit', 'WindowEdge'],
      steps: [step(scent(1)), step(scent(2)), step(scent(3), 300), step(scent(4), 700)],
    },
    {
      comment: 'rejected hits are not recorded',
      flags: ['RateLimit'],
      steps: [step(scent(1)), step(scent(2), 100), step(scent(3), 100), step(scent(4), 800), step(scent(5), 1), step(scent(6), 99)],
    },
    {
      comment: 'rate limiting applies to threats before anything else',
      flags: ['RateLimit'],
      steps: [step(scent(1)), step(scent(2)), step(scent('t', ['spam', 'critical']), 10)],
    },
    {
      comment: 'sources are limited independently',
      flags: ['RateLimit'],
      steps: [
        step(scent(1, undefined, { source: 'a' })),
        step(scent(2, undefined, { source: 'a' })),
        step(scent(3, undefined, { source: 'a' })),
        step(scent(4, undefined, { source: 'b' })),
      ],
    },
  ]
  const evict2: Scenario[] = [
    {
      comment: 'high, low, medium with maxCount 2: low is evicted and audited',
      flags: ['Eviction'],
      steps: [step(scent('h', ['ddos', 'high'])), step(scent('l', ['ddos', 'low']), 1), step(scent('m', ['ddos', 'medium']), 1)],
    },
    {
      comment: 'same severity: the oldest captured goes first, not the first inserted',
      flags: ['Eviction'],
      steps: [
        step(scent('late', ['spam', 'low'], { at: CLOCK_START + 500 })),
        step(scent('early', ['spam', 'low'], { at: CLOCK_START + 100 }), 1),
        step(scent('new', ['spam', 'low'], { at: CLOCK_START + 900 }), 1),
      ],
    },
    {
      comment: 'same severity and captured: the first inserted goes first',
      flags: ['Eviction'],
      steps: [
        step(scent('a', ['spam', 'low'], { at: CLOCK_START })),
        step(scent('b', ['spam', 'low'], { at: CLOCK_START }), 1),
        step(scent('c', ['spam', 'low'], { at: CLOCK_START }), 1),
      ],
    },
    {
      comment: 'a low item arriving when two critical items fill the quarantine evicts itself',
      flags: ['SelfEviction', 'Eviction'],
      steps: [
        step(scent('c1', ['malware', 'critical'])),
        step(scent('c2', ['malware', 'critical']), 1),
        step(scent('weak', ['malware', 'low']), 1),
      ],
    },
  ]
  const block: Scenario[] = [
    {
      comment: 'at the limit the source is blocked for blockDurationMs, retryAfter counts down, then it is free',
      flags: ['RateLimitBlock'],
      steps: [step(scent(1)), step(scent(2)), step(scent(3), 10), step(scent(4), 2000), step(scent(5), 2999), step(scent(6), 1)],
    },
    {
      comment: 'a blocked source blocks threats too; other sources are untouched',
      flags: ['RateLimitBlock'],
      steps: [
        step(scent(1)),
        step(scent(2)),
        step(scent(3)),
        step(scent('t', ['spam', 'high']), 1),
        step(scent('t', ['spam', 'high'], { source: 'other' }), 1),
      ],
    },
  ]
  const bytes: Scenario[] = [
    {
      comment: 'maxBytes 64: a third item evicts by bytes, not count',
      flags: ['Eviction'],
      steps: [
        step(scent('a'.repeat(20), ['flood', 'medium'])),
        step(scent('b'.repeat(20), ['flood', 'high']), 1),
        step(scent('c'.repeat(20), ['flood', 'high']), 1),
      ],
    },
    {
      comment: 'one large item evicts several small ones',
      flags: ['Eviction'],
      steps: [
        step(scent('s1', ['flood', 'low'])),
        step(scent('s2', ['flood', 'low']), 1),
        step(scent('s3', ['flood', 'medium']), 1),
        step(scent('L'.repeat(56), ['flood', 'critical']), 1),
      ],
    },
    {
      comment: 'an item larger than maxBytes evicts itself at once',
      flags: ['SelfEviction'],
      steps: [step(scent('keep', ['flood', 'low'])), step(scent('x'.repeat(80), ['flood', 'critical']), 1)],
    },
  ]
  const mac: Scenario[] = [
    {
      comment: 'a MAC key signs the tree head after evictions',
      flags: ['Mac', 'Eviction'],
      steps: [1, 2, 3, 4, 5].map((i) => step(scent({ i }, ['injection', (['low', 'medium', 'high'] as const)[i % 3]!]), 3)),
    },
    {
      comment: 'a MAC key signs the empty tree head',
      flags: ['Mac', 'Clean'],
      steps: [step(scent('nothing'))],
    },
  ]
  return {
    basic: { config: config({}), scenarios: basic },
    small: {
      config: config({ maxPayloadSize: 10, maxCount: 2, maxBytes: 1000, windowMs: 1000, maxRequests: 2, blockDurationMs: 0 }),
      scenarios: small,
    },
    evict2: { config: config({ maxCount: 2 }), scenarios: evict2 },
    block: { config: config({ windowMs: 1000, maxRequests: 2, blockDurationMs: 5000 }), scenarios: block },
    bytes: { config: config({ maxBytes: 64 }), scenarios: bytes },
    mac: { config: config({ maxCount: 3 }), macKeys: [{ kid: 'k1', key: KEY }], scenarios: mac },
  }
}

/**
 * The wire's hard cases, run through every client and the daemon: the 512-level boundary, lone
 * surrogates, "__proto__", number forms, fields of any length. Appended after the random group, so
 * the earlier tests keep their tcIds, ids and expected values. At most 3 hits per source.
 */
function identityScenarios(): Scenario[] {
  let n = 0
  const own = () => ({ source: `identity-${++n}` })
  const nest = (depth: number, wrap: (v: unknown) => unknown) => {
    let v: unknown = `core-${depth}`
    for (let i = 0; i < depth; i++) v = wrap(v)
    return v
  }
  const asArray = (v: unknown) => [v]
  const asObject = (v: unknown) => ({ k: v })
  return [
    {
      comment: 'arrays nested 511, 512 and 513 deep: quarantined, quarantined, payload_too_large',
      flags: ['Depth'],
      steps: [511, 512, 513].map((d) => step(scent(nest(d, asArray), ['injection', 'high']), 1)),
    },
    {
      comment: 'objects nested 511, 512 and 513 deep: quarantined, quarantined, payload_too_large',
      flags: ['Depth'],
      steps: [511, 512, 513].map((d) => step(scent(nest(d, asObject), ['injection', 'high']), 1)),
    },
    {
      comment: 'too deep is rate-limited first, like every threat',
      flags: ['Depth', 'RateLimit'],
      steps: [1, 2, 3]
        .map((n) => step(scent(n, undefined, { source: 'deep' })))
        .concat(step(scent(nest(513, asArray), ['ddos', 'low'], { source: 'deep' }))),
    },
    {
      comment: 'lone surrogates in values and keys are signed as \\udxxx escapes',
      flags: ['Identity'],
      steps: [
        step(scent('\ud800', ['spam', 'low'], own())),
        step(scent('abc\udbff', ['spam', 'low'], own())),
        step(scent('\udc00\ud800', ['spam', 'low'], own())),
        step(scent({ '\ud83d': 1, k: ['\udfff', '😀'] }, ['spam', 'low'], own())),
      ],
    },
    {
      comment: 'a "__proto__" key is data: signed with it, and differs from the payload without it',
      flags: ['Identity'],
      steps: [
        step(scent(JSON.parse('{"__proto__":{"x":1},"a":1}'), ['spam', 'low'])),
        step(scent({ a: 1 }, ['spam', 'low'])),
        step(scent(JSON.parse('{"a":1,"__proto__":{"x":1}}'), ['spam', 'high'])),
      ],
    },
    {
      comment: 'every number form: exponents, -0, subnormals, 2^53 and beyond, the largest double',
      flags: ['Identity'],
      steps: [
        step(
          scent([1e21, 1e-7, -0, 5e-324, 2 ** 53, 2 ** 53 + 2, 0.1 + 0.2, 1.7976931348623157e308, -1e-7, 123e-20], ['malware', 'medium']),
        ),
        step(scent({ '10': 1e20, '9': 1.5e-7, '01': 100, a: 4294967295 }, ['malware', 'medium'])),
      ],
    },
    {
      comment: 'a 5000-character id and source, an empty source, negative and huge timestamps: all judged',
      flags: ['AnyField'],
      steps: [
        step(scent({ f: 1 }, ['flood', 'low'], { source: 's'.repeat(5000), id: 'i'.repeat(5000) })),
        step(scent({ f: 2 }, ['flood', 'low'], { source: '' })),
        step(scent({ f: 3 }, ['flood', 'low'], { ...own(), at: -1 })),
        step(scent({ f: 4 }, ['flood', 'low'], { ...own(), at: -(2 ** 53) + 1 })),
        step(scent({ f: 5 }, ['flood', 'low'], { ...own(), at: 2 ** 53 - 1 })),
      ],
    },
  ]
}

/** Seeded mixes: every step kind, several sources, severities and clock jumps. */
function randomScenarios(count: number): Scenario[] {
  const rnd = createSeededRandom('intercept-random-scenarios')
  const pick = <T>(xs: readonly T[]) => xs[rnd(1)[0]! % xs.length]!
  const out: Scenario[] = []
  for (let n = 0; n < count; n++) {
    const steps: Step[] = []
    const used: string[] = []
    for (let i = 0; i < 16; i++) {
      const roll = rnd(1)[0]! % 10
      const advance = pick([0, 1, 50, 250, 999, 1000, 1500])
      if (roll === 0 && used.length > 0) {
        steps.push({ advanceMs: advance, neutralize: pick(used) })
        continue
      }
      const payload =
        roll < 3
          ? { q: pick(['a', 'b', 'c']) }
          : roll === 3
            ? { bad: NaN }
            : { n: rnd(1)[0]! % 4, pad: pick(['', 'x'.repeat(10), 'x'.repeat(40)]) }
      const threat: [ThreatCategory, Severity] | undefined =
        roll >= 2 ? [pick(['injection', 'spam', 'flood'] as const), pick(['low', 'medium', 'high', 'critical'] as const)] : undefined
      const s = scent(payload, threat, { source: pick(['s1', 's2', 's3']), at: CLOCK_START + (rnd(1)[0]! % 8) * 100 })
      if (threat && roll !== 3) used.push(sigOf(threat[0], payload))
      steps.push(step(s, advance))
    }
    out.push({ comment: `random sequence ${n + 1}`, flags: ['Random'], steps })
  }
  return out
}

async function toGroup(name: string, setup: Omit<EngineSetup, 'idSeed'>, scenarios: Scenario[], first: number): Promise<GroupDraft> {
  const tests: TestDraft[] = []
  for (const [i, sc] of scenarios.entries()) {
    const idSeed = `intercept-${name}-${first + i}`
    const run = await runSequence(embeddedTarget(), { ...setup, idSeed }, sc.steps)
    tests.push({
      comment: sc.comment,
      flags: sc.flags,
      idSeed,
      steps: sc.steps.map((s, j) => ({ ...s, expected: run.steps[j] })),
      final: run.final,
      result: 'valid',
    })
  }
  return { type: 'InterceptSequenceTest', name, ...setup, tests }
}

export async function interceptSuite() {
  scentNo = 0
  const groups: GroupDraft[] = []
  let count = 0
  for (const [name, g] of Object.entries(handcrafted())) {
    groups.push(await toGroup(name, { config: g.config, clockStart: CLOCK_START, macKeys: g.macKeys ?? [] }, g.scenarios, count))
    count += g.scenarios.length
  }
  const random = config({ maxPayloadSize: 40, maxCount: 4, maxBytes: 120, windowMs: 2000, maxRequests: 4, blockDurationMs: 1500 })
  groups.push(
    await toGroup('random', { config: random, clockStart: CLOCK_START, macKeys: [{ kid: 'rnd', key: KEY }] }, randomScenarios(32), count),
  )
  count += 32
  const identity = config({ maxPayloadSize: 1_000_000, maxRequests: 3 })
  groups.push(await toGroup('identity', { config: identity, clockStart: CLOCK_START, macKeys: [] }, identityScenarios(), count))
  return vectorFile(
    'intercept',
    [
      'Intercept sequences (docs/spec/intercept.md): each test resets a fresh engine with the group config, a manual clock at clockStart and ids seeded by idSeed (docs/determinism.md).',
      'A step first advances the clock by advanceMs, then intercepts its scent or neutralizes a signature.',
      'expected holds the verdict (error messages left out), the neutralized audit record (or null), and the audit records appended by the step.',
      'final holds the counters and the tree head after the last step.',
    ],
    notes,
    groups,
  )
}
