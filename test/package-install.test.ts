/**
 * The npm package as a user gets it: `npm pack` (prepack builds dist/ with tsc), installed into an
 * empty folder, then only plain `node` and `npx`: the tracehoundd and tracehound bins, and the two
 * TS examples (embedded library + kernel, client + kernel) against the installed daemon.
 *
 * Offline: the install uses the npm cache (`--offline`, then `--prefer-offline` if the cache lacks
 * metadata). Without cache and registry it fails with npm's ENOTCACHED/network error, printed.
 * better-sqlite3's native build (4 minutes from source here) is not what this tests: the install
 * runs with --ignore-scripts and reuses the repository's compiled binding of the same version.
 */

import { type ChildProcess, spawn } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = new URL('..', import.meta.url).pathname
const work = mkdtempSync(join(tmpdir(), 'th-pkg-'))
const app = join(work, 'app')
const sandbox = join(work, 'tmp') // TMPDIR of the daemon and the examples: the default socket lives here
const uid = process.getuid?.()
// No tsx, no XDG_RUNTIME_DIR, no TRACEHOUND_*: what a fresh shell has.
const env: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !k.startsWith('TRACEHOUND_') && k !== 'XDG_RUNTIME_DIR' && k !== 'NODE_OPTIONS'),
)
env.TMPDIR = sandbox

function run(
  cmd: string,
  args: string[],
  cwd: string,
  timeoutMs = 120_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => (stderr += d))
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    }),
  )
}

let daemon: ChildProcess | undefined

beforeAll(async () => {
  mkdirSync(app)
  mkdirSync(sandbox)
  const pack = await run('npm', ['pack', '--json', '--pack-destination', work], ROOT)
  expect(pack.code, pack.stderr).toBe(0)
  const [{ filename, files }] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as [{ filename: string; files: { path: string }[] }]
  const shipped = files.map((f) => f.path)
  // The files list: compiled code and the schema, never sources, tests, SDKs or vectors.
  expect(shipped).toContain('dist/index.js')
  expect(shipped).toContain('dist/index.d.ts')
  expect(shipped).toContain('dist/cli/tracehoundd.js')
  expect(
    shipped.filter((p) => !/^(dist\/|proto\/|package\.json$|README\.md$|LICENSE)/.test(p) || /\.test\.|\.ts$(?<!\.d\.ts)/.test(p)),
  ).toEqual([])

  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }))
  const install = ['install', '--ignore-scripts', '--no-audit', '--no-fund', join(work, filename)]
  let r = await run('npm', [...install, '--offline'], app, 180_000)
  if (r.code !== 0 && /ENOTCACHED/.test(r.stderr)) r = await run('npm', [...install, '--prefer-offline'], app, 300_000)
  expect(r.code, r.stderr).toBe(0)

  const repoSqlite = JSON.parse(readFileSync(join(ROOT, 'node_modules/better-sqlite3/package.json'), 'utf8')) as { version: string }
  const appSqlite = JSON.parse(readFileSync(join(app, 'node_modules/better-sqlite3/package.json'), 'utf8')) as { version: string }
  expect(appSqlite.version).toBe(repoSqlite.version)
  mkdirSync(join(app, 'node_modules/better-sqlite3/build/Release'), { recursive: true })
  copyFileSync(
    join(ROOT, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'),
    join(app, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'),
  )
  for (const f of ['ts-embedded.mjs', 'ts-client.mjs']) copyFileSync(join(ROOT, 'examples', f), join(app, f))
}, 600_000)

afterAll(async () => {
  if (daemon && daemon.exitCode === null && daemon.signalCode === null) {
    const exited = new Promise((resolve) => daemon!.once('exit', resolve))
    process.kill(-daemon.pid!, 'SIGTERM')
    await exited
  }
})

describe('npm pack → npm install → plain node', () => {
  it('installs only runtime dependencies: no tsx, typescript or test tools', () => {
    expect(readdirSync(join(app, 'node_modules'))).toContain('better-sqlite3')
    for (const dev of ['tsx', 'typescript', 'vitest', 'esbuild', '@bufbuild/buf', 'fast-check']) {
      expect(existsSync(join(app, 'node_modules', dev)), dev).toBe(false)
    }
  })

  it('npx tracehoundd --print-socket prints the default rule', async () => {
    const r = await run('npx', ['--offline', 'tracehoundd', '--print-socket'], app)
    expect(r).toMatchObject({ code: 0, stdout: `${sandbox}/tracehound-${uid}/tracehoundd.sock\n` })
  })

  it('npx tracehoundd serves; the TS client example finds it with no path; npx tracehound audit export | verify', async () => {
    const dataDir = join(work, 'state')
    // Its own process group: npx does not pass SIGTERM on to the node it starts, so the group is signalled.
    daemon = spawn('npx', ['--offline', 'tracehoundd', '--data-dir', dataDir], {
      cwd: app,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    let stderr = ''
    daemon.stderr!.on('data', (d) => (stderr += d))
    const exited = new Promise<void>((resolve) => daemon!.once('exit', () => resolve()))
    await new Promise<void>((resolve, reject) => {
      void exited.then(() => reject(new Error(`tracehoundd exited: ${stderr}`)))
      createInterface({ input: daemon!.stdout! }).on('line', (line) => {
        if (line.includes('"msg":"listening"')) resolve()
      })
    })

    const client = await run(process.execPath, ['ts-client.mjs'], app)
    expect(client.code, client.stdout + client.stderr).toBe(0)
    // The audit log holds the capture (leaf 0) and the neutralization (leaf 1).
    expect(client.stdout).toMatch(/^quarantined \n+audit record 1 verified: true\n\{"totalIntercepts":1,/)

    process.kill(-daemon.pid!, 'SIGTERM')
    await exited
    const exported = await run(
      'npx',
      ['--offline', 'tracehound', 'audit', 'export', '--data-dir', dataDir, '-o', join(work, 'audit.jsonl')],
      app,
    )
    expect(exported.code, exported.stderr).toBe(0)
    expect(exported.stderr).toContain('exported 2 audit records')
    const verified = await run('npx', ['--offline', 'tracehound', 'audit', 'verify', join(work, 'audit.jsonl')], app)
    expect(verified.code, verified.stdout + verified.stderr).toBe(0)
  })

  it('the embedded library and the kernel run on plain node', async () => {
    const r = await run(process.execPath, ['ts-embedded.mjs'], app)
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toBe('quarantined\naudit record 1 verified: true\n')
  })
})
