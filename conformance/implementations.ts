/**
 * Every implementation `npm run conformance` knows. `detect` returns null when the toolchain is
 * present, else the reason it is SKIPPED. Client executors get the conformance daemon's address
 * in TRACEHOUND_CONFORMANCE_ADDRESS.
 */

import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

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
  {
    name: 'python',
    command: ['sdks/python/.venv/bin/python', 'conformance/runners/python/run.py'],
    needsDaemon: true,
    // The venv is made by sdks/python/test.sh (npm test runs it before the conformance table).
    detect: () =>
      toolchain('python3', ['--version']) ??
      (existsSync('sdks/python/.venv/bin/python')
        ? toolchain('sdks/python/.venv/bin/python', ['-c', 'import grpc, google.protobuf, tracehound']) &&
          'the venv sdks/python/.venv lacks grpcio, protobuf or tracehound (run: bash sdks/python/test.sh)'
        : 'no venv at sdks/python/.venv (bash sdks/python/test.sh makes it; it needs PyPI)'),
  },
  {
    name: 'go',
    command: ['bash', 'conformance/runners/go/run.sh'],
    needsDaemon: true,
    // Builds sdks/go/cmd/conformance (go.mod needs Go >= 1.26; modules come from the Go proxy).
    detect: () => {
      try {
        const v = execFileSync('go', ['env', 'GOVERSION'], { encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'local' } }).trim()
        return Number(/^go1\.(\d+)/.exec(v)?.[1] ?? 0) >= 26 ? null : `${v || 'an unknown go'} found; sdks/go needs go1.26 or newer`
      } catch {
        return 'go not found or not working'
      }
    },
  },
  {
    name: 'java',
    // A single source file run by the java launcher: the executor is not part of the SDK's jar.
    command: ['java', '-cp', 'sdks/java/target/tracehound-client-all.jar', 'sdks/java/conformance/Executor.java'],
    needsDaemon: true,
    // The jar is built by sdks/java/test.sh (mvn -B verify; npm test runs it before the conformance table).
    detect: () =>
      (toolchain('java', ['-version']) && 'java (17+) not found or not working') ??
      (existsSync('sdks/java/target/tracehound-client-all.jar')
        ? null
        : 'no sdks/java/target/tracehound-client-all.jar (bash sdks/java/test.sh builds it with mvn; it needs Maven Central)'),
  },
]
