/** tracehoundd on a tampered ledger: reports the record, refuses writes, serves again only once acknowledged. */

import { join } from 'node:path'
import { Code, ConnectError } from '@connectrpc/connect'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { createTracehoundClient } from '../src/client/index.js'
import { exportAudit } from '../src/storage/audit-export.js'
import { editEntries } from './ledger-edit.js'
import { verifyExport } from '../src/storage/audit-verify.js'
import { type RunningDaemon, startDaemonProcess } from './daemon-harness.js'
import { tempDirs } from './storage-tmp.js'

// Durability, not latency, is under test: a loaded machine may take seconds for a daemon's first commit.
const PATIENT = { timeoutMs: 30_000, callTimeoutMs: 30_000 }

const temp = tempDirs('th-tamper')
const dataDir = temp.dir()
const env = { TRACEHOUND_DATA_DIR: dataDir, TRACEHOUND_MAC_KEYS: 'k1:00112233445566778899aabbccddeeff' }
let d: RunningDaemon | undefined
afterEach(async () => {
  await d?.stop()
  d = undefined
})

const threat = (i: number) => ({
  id: `t${i}`,
  payload: { i },
  source: `s${i}`,
  timestamp: 1_700_000_000_000,
  threat: { category: 'spam' as const, severity: 'low' as const },
})

describe('tracehoundd ledger tampering', () => {
  it('reports, refuses writes until --acknowledge-tamper, then serves', async () => {
    d = await startDaemonProcess([], env)
    let c = createTracehoundClient({ socketPath: d.socketPath, ...PATIENT })
    expect((await c.connect()).features).toContain('durable')
    const sigs: string[] = []
    for (let i = 0; i < 3; i++) {
      const v = await c.intercept(threat(i))
      if (v.status !== 'quarantined') throw new Error(`expected quarantined, got ${JSON.stringify(v)}`)
      sigs.push(v.handle.signature)
    }
    const { record } = (await c.neutralize(sigs[0]!))!
    c.close()
    expect(await d.stop()).toBe(0)

    // One flipped character in a stored record.
    const db = new Database(join(dataDir, 'ledger.sqlite'))
    const forged = `${record.signature.slice(0, -1)}${record.signature.endsWith('0') ? '1' : '0'}`
    expect(
      editEntries(
        db,
        (e) => e.id === record.id,
        (e) => (e.signature = forged),
      ),
    ).toBe(1)
    db.close()

    d = await startDaemonProcess([], env)
    const problems = d.logs.filter((l) => l.msg === 'ledger integrity problem')
    // Hash and MAC of the record, the sequence (a neutralization of evidence never captured), the
    // moved root, and the evidence the log still holds as quarantined although its row is gone.
    expect(problems.map((l) => `${(l.problem as { kind: string }).kind}:${(l.problem as { id: string }).id}`)).toEqual([
      `audit-hash:${record.id}`,
      `audit-sequence:${record.id}`,
      `audit-mac:${record.id}`,
      'tree-head:tree-head',
      `evidence-missing:${sigs[0]}`,
    ])
    expect(d.logs.some((l) => l.msg?.toString().startsWith('refusing writes'))).toBe(true)
    c = createTracehoundClient({ socketPath: d.socketPath, ...PATIENT })
    const refused = await c.intercept(threat(9))
    expect(refused.degraded?.message).toMatch(/writes refused: .*integrity problem/)
    await expect(c.neutralize(sigs[1]!)).rejects.toSatisfy((e) => e instanceof ConnectError && e.code === Code.FailedPrecondition)
    // Reads and clean traffic still work: the operator can inspect.
    expect((await c.intercept({ ...threat(10), threat: undefined })).status).toBe('clean')
    expect((await c.listQuarantine()).map((h) => h.signature).sort()).toEqual(sigs.slice(1).sort())
    expect((await c.getTreeHead()).treeSize).toBe(4) // three captures, one neutralization
    c.close()
    await d.stop()

    d = await startDaemonProcess(['--acknowledge-tamper'], env)
    expect(d.logs.some((l) => l.msg?.toString().startsWith('integrity problems acknowledged'))).toBe(true)
    c = createTracehoundClient({ socketPath: d.socketPath, ...PATIENT })
    expect((await c.intercept(threat(11))).status).toBe('quarantined')
    c.close()
    await d.stop()

    // Acknowledged once, reported on every start, no longer blocking.
    d = await startDaemonProcess([], env)
    const again = d.logs.filter((l) => l.msg === 'ledger integrity problem')
    // The write after the acknowledgement stored a new head over the log as it is, so the head
    // matches again; the tampered record and the lost evidence stay reported.
    expect(again.map((l) => `${(l.problem as { kind: string }).kind}:${String(l.acknowledged)}`)).toEqual([
      'audit-hash:true',
      'audit-sequence:true',
      'audit-mac:true',
      'evidence-missing:true',
    ])
    c = createTracehoundClient({ socketPath: d.socketPath, ...PATIENT })
    expect((await c.intercept(threat(12))).status).toBe('quarantined')
    await c.neutralize(sigs[1]!)
    c.close()

    // Exported while the daemon runs: the acknowledged damage still fails offline verification, by id.
    const lines: string[] = []
    expect(exportAudit(dataDir, (l) => lines.push(l))).toBe(7) // 3 captures + 1 neutralization, then captures 11 and 12 and the neutralization of sigs[1]
    const report = verifyExport(lines.join('\n'), new Map([['k1', '00112233445566778899aabbccddeeff']]))
    // Hash, sequence and MAC: all named by the record.
    expect(new Set(report.problems.map((p) => p.id))).toEqual(new Set([record.id]))
  })

  it('refuses to start on a data directory another daemon holds', async () => {
    const dir = temp.dir()
    d = await startDaemonProcess([], { TRACEHOUND_DATA_DIR: dir })
    await expect(startDaemonProcess([], { TRACEHOUND_DATA_DIR: dir })).rejects.toThrow(/another tracehoundd uses this data directory/)
  })
})
