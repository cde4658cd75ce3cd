/**
 * ts-client executor: intercept sequences through the TS client against the daemon in conformance
 * mode (TRACEHOUND_CONFORMANCE_ADDRESS); the other suites through the kernel the client ships.
 * Usage: TRACEHOUND_CONFORMANCE_ADDRESS=unix:///… tsx conformance/runners/ts-client/run.ts [vectors-dir]
 */

import { fileURLToPath } from 'node:url'
import { report } from '../../lib/case-result.js'
import { clientTarget } from '../../lib/client-target.js'
import { interceptCases } from '../../lib/intercept-cases.js'
import { auditCases, hmacCases, loadVectors, signatureCases } from '../../lib/kernel-cases.js'

const dir = process.argv[2] ?? fileURLToPath(new URL('../../vectors', import.meta.url))
const address = process.env.TRACEHOUND_CONFORMANCE_ADDRESS
if (!address) {
  process.stderr.write('TRACEHOUND_CONFORMANCE_ADDRESS is not set (npm run conformance starts the daemon and sets it)\n')
  process.exit(2)
}
const target = clientTarget(address)

async function* all() {
  yield* signatureCases(loadVectors(dir, 'signature'))
  yield* interceptCases(loadVectors(dir, 'intercept'), target)
  yield* auditCases(loadVectors(dir, 'audit'))
  yield* hmacCases(loadVectors(dir, 'hmac'))
}

process.exitCode = await report(all())
target.close()
