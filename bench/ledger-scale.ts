/**
 * Ledger at scale (issue 18): writes N audit entries (default 10 000 000) straight into a ledger
 * (schema 4, as tracehoundd would have written them: captures and neutralizations of a 100-item
 * quarantine, MAC'd, every Merkle node, a checkpoint every CHECKPOINT_EVERY leaves, the tree head),
 * then measures the real daemon on it: start time and RSS after start with its memory breakdown
 * (peers: the same daemon on an empty ledger, and on a small ledger with the most entries a start
 * can have to verify, CHECKPOINT_EVERY − 1 after its checkpoint; same run), both as shipped (dist/,
 * built first) and from the sources under tsx (the loader's own memory shows as the difference);
 * inclusion and consistency proof latency at seeded random indices over its Unix socket after a
 * warm-up (peer: GetTreeHead, the cheapest call) and in process with the rows each proof read;
 * export throughput (peer: reading the rows alone).
 * Run: npm run bench:ledger-scale -- [--records N] [--proofs N] [--export-seconds S] [--keep DIR [--reuse]] [--warm-cache]
 * With --warm-cache the ledger file is read through once before the timed proofs, so they measure
 * a ledger the page cache holds (a host may reclaim the cache of files it has not read lately).
 * With --reuse the ledger in DIR is measured as it is (--records is ignored).
 */

import { execFileSync, spawnSync } from 'node:child_process'
import { request } from 'node:http'

import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { createTracehoundClient } from '../src/client/index.js'
import { echoClient, startEcho } from './echo-floor.js'
import {
  type AuditRecord,
  auditRecordHashInput,
  type CaptureEntry,
  createSeededRandom,
  entryText,
  GENESIS_HASH,
  MacKeyring,
  MerkleTree,
  nodeCrypto,
  nodePosition,
  toHex,
  Tracehound,
} from '../src/core/index.js'
import { verifyConsistency, verifyInclusion } from '../src/core/kernel/index.js'
import { exportAudit } from '../src/storage/audit-export.js'
import { CHECKPOINT_EVERY, checkpointBody, checkpointRow } from '../src/storage/checkpoint.js'
import { EvidenceLog } from '../src/storage/evidence-log.js'
import { Ledger } from '../src/storage/index.js'
import { type StoredNodeStore, storedTree } from '../src/storage/merkle-store.js'
import { evidenceMacBody } from '../src/storage/rows.js'
import { startDaemonProcess } from '../test/daemon-harness.js'

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}
const RECORDS = arg('--records', 10_000_000)
const ROOT = new URL('..', import.meta.url).pathname
const PROOFS = arg('--proofs', 2000)
const EXPORT_SECONDS = arg('--export-seconds', 20)
const keepAt = process.argv.includes('--keep') ? process.argv[process.argv.indexOf('--keep') + 1] : undefined
const KEY = { kid: 'k1', key: '00112233445566778899aabbccddeeff' }
const QUARANTINE = 100
// A bench waits for the start it measures (a loaded machine is slow, not broken).
const START_TIMEOUT_MS = 300_000
const T0 = 1_700_000_000_000

type GoRow = { path: string; p50Us: number; p99Us: number }

/**
 * The floor of any round trip on this machine: sequential unary calls through the TS client's own
 * transport to a bare node:http2 server that writes fixed bytes (bench/daemon.ts --serve
 * http2-echo), timed like the proofs. A proof's p99 cannot be below this one's.
 */
async function echoFloor(calls: number, warmUp: number): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'th-ls-echo-'))
  const socket = join(dir, 'echo.sock')
  const child = await startEcho(socket)
  const echo = echoClient(socket)
  try {
    for (let i = 0; i < warmUp; i++) await echo.client.intercept({})
    const out: number[] = []
    for (let i = 0; i < calls; i++) {
      const t = performance.now()
      await echo.client.intercept({})
      out.push(performance.now() - t)
    }
    return out
  } finally {
    echo.close()
    child.kill()
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * The same proofs from the Go SDK (sdks/go/bench -proofs): the round trip a Go verifier sees,
 * with a client whose own collector does not add to the tail. A string: why there is no row.
 */
function goClientProofs(socket: string): Record<string, GoRow> | string {
  if (spawnSync('go', ['version'], { stdio: 'ignore' }).status !== 0) return 'SKIPPED: go (no go toolchain on PATH)'
  const args = ['run', './bench', '-daemon', socket, '-proofs', String(PROOFS), '-warmup', String(WARM_UP)]
  const res = spawnSync('go', args, { cwd: join(ROOT, 'sdks/go'), encoding: 'utf8', timeout: 600_000 })
  if (res.status !== 0) return `FAILED: go (${(res.stderr || res.error?.message || '').trim().split('\n').pop()})`
  return Object.fromEntries(
    res.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as GoRow)
      .map((r) => [r.path, r]),
  )
}

const root = mkdtempSync(join(tmpdir(), 'th-ledger-scale-'))
const dataDir = keepAt ?? join(root, 'ledger')
const emptyDir = join(root, 'empty')
const tailDir = join(root, 'tail')
/** Calls before timing starts: the JIT of the client and the daemon settles over the first few hundred. */
const WARM_UP = 1000

/** Writes `entries` entries; returns the tree head it stored. */
function writeLedger(dir: string, entries: number, quiet = false): { size: number; root: string; seconds: number } {
  mkdirSync(dir, { recursive: true })
  new Ledger({ dataDir: dir, macKeys: [KEY] }).close() // schema 4, as tracehoundd creates it
  const db = new Database(join(dir, 'ledger.sqlite'))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = OFF') // a bench writer; the daemon commits with FULL
  const keyring = new MacKeyring([KEY], nodeCrypto)
  const insAudit = db.prepare('INSERT INTO audit_log (idx, entry, kid, mac) VALUES (?, ?, ?, ?)')
  const insNode = db.prepare('INSERT INTO merkle_node (pos, hash) VALUES (?, ?)')
  const insCheckpoint = db.prepare('INSERT OR REPLACE INTO checkpoint (one, tree_size, body, kid, mac) VALUES (1, ?, ?, ?, ?)')
  const tree = new MerkleTree(nodeCrypto, { retain: 1, onNode: (l, i, h) => insNode.run(nodePosition(l, i), h) })
  const log = new EvidenceLog(new Set())
  const live: { capture: CaptureEntry; bytes: Buffer }[] = []
  let lastHash = GENESIS_HASH
  let records = 0
  let threat = 0
  const started = performance.now()
  const append = (entry: CaptureEntry | AuditRecord) => {
    const text = entryText(entry)
    const mac = keyring.sign(entry)!
    insAudit.run(tree.size, text, mac.kid, mac.mac)
    tree.appendText(text)
    log.apply(entry)
    if (tree.size % CHECKPOINT_EVERY === 0)
      insCheckpoint.run(...checkpointRow(checkpointBody(tree, records, lastHash, log.state(T0)), keyring)!)
  }
  const batch = db.transaction((until: number) => {
    while (tree.size < until) {
      if (live.length >= QUARANTINE) {
        const { capture } = live.shift()!
        const base = { id: `n${records}`, signature: capture.signature, timestamp: T0 + threat, previousHash: lastHash }
        const record: AuditRecord = { ...base, type: 'neutralization', hash: nodeCrypto.sha256Hex(auditRecordHashInput(base)) }
        records++
        lastHash = record.hash
        append(record)
        continue
      }
      const bytes = Buffer.from(`{"i":${threat},"path":"/api/v1/accounts/${threat}/transfers"}`)
      const hash = nodeCrypto.sha256Hex(bytes)
      const capture: CaptureEntry = {
        type: 'capture',
        signature: `injection:${hash}`,
        hash,
        size: bytes.length,
        severity: 'high',
        captured: T0 + threat,
        compressed: false,
      }
      threat++
      live.push({ capture, bytes })
      append(capture)
    }
  })
  for (let next = 0; next < entries; ) {
    next = Math.min(entries, next + 200_000)
    batch(next)
    if (!quiet)
      process.stderr.write(`\rwritten ${next} of ${entries} entries (${Math.round(next / ((performance.now() - started) / 1000))}/s)`)
  }
  if (!quiet) process.stderr.write('\n')
  const insEvidence = db.prepare(
    'INSERT INTO evidence (signature, hash, size, severity, captured, compressed, bytes, kid, mac) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)',
  )
  db.transaction(() => {
    for (const { capture: c, bytes } of live) {
      const mac = keyring.sign(evidenceMacBody(c))!
      insEvidence.run(c.signature, c.hash, c.size, c.severity, c.captured, bytes, mac.kid, mac.mac)
    }
    const body = { treeSize: tree.size, rootHash: toHex(tree.root()), timestamp: T0 + threat }
    const mac = keyring.sign(body)!
    db.prepare('INSERT OR REPLACE INTO tree_head (one, tree_size, root_hash, timestamp, kid, mac) VALUES (1, ?, ?, ?, ?, ?)').run(
      body.treeSize,
      body.rootHash,
      body.timestamp,
      mac.kid,
      mac.mac,
    )
  })()
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  return { size: tree.size, root: toHex(tree.root()), seconds: (performance.now() - started) / 1000 }
}

/**
 * How much of the file the OS page cache holds (util-linux fincore): a proof reads about a dozen
 * rows, each a disk read when its page is not cached, so the numbers depend on it.
 */
/** Reads a file once, end to end (into the page cache); what it took. */
function readThrough(path: string): string {
  const t = performance.now()
  const fd = openSync(path, 'r')
  const chunk = Buffer.allocUnsafe(8 * 2 ** 20)
  let total = 0
  try {
    for (let n; (n = readSync(fd, chunk, 0, chunk.length, null)) > 0; ) total += n
  } finally {
    closeSync(fd)
  }
  return `read through once before the proofs (--warm-cache): ${(total / 2 ** 20).toFixed(0)} MiB in ${((performance.now() - t) / 1000).toFixed(1)} s`
}

function residentMb(path: string): string {
  try {
    const bytes = Number(execFileSync('fincore', ['--bytes', '--noheadings', '--output', 'RES', path], { encoding: 'utf8' }).trim())
    return `${(bytes / 2 ** 20).toFixed(0)} MiB`
  } catch {
    return 'unknown (no fincore)'
  }
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!
const ms = (x: number) => x.toFixed(2)

function metricsText(socketPath: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    request({ socketPath, path: '/metrics' }, (res) => {
      let body = ''
      res
        .setEncoding('utf8')
        .on('data', (d) => (body += d))
        .on('end', () => resolve(body))
    })
      .on('error', reject)
      .end()
  })
}

/** The daemon's own account of its memory (prom-client's process and V8 metrics), in MB, over its socket. */
async function memoryOf(socketPath: string): Promise<Record<string, number>> {
  const text = await metricsText(socketPath)
  const metric = (re: RegExp) => Number(re.exec(text)?.[1] ?? NaN) / 2 ** 20
  const m = {
    rss: metric(/^process_resident_memory_bytes (\S+)/m),
    heapTotal: metric(/^nodejs_heap_size_total_bytes (\S+)/m),
    heapUsed: metric(/^nodejs_heap_size_used_bytes (\S+)/m),
    newSpace: metric(/^nodejs_heap_space_size_total_bytes\{space="new"\} (\S+)/m),
    oldSpace: metric(/^nodejs_heap_space_size_total_bytes\{space="old"\} (\S+)/m),
    codeSpace: metric(/^nodejs_heap_space_size_total_bytes\{space="code"\} (\S+)/m),
    external: metric(/^nodejs_external_memory_bytes (\S+)/m),
  }
  return { ...m, native: m.rss - m.heapTotal - m.external }
}

/** One method's handling-time histogram in the daemon (tracehound_rpc_duration_seconds): [upper bound in s, calls ≤ it], sum, count. */
function handlerHistogram(text: string, method: string) {
  const value = (re: RegExp) => [...text.matchAll(re)].map((m) => [Number(m[1]), Number(m[2])] as [number, number])
  const buckets = value(new RegExp(`^tracehound_rpc_duration_seconds_bucket\\{le="([^"]+)",method="${method}",code="ok"\\} (\\S+)`, 'gm'))
  const one = (name: string) =>
    Number(new RegExp(`^tracehound_rpc_duration_seconds_${name}\\{method="${method}",code="ok"\\} (\\S+)`, 'm').exec(text)?.[1] ?? 0)
  return { buckets, sum: one('sum'), count: one('count') }
}

/** The calls between two histograms: mean, and the bucket bounds under which 50% and 99% of them fell (ms). */
function handlerTime(before: ReturnType<typeof handlerHistogram>, after: ReturnType<typeof handlerHistogram>) {
  const count = after.count - before.count
  const within = (p: number) => {
    const i = after.buckets.findIndex(([, n], j) => n - (before.buckets[j]?.[1] ?? 0) >= (count * p) / 100)
    return after.buckets[i]![0] * 1000
  }
  return { mean: ((after.sum - before.sum) / count) * 1000, p50: within(50), p99: within(99) }
}

async function startTimed(dir: string, built: boolean) {
  const t = performance.now()
  const d = await startDaemonProcess(
    ['--data-dir', dir, '--full-check-hours', '0'],
    { TRACEHOUND_MAC_KEYS: `${KEY.kid}:${KEY.key}`, TRACEHOUND_DATA_DIR: dir },
    { built, startTimeoutMs: START_TIMEOUT_MS },
  )
  const seconds = (performance.now() - t) / 1000
  // Settled: a few event-loop turns after "listening", then the resident set.
  await new Promise((r) => setTimeout(r, 500))
  const rss = rssMb(d.child.pid!)
  return { d, seconds, rss, memory: await memoryOf(d.socketPath), listening: d.logs.find((l) => l.msg === 'listening')! }
}

/** Start time, RSS and memory breakdown of a daemon on `dir`, stopped again. */
async function startOnly(dir: string, built: boolean) {
  const r = await startTimed(dir, built)
  await r.d.stop()
  return r
}

async function main() {
  const loadBefore = loadavg()[0]!
  const reuse = keepAt !== undefined && process.argv.includes('--reuse')
  console.log(`ledger-scale: ${reuse ? 'the ledger' : `${RECORDS} entries`} in ${dataDir}, ${PROOFS} proofs`)
  const written = reuse ? undefined : writeLedger(dataDir, RECORDS)
  // The longest a start can verify: a checkpoint at CHECKPOINT_EVERY, then CHECKPOINT_EVERY − 1 entries.
  const tailEntries = CHECKPOINT_EVERY - 1
  writeLedger(tailDir, CHECKPOINT_EVERY + tailEntries, true)
  if (written)
    console.log(
      `written: ${written.size} entries in ${written.seconds.toFixed(1)} s (${Math.round(written.size / written.seconds)}/s), root ${written.root}`,
    )
  const fileMb = statSync(join(dataDir, 'ledger.sqlite')).size / 2 ** 20

  // The daemon as shipped: dist/, built from these sources now.
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' })
  const starts = {
    emptyTsx: await startOnly(emptyDir, false),
    bigTsx: await startOnly(dataDir, false),
  }
  const tail = await startOnly(tailDir, true)
  const empty = await startTimed(emptyDir, true)
  const ce = createTracehoundClient({ socketPath: empty.d.socketPath })
  for (let i = 0; i < PROOFS * 3 + WARM_UP; i++) await ce.getTreeHead()
  const emptyRssAfterCalls = rssMb(empty.d.child.pid!)
  ce.close()
  await empty.d.stop()
  const big = await startTimed(dataDir, true)
  const restored = big.listening.restored as Record<string, number>
  const c = createTracehoundClient({ socketPath: big.d.socketPath })
  const head = await c.getTreeHead()
  const rand = createSeededRandom('ledger-scale')
  const below = (n: number) => rand(6).reduce((a, b) => a * 256 + b, 0) % n
  const timeCall = async (f: () => Promise<unknown>) => {
    const t = performance.now()
    await f()
    return performance.now() - t
  }
  const headLat: number[] = []
  const incl: number[] = []
  const cons: number[] = []
  const consistency: { first: number; path: string[] }[] = []
  for (let i = 0; i < WARM_UP; i++) {
    await c.getTreeHead()
    await c.getInclusionProof(below(head.treeSize), head.treeSize)
  }
  const histogramsBefore = await metricsText(big.d.socketPath)
  const warmed = process.argv.includes('--warm-cache') ? readThrough(join(dataDir, 'ledger.sqlite')) : undefined
  const residentAtProofs = residentMb(join(dataDir, 'ledger.sqlite'))
  for (let i = 0; i < PROOFS; i++) {
    headLat.push(await timeCall(() => c.getTreeHead()))
    const leaf = below(head.treeSize)
    let ok = false
    incl.push(
      await timeCall(async () => {
        const { proof } = await c.getInclusionProof(leaf, head.treeSize)
        ok = verifyInclusion({ ...proof, rootHash: head.rootHash })
      }),
    )
    if (!ok) throw new Error(`inclusion proof for leaf ${leaf} does not verify`)
    const first = 1 + below(head.treeSize - 1)
    cons.push(await timeCall(async () => consistency.push({ first, path: (await c.getConsistencyProof(first, head.treeSize)).path })))
  }
  const rssAfterProofs = rssMb(big.d.child.pid!)
  const histogramsAfter = await metricsText(big.d.socketPath)
  const goProofs = goClientProofs(big.d.socketPath)
  const floor = await echoFloor(PROOFS, WARM_UP)
  const inDaemon = (method: string) => handlerTime(handlerHistogram(histogramsBefore, method), handlerHistogram(histogramsAfter, method))
  const handled = { head: inDaemon('GetTreeHead'), incl: inDaemon('GetInclusionProof'), cons: inDaemon('GetConsistencyProof') }
  c.close()
  await big.d.stop()

  const local = { incl: [] as number[], cons: [] as number[] }
  const openSeconds = (() => {
    const t = performance.now()
    const l = new Ledger({ dataDir, macKeys: [KEY] })
    const s = (performance.now() - t) / 1000
    const engine = new Tracehound({ macKeys: [KEY], crypto: nodeCrypto, storage: l })
    const store = (l.auditTree as unknown as { store: StoredNodeStore }).store
    const readsBefore = store.rowsRead
    for (let i = 0; i < PROOFS; i++) {
      const leaf = below(head.treeSize)
      let t0 = performance.now()
      engine.inclusionProof(leaf, head.treeSize)
      engine.auditChain.recordAtLeaf(leaf)
      local.incl.push(performance.now() - t0)
      const first = 1 + below(head.treeSize - 1)
      t0 = performance.now()
      engine.consistencyProof(first, head.treeSize)
      local.cons.push(performance.now() - t0)
    }
    const rowsPerProof = (store.rowsRead - readsBefore) / (2 * PROOFS)
    const upper = { lowest: store.upper.lowest, slots: store.upper.slots, capacity: store.upper.capacity }
    l.close()
    return { s, verifiedFrom: l.verifiedFrom, rowsPerProof, upper }
  })()

  // Every consistency proof checked against the root of its first size (computed from the stored nodes).
  const raw = new Database(join(dataDir, 'ledger.sqlite'), { readonly: true })
  for (const { first, path } of consistency) {
    const firstRoot = toHex(storedTree(raw, first)!.root())
    if (!verifyConsistency({ firstSize: first, secondSize: head.treeSize, path, firstRoot, secondRoot: head.rootHash }))
      throw new Error(`consistency proof from ${first} does not verify`)
  }
  const readOnly = (() => {
    const t = performance.now()
    let n = 0
    for (const _ of raw.prepare('SELECT * FROM audit_log ORDER BY idx').iterate())
      if (++n % 4096 === 0 && performance.now() - t > EXPORT_SECONDS * 1000) break
    return { n, s: (performance.now() - t) / 1000 }
  })()
  raw.close()
  const exported = (() => {
    const t = performance.now()
    let n = 0
    let bytes = 0
    const stop = new Error('enough')
    try {
      exportAudit(dataDir, (line) => {
        n++
        bytes += line.length + 1
        if (n % 4096 === 0 && performance.now() - t > EXPORT_SECONDS * 1000) throw stop
      })
    } catch (e) {
      if (e !== stop) throw e
    }
    return { n: n - 1, bytes, s: (performance.now() - t) / 1000 }
  })()

  const bigName = `${head.treeSize}-entry ledger`
  const tailVerified =
    (tail.listening.restored as Record<string, number>).treeSize! - (tail.listening.restored as Record<string, number>).verifiedFrom!
  console.log(
    `\nLedger: ${head.treeSize} entries (${restored.auditRecords} v1 records), ${fileMb.toFixed(0)} MiB file; the daemon verified from checkpoint ${restored.verifiedFrom} (${head.treeSize - restored.verifiedFrom!} entries; a checkpoint every ${CHECKPOINT_EVERY})`,
  )
  console.log(
    `machine load average (1 min): ${loadBefore.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end, on ${cpus().length} cores (this bench's own client and daemon count too)`,
  )
  console.log(
    `the OS page cache held ${residentAtProofs} of the ${fileMb.toFixed(0)} MiB file when the timed proofs began (uncached rows are disk reads)${warmed ? `; ${warmed}` : ''}\n`,
  )
  console.log(`| measure | ${bigName} | peer (same run) | target |`)
  console.log('|---|---|---|---|')
  console.log(
    `| daemon start (spawn → listening), as shipped (dist/) | ${big.seconds.toFixed(2)} s | ${empty.seconds.toFixed(2)} s (empty ledger); ${tail.seconds.toFixed(2)} s (${CHECKPOINT_EVERY + tailEntries} entries, ${tailVerified} to verify: the most a start has) | ≤ 5 s |`,
  )
  console.log(
    `| daemon start, sources under tsx | ${starts.bigTsx.seconds.toFixed(2)} s | ${starts.emptyTsx.seconds.toFixed(2)} s (empty ledger) | |`,
  )
  console.log(`| Ledger open in process | ${openSeconds.s.toFixed(2)} s (verified from ${openSeconds.verifiedFrom}) | | |`)
  console.log(`| RSS after start, as shipped (dist/) | ${big.rss.toFixed(0)} MB | ${empty.rss.toFixed(0)} MB (empty ledger) | ≤ 150 MB |`)
  console.log(
    `| RSS after start, sources under tsx | ${starts.bigTsx.rss.toFixed(0)} MB | ${starts.emptyTsx.rss.toFixed(0)} MB (empty ledger) | |`,
  )
  console.log(
    `| RSS after ${PROOFS * 3 + WARM_UP * 2} calls (dist/) | ${rssAfterProofs.toFixed(0)} MB | ${emptyRssAfterCalls.toFixed(0)} MB (empty ledger, ${PROOFS * 3 + WARM_UP} GetTreeHead) | |`,
  )
  console.log(
    `| inclusion proof p50 / p99 in process (engine over the ledger) | ${ms(pct(local.incl, 50))} / ${ms(pct(local.incl, 99))} ms | | |`,
  )
  console.log(`| consistency proof p50 / p99 in process | ${ms(pct(local.cons, 50))} / ${ms(pct(local.cons, 99))} ms | | |`)
  console.log(
    `| stored nodes read per proof (upper-level cache: levels ≥ ${openSeconds.upper.lowest}, ${openSeconds.upper.slots} of ${openSeconds.upper.capacity} slots) | ${openSeconds.rowsPerProof.toFixed(1)} rows | | |`,
  )
  console.log(
    `| inclusion proof p50 / p99 (UDS, verified; after ${WARM_UP} warm-up calls) | ${ms(pct(incl, 50))} / ${ms(pct(incl, 99))} ms | GetTreeHead ${ms(pct(headLat, 50))} / ${ms(pct(headLat, 99))} ms | p99 ≤ 5 ms |`,
  )
  console.log(
    `| consistency proof p50 / p99 (UDS) | ${ms(pct(cons, 50))} / ${ms(pct(cons, 99))} ms | GetTreeHead ${ms(pct(headLat, 50))} / ${ms(pct(headLat, 99))} ms | p99 ≤ 5 ms |`,
  )
  console.log(
    `| floor: unary call to a bare node:http2 echo, p50 / p99 (UDS, the TS client's transport, same run) | ${ms(pct(floor, 50))} / ${ms(pct(floor, 99))} ms | | |`,
  )
  if (typeof goProofs === 'string') console.log(`| proofs from the Go SDK (UDS) | ${goProofs} | | p99 ≤ 5 ms |`)
  else {
    const goCell = (r: GoRow) => `${ms(r.p50Us / 1000)} / ${ms(r.p99Us / 1000)} ms`
    console.log(
      `| inclusion proof p50 / p99 (UDS, Go SDK, verified; after ${WARM_UP} warm-up calls) | ${goCell(goProofs.GetInclusionProof!)} | GetTreeHead ${goCell(goProofs.GetTreeHead!)} | p99 ≤ 5 ms |`,
    )
    console.log(
      `| consistency proof p50 / p99 (UDS, Go SDK) | ${goCell(goProofs.GetConsistencyProof!)} | GetTreeHead ${goCell(goProofs.GetTreeHead!)} | p99 ≤ 5 ms |`,
    )
  }
  const handledCell = (h: { mean: number; p50: number; p99: number }) => `${ms(h.mean)} ms mean; 50% ≤ ${h.p50} ms, 99% ≤ ${h.p99} ms`
  console.log(
    `| inclusion proof in the daemon (handler time, /metrics histogram: bucket bounds) | ${handledCell(handled.incl)} | GetTreeHead ${handledCell(handled.head)} | |`,
  )
  console.log(`| consistency proof in the daemon (handler time) | ${handledCell(handled.cons)} | | |`)
  console.log(
    `| export (entries with proofs) | ${Math.round(exported.n / exported.s)} entries/s, ${(exported.bytes / 2 ** 20 / exported.s).toFixed(1)} MiB/s (${exported.n} in ${exported.s.toFixed(1)} s) | rows alone: ${Math.round(readOnly.n / readOnly.s)} rows/s | |`,
  )
  console.log("\nMemory at start (MB; the daemon's /metrics; native = RSS − V8 heap − external: code, SQLite page cache, threads):\n")
  console.log('| daemon | RSS | V8 heap total (used) | new space | old space | code space | external | native |')
  console.log('|---|---|---|---|---|---|---|---|')
  const row = (name: string, m: Record<string, number>) =>
    console.log(
      `| ${name} | ${m.rss!.toFixed(1)} | ${m.heapTotal!.toFixed(1)} (${m.heapUsed!.toFixed(1)}) | ${m.newSpace!.toFixed(1)} | ${m.oldSpace!.toFixed(1)} | ${m.codeSpace!.toFixed(1)} | ${m.external!.toFixed(1)} | ${m.native!.toFixed(1)} |`,
    )
  row('empty ledger, dist/', empty.memory)
  row(`${bigName}, dist/`, big.memory)
  row('empty ledger, tsx', starts.emptyTsx.memory)
  row(`${bigName}, tsx`, starts.bigTsx.memory)
  // The empty and worst-case ledgers always go; a --keep ledger lives outside root.
  rmSync(root, { recursive: true, force: true })
}

await main()
