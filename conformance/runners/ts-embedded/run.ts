/**
 * ts-embedded executor: every vector through the embedded library and the TS verification kernel.
 * Usage: tsx conformance/runners/ts-embedded/run.ts [vectors-dir]
 */

import { fileURLToPath } from 'node:url'
import { report } from '../../lib/case-result.js'
import { embeddedTarget } from '../../lib/embedded-target.js'
import { interceptCases } from '../../lib/intercept-cases.js'
import { auditCases, hmacCases, loadVectors, signatureCases } from '../../lib/kernel-cases.js'

const dir = process.argv[2] ?? fileURLToPath(new URL('../../vectors', import.meta.url))

async function* all() {
  yield* signatureCases(loadVectors(dir, 'signature'))
  yield* interceptCases(loadVectors(dir, 'intercept'), embeddedTarget())
  yield* auditCases(loadVectors(dir, 'audit'))
  yield* hmacCases(loadVectors(dir, 'hmac'))
}

process.exitCode = await report(all())
