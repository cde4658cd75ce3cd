// The daemon's periodic full check (full-check.ts) on its own thread and read-only connection, so
// verifying a large ledger never stalls the event loop. Plain JS: it loads the compiled module when
// there is one, else the TypeScript source through tsx (as the bins do).
import { constants, getPriority, platform, setPriority } from 'node:os'
import { parentPort, workerData } from 'node:worker_threads'

// A check of a large ledger runs for minutes: it yields the CPU to the daemon. On Linux a nice
// value is per thread, so this lowers this thread alone (elsewhere it would be the whole process).
if (platform() === 'linux') setPriority(constants.priority.PRIORITY_LOW)

let mod
try {
  mod = await import('./verify-ledger.js')
} catch {
  const { register } = await import('tsx/esm/api')
  register()
  mod = await import('./verify-ledger.ts')
}
try {
  const started = Date.now()
  const v = mod.verifyLedgerFile(workerData.dataDir, { macKeys: workerData.macKeys })
  parentPort.postMessage({ problems: v.problems, entries: v.entries, ms: Date.now() - started, nice: getPriority() })
} catch (e) {
  parentPort.postMessage({ error: e instanceof Error ? e.message : String(e) })
}
