/**
 * Runs every program in examples/ against a real tracehoundd (npm run examples; part of npm test).
 * The daemon and the examples get the same sandboxed environment and no socket path, so this
 * checks that every client resolves the default socket exactly as the daemon does. A language
 * whose toolchain or built SDK is missing prints "SKIPPED: example <lang> (<why>)".
 */

import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

const ROOT = new URL('..', import.meta.url).pathname
const sandbox = mkdtempSync(join(tmpdir(), 'th-examples-'))
const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: sandbox, TRACEHOUND_MEMORY: '1' }
delete env.XDG_RUNTIME_DIR
delete env.TRACEHOUND_SOCKET

interface Example {
  lang: string
  /** Why it cannot run here, or undefined. */
  missing(): string | undefined
  command: string[]
  cwd: string
  /** What a successful run prints. */
  expect: RegExp[]
}

const quarantinedAndVerified = [/^quarantined\b/m, /verified: true/i] // Python prints True

const has = (bin: string) => spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0
const javaJar = join(ROOT, 'sdks/java/target/tracehound-client-all.jar')
const venvPython = join(ROOT, 'sdks/python/.venv/bin/python')

const examples: Example[] = [
  {
    lang: 'ts-embedded',
    missing: () => undefined,
    command: [process.execPath, 'examples/ts-embedded.mjs'],
    cwd: ROOT,
    expect: quarantinedAndVerified,
  },
  {
    lang: 'ts-client',
    missing: () => undefined,
    command: [process.execPath, 'examples/ts-client.mjs'],
    cwd: ROOT,
    expect: quarantinedAndVerified,
  },
  {
    lang: 'raw calls (buf curl, curl)',
    missing: () => (has('curl') ? undefined : 'curl not found'),
    command: ['sh', 'examples/raw-calls.sh'],
    cwd: ROOT,
    // One quarantine per call: the gRPC one (buf curl) and the Connect JSON one (curl).
    expect: [/"quarantined": \{[^]*"quarantined":\{/],
  },
  {
    lang: 'go',
    missing: () => (has('go') ? undefined : 'no go toolchain on PATH'),
    command: ['go', 'run', '.'],
    cwd: join(ROOT, 'examples/go'),
    expect: quarantinedAndVerified,
  },
  {
    lang: 'python',
    missing: () => (existsSync(venvPython) ? undefined : 'sdks/python/.venv missing: sdks/python/test.sh builds it'),
    command: [venvPython, 'examples/python/intercept.py'],
    cwd: ROOT,
    expect: quarantinedAndVerified,
  },
  {
    lang: 'java',
    missing: () =>
      !has('java')
        ? 'java not found'
        : existsSync(javaJar)
          ? undefined
          : 'sdks/java/target/tracehound-client-all.jar missing: sdks/java/test.sh builds it',
    command: ['java', '-cp', javaJar, 'examples/java/Intercept.java'],
    cwd: ROOT,
    expect: quarantinedAndVerified,
  },
]

/** Starts tracehoundd with no --socket and resolves once it logs "listening". */
function startDaemon(): Promise<{ stop(): Promise<void>; socket: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/tracehoundd.ts')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (d) => (stderr += d))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tracehoundd did not start within 60 s: ${stderr}`)), 60_000)
    void exited.then(() => reject(new Error(`tracehoundd exited: ${stderr}`)))
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.includes('"msg":"listening"')) return
      clearTimeout(timer)
      const socket = (JSON.parse(line) as { addresses: string[] }).addresses[0] ?? ''
      resolve({ socket, stop: () => (child.kill('SIGTERM'), exited) })
    })
  })
}

function run(e: Example): Promise<{ code: number | null; out: string }> {
  const child = spawn(e.command[0]!, e.command.slice(1), { cwd: e.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (out += d))
  // Bounded: a hung example fails the run instead of hanging CI (the first `go run` compiles).
  const timer = setTimeout(() => child.kill('SIGKILL'), 180_000)
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer)
      resolve({ code, out })
    }),
  )
}

const daemon = await startDaemon()
console.log(`tracehoundd on ${daemon.socket} (default rule, TMPDIR=${sandbox})`)
let failed = 0
try {
  for (const e of examples) {
    const why = e.missing()
    if (why) {
      console.log(`SKIPPED: example ${e.lang} (${why})`)
      continue
    }
    const { code, out } = await run(e)
    const ok = code === 0 && e.expect.every((re) => re.test(out))
    console.log(`${ok ? 'ok  ' : 'FAIL'} example ${e.lang}: ${e.command.join(' ').replace(ROOT, '')}`)
    console.log(out.replace(/^/gm, '    ').trimEnd())
    if (!ok) failed++
  }
} finally {
  await daemon.stop()
  rmSync(sandbox, { recursive: true, force: true })
}
if (failed) {
  console.log(`${failed} example(s) failed`)
  process.exit(1)
}
