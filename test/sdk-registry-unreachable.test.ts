/**
 * Each sdks/<lang>/test.sh with its package registry made unreachable must say so
 * ("SKIPPED: <lang> (…unreachable…)", exit 0) instead of failing: Go with GOPROXY=off and an empty
 * module cache, Python with the index on a closed local port and a fresh venv, Java with Maven
 * offline, an empty settings file and an empty local repository. Runs one after the other (they
 * share .tools/); every failure mode is immediate (closed port, offline), so no wall-clock bound
 * beyond the hang guard.
 */

import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = new URL('..', import.meta.url).pathname
const has = (bin: string) => spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0

function run(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  const child = spawn('bash', [join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { ...process.env, TRACEHOUND_MEMORY: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (out += d))
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, out })))
}

/** A local port with nothing listening: connections are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe.sequential('SDK test scripts with the registry unreachable', () => {
  it.runIf(has('go'))(
    'go: GOPROXY=off and an empty module cache → SKIPPED',
    async () => {
      const r = await run('sdks/go/test.sh', [], {
        GOPROXY: 'off',
        GOMODCACHE: mkdtempSync(join(tmpdir(), 'th-gomod-')),
        GOFLAGS: '-mod=mod',
      })
      expect(r.code, r.out).toBe(0)
      expect(r.out).toMatch(/^SKIPPED: go \(module proxy unreachable: .*GOPROXY=off/m)
    },
    300_000,
  )

  it.runIf(has('python3'))(
    'python: the index on a closed port and a fresh venv → SKIPPED',
    async () => {
      const port = await closedPort()
      const r = await run('sdks/python/test.sh', [], {
        TRACEHOUND_PY_VENV: join(mkdtempSync(join(tmpdir(), 'th-pyvenv-')), 'venv'),
        PIP_INDEX_URL: `http://127.0.0.1:${port}/simple`,
        PIP_RETRIES: '1', // one retry: pip only names the refused connection when it retries
        PIP_NO_CACHE_DIR: '1',
        PIP_FIND_LINKS: '',
      })
      expect(r.code, r.out).toBe(0)
      expect(r.out).toMatch(/^SKIPPED: python \(.*unreachable: .*(Connection refused|Failed to establish a new connection)/m)
    },
    300_000,
  )

  it.runIf(has('mvn') && has('java'))(
    'java: Maven offline with an empty settings file and local repository → SKIPPED',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'th-m2-'))
      writeFileSync(
        join(dir, 'settings.xml'),
        `<settings><offline>true</offline><localRepository>${dir}/repository</localRepository></settings>\n`,
      )
      const r = await run('sdks/java/test.sh', ['-o', '-s', join(dir, 'settings.xml'), `-Dmaven.repo.local=${dir}/repository`], {})
      expect(r.code, r.out).toBe(0)
      expect(r.out).toMatch(/^SKIPPED: java \(Maven Central unreachable: .*offline mode/m)
    },
    300_000,
  )
})
