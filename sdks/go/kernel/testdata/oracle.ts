// Differential oracle for the Go kernel's tests: reads one JSON text per line and prints the
// lowercase hex of its TH-CJSON-1 bytes from the TS reference kernel, or "refused".
import { createInterface } from 'node:readline'
import { canonicalBytes } from '../../../../src/core/kernel/index.js'

for await (const line of createInterface({ input: process.stdin })) {
  let out: string
  try {
    out = Buffer.from(canonicalBytes(JSON.parse(line))).toString('hex')
  } catch {
    out = 'refused'
  }
  process.stdout.write(out + '\n')
}
