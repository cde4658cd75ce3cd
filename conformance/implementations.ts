/**
 * Every implementation `npm run conformance` knows. `detect` returns null when the toolchain is
 * present, else the reason it is SKIPPED. Client executors get the conformance daemon's address
 * in TRACEHOUND_CONFORMANCE_ADDRESS.
 */

import { execFileSync } from 'node:child_process'

export interface Implementation {
  name: string
  command: string[]
  needsDaemon: boolean
  detect(): string | null
}

/** null when `cmd args…` runs, else why not. */
export function toolchain(cmd: string, args: string[]): string | null {
  try {
    execFileSync(cmd, args, { stdio: 'ignore', timeout: 30_000 })
    return null
  } catch {
    return `${cmd} not found or not working`
  }
}

const tsx = 'node_modules/.bin/tsx'

export const implementations: Implementation[] = [
  {
    name: 'ts-embedded',
    command: [tsx, 'conformance/runners/ts-embedded/run.ts'],
    needsDaemon: false,
    detect: () => null,
  },
  {
    name: 'ts-client',
    command: [tsx, 'conformance/runners/ts-client/run.ts'],
    needsDaemon: true,
    detect: () => null,
  },
]
