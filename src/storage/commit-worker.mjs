// The ledger's commit thread: runs prepared batches (write-rows.ts) on its own connection, so the
// fsync of one batch overlaps the engine's work on the next. Plain JS: it loads under any runner.
import { createRequire } from 'node:module'
import { parentPort, workerData } from 'node:worker_threads'

const messageOf = (e) => (e instanceof Error ? e.message : String(e))
let db
let write
// A setup failure (its SqliteError would reach the parent without its message) answers every batch.
let setupError
try {
  const Database = createRequire(import.meta.url)('better-sqlite3')
  db = new Database(workerData.path)
  db.pragma('busy_timeout = 5000')
  db.pragma('synchronous = FULL') // per connection: every commit is fsynced
  db.pragma(`cache_size = -${workerData.cacheKib}`)
  const statements = Object.fromEntries(Object.entries(workerData.sql).map(([k, sql]) => [k, db.prepare(sql)]))
  write = db.transaction((rows) => {
    for (const [kind, ...params] of rows) statements[kind].run(...params)
  })
} catch (e) {
  setupError = `ledger commit thread: ${messageOf(e)}`
}

parentPort.on('message', (message) => {
  if (message === 'close') {
    db?.close()
    parentPort.close()
    return
  }
  try {
    if (setupError) throw new Error(setupError)
    write(message.rows)
    parentPort.postMessage({ id: message.id })
  } catch (e) {
    parentPort.postMessage({ id: message.id, error: messageOf(e) })
  }
})
