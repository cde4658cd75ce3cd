/**
 * Writes conformance/vectors/*.json from the TS reference engine.
 * `--check` regenerates in memory and fails on any difference: vectors are frozen, and a change to an
 * expected value must be a reviewed diff, never a silent regeneration (docs/spec/conformance-vectors.md).
 */

import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { vectorText } from '../lib/vector-file.js'
import { auditSuite } from './audit-suite.js'
import { hmacSuite } from './hmac-suite.js'
import { interceptSuite } from './intercept-suite.js'
import { signatureSuite } from './signature-suite.js'

const dir = fileURLToPath(new URL('../vectors/', import.meta.url))

export async function generateAll(): Promise<Record<string, string>> {
  return {
    'signature_test.json': vectorText(signatureSuite()),
    'intercept_test.json': vectorText(await interceptSuite()),
    'audit_test.json': vectorText(auditSuite()),
    'hmac_test.json': vectorText(hmacSuite()),
  }
}

async function main() {
  const check = process.argv.includes('--check')
  const files = await generateAll()
  let stale = 0
  for (const [name, text] of Object.entries(files)) {
    const count = JSON.parse(text).numberOfTests
    if (check) {
      const current = await readFile(dir + name, 'utf8').catch(() => '')
      const same = current === text
      if (!same) stale++
      console.log(`${same ? 'ok   ' : 'STALE'} ${name} (${count} tests)`)
    } else {
      await writeFile(dir + name, text)
      console.log(`wrote ${name} (${count} tests)`)
    }
  }
  if (stale) {
    console.error(
      `${stale} vector file(s) differ from what the generator produces: review the engine change, then run npm run vectors:generate`,
    )
    process.exit(1)
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()
