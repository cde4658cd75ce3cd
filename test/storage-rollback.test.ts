/**
 * Rollback and replacement of the ledger, end to end: the witness file tracehoundd appends every
 * new tree head to, `tracehound audit head`, `--trusted-head`, and `tracehound audit verify --since`.
 * Also: a schema-2 data directory is migrated by the daemon, which logs it.
 */

import { spawnSync } from 'node:child_process'
import { copyFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createTracehoundClient } from '../src/client/index.js'
import { type RunningDaemon, startDaemonProcess } from './daemon-harness.js'
import { tempDirs } from './storage-tmp.js'

// Durability, not latency, is under test: a loaded machine may take seconds for a daemon's first commit.
const PATIENT = { timeoutMs: 30_000, callTimeoutMs: 30_000 }

const ROOT = new URL('..', import.meta.url).pathname
const MAC = 'k1:00112233445566778899aabbccddeeff'
const temp = tempDirs('th-rollback')
let d: RunningDaemon | undefined
afterEach(async () => {
  await d?.stop()
  d = undefined
})

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/tracehound.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TRACEHOUND_MAC_KEYS: '' },
  })

const threat = (i: number) => ({
  id: `t${i}`,
  payload: { i },
  source: `s${i}`,
  timestamp: 1_700_000_000_000 + i,
  threat: { category: 'malware' as const, severity: 'high' as const },
})

async function capture(from: number, to: number): Promise<void> {
  const c = createTracehoundClient({ socketPath: d!.socketPath, ...PATIENT })
  for (let i = from; i < to; i++) {
    const v = await c.intercept(threat(i))
    expect([v.status, v.degraded?.message]).toEqual(['quarantined', undefined])
  }
  c.close()
}

const lastLine = (file: string) =>
  JSON.parse(readFileSync(file, 'utf8').trim().split('\n').at(-1)!) as { treeSize: number; rootHash: string }

describe('rollback detection', () => {
  it('a rolled back or replaced ledger is reported with both heads, and writes are refused', async () => {
    const dataDir = temp.dir()
    const witness = join(temp.dir(), 'witness.jsonl') // kept off the data directory
    const env = { TRACEHOUND_DATA_DIR: dataDir, TRACEHOUND_MAC_KEYS: MAC }

    d = await startDaemonProcess(['--witness', witness], env)
    await capture(0, 3)
    expect(await d.stop()).toBe(0)
    d = undefined
    expect(lastLine(witness)).toMatchObject({ treeSize: 3 })
    const older = join(temp.dir(), 'ledger-at-3.sqlite')
    copyFileSync(join(dataDir, 'ledger.sqlite'), older)

    // `tracehound audit head` prints the signed head the witness saw last.
    const head = cli('audit', 'head', '--data-dir', dataDir)
    expect(head.status).toBe(0)
    const headFile = join(temp.dir(), 'head.json')
    writeFileSync(headFile, head.stdout)
    expect(JSON.parse(head.stdout)).toMatchObject({ ...lastLine(witness), kid: 'k1' })

    d = await startDaemonProcess(['--witness', witness], env)
    await capture(3, 5)
    expect(await d.stop()).toBe(0)
    d = undefined
    expect(lastLine(witness)).toMatchObject({ treeSize: 5 })
    const at5 = lastLine(witness)

    // Rolled back to the copy at size 3: the witness (size 5) catches it, by its size and root.
    copyFileSync(older, join(dataDir, 'ledger.sqlite'))
    d = await startDaemonProcess(['--witness', witness], env)
    const [problem] = d.logs.filter((l) => l.msg === 'ledger integrity problem').map((l) => l.problem as { kind: string; detail: string })
    expect(problem!.kind).toBe('rollback')
    expect(problem!.detail).toContain(`size ${at5.treeSize}, root ${at5.rootHash}`)
    expect(problem!.detail).toMatch(/ledger tree size 3, root [0-9a-f]{64}/)
    const c = createTracehoundClient({ socketPath: d.socketPath, ...PATIENT })
    expect((await c.intercept(threat(9))).degraded?.message).toMatch(/writes refused: .*rollback/)
    c.close()
    await d.stop()

    // Replaced by an empty ledger: the saved head (size 3) catches it.
    renameSync(join(dataDir, 'ledger.sqlite'), join(dataDir, 'moved-away.sqlite'))
    d = await startDaemonProcess(['--trusted-head', headFile], env)
    const replaced = d.logs.filter((l) => l.msg === 'ledger integrity problem').map((l) => l.problem as { kind: string; detail: string })
    expect(replaced.map((p) => p.kind)).toEqual(['rollback'])
    expect(replaced[0]!.detail).toMatch(/ledger tree size 0, root e3b0c442.*, smaller than the trusted head .* size 3, root /)
    await d.stop()
    d = undefined
  }, 90_000) // five daemon starts: give a loaded machine time

  it('`tracehound audit verify --since` proves an export extends a saved head, and names a fork with both roots', () => {
    const a = temp.dir()
    const b = temp.dir()
    // Two ledgers with the same first capture, then different ones: b is a fork of a.
    const fill = (dir: string, extra: number) => {
      const script = `
        import { createManualClock, Tracehound } from './src/core/index.js'
        import { Ledger } from './src/storage/index.js'
        const clock = createManualClock(1_700_000_000_000)
        const l = new Ledger({ dataDir: ${JSON.stringify(dir)}, clock: clock.now })
        const th = new Tracehound({ storage: l, clock: clock.now })
        for (const i of [0, ${extra}]) th.intercept({ id: 't' + i, payload: { i }, source: 's', timestamp: 1, threat: { category: 'spam', severity: 'low' } })
        l.close()`
      expect(
        spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' }).status,
      ).toBe(0)
    }
    fill(a, 1)
    fill(b, 2)
    const since = join(temp.dir(), 'since.json')
    expect(cli('audit', 'head', '--data-dir', a).status).toBe(0)
    writeFileSync(since, cli('audit', 'head', '--data-dir', a).stdout)
    const exportOf = (dir: string) => {
      const out = join(temp.dir(), 'audit.jsonl')
      expect(cli('audit', 'export', '--data-dir', dir, '-o', out).status).toBe(0)
      return out
    }
    const ok = cli('audit', 'verify', exportOf(a), '--since', since)
    expect(ok.status).toBe(0)
    expect(ok.stdout).toMatch(/OK, 2 entries, .*extends the head of size 2 \(consistency proof verified\)/)
    const forked = cli('audit', 'verify', exportOf(b), '--since', since)
    expect(forked.status).toBe(1)
    const sinceHead = JSON.parse(readFileSync(since, 'utf8')) as { rootHash: string }
    expect(forked.stdout).toMatch(
      new RegExp(
        `this export has size 2, root [0-9a-f]{64} .*the earlier head has size 2, root ${sinceHead.rootHash}: forked or rewritten`,
      ),
    )
  })

  it('the daemon migrates a schema-2 data directory and logs what it did', async () => {
    const dataDir = temp.dir()
    copyFileSync(new URL('./fixtures/ledger-v2-keyed/ledger.sqlite', import.meta.url).pathname, join(dataDir, 'ledger.sqlite'))
    d = await startDaemonProcess([], { TRACEHOUND_DATA_DIR: dataDir, TRACEHOUND_MAC_KEYS: MAC })
    const migrated = d.logs.find((l) => l.msg === 'ledger migrated')
    expect(migrated?.migration).toMatch(/^schema 2 → 3: 4 audit records moved to audit_log .* tree head rebuilt/)
    expect(d.logs.some((l) => l.msg === 'ledger integrity problem')).toBe(false)
    const c = createTracehoundClient({ socketPath: d.socketPath, ...PATIENT })
    expect((await c.getTreeHead()).treeSize).toBe(6) // 4 records + 2 live evidence rows logged as captures
    c.close()
  })
})
