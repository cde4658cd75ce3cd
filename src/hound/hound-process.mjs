// Hound child process entry. Plain JavaScript on purpose: it is started by a
// bare `node`, which cannot load the TypeScript sources. It speaks the
// hound-ipc wire format (see hound-ipc.ts; hound-process.test.ts runs this
// file against that decoder): frames of [uint32 BE length][payload].
//
// Protocol: on start it sends status 'processing' (idle and ready). For each
// evidence frame it answers metrics then status 'complete'. Any failure is
// reported as status 'error' with a message, then the process exits 1.

const MAX_MESSAGE_SIZE = 1024 * 1024
const STATUS = 0x01
const METRICS = 0x02
const STATES = { processing: 0x01, complete: 0x02, error: 0x03 }

function frame(body) {
  const out = Buffer.alloc(4 + body.length)
  out.writeUInt32BE(body.length, 0)
  body.copy(out, 4)
  return out
}

function sendStatus(state, error) {
  const text = Buffer.from(error ?? '', 'utf8')
  process.stdout.write(frame(Buffer.concat([Buffer.from([STATUS, STATES[state]]), text])))
}

function sendMetrics(processingTime) {
  const body = Buffer.alloc(17)
  body[0] = METRICS
  body.writeDoubleBE(processingTime, 1)
  body.writeDoubleBE(process.memoryUsage().heapUsed, 9)
  process.stdout.write(frame(body))
}

function fail(message) {
  sendStatus('error', message)
  process.exitCode = 1
  process.stdout.end(() => process.exit(1))
}

// The analysis itself: evidence is opaque bytes here; the hound's job is to
// take it off the request path and acknowledge it.
function analyse(evidence) {
  const started = performance.now()
  void evidence.length
  sendMetrics(performance.now() - started)
  sendStatus('complete')
}

let pending = Buffer.alloc(0)
process.stdin.on('data', (chunk) => {
  pending = Buffer.concat([pending, chunk])
  while (pending.length >= 4) {
    const length = pending.readUInt32BE(0)
    if (length > MAX_MESSAGE_SIZE) return fail(`Invalid message length: ${length}`)
    if (pending.length < 4 + length) return
    const evidence = pending.subarray(4, 4 + length)
    pending = pending.subarray(4 + length)
    analyse(evidence)
  }
})
process.stdin.on('end', () => process.exit(0))
process.stdin.on('error', (err) => fail(`stdin error: ${err.message}`))
process.on('uncaughtException', (err) => fail(`uncaught: ${err.message}`))
process.on('unhandledRejection', (reason) => fail(`unhandled rejection: ${reason instanceof Error ? reason.message : String(reason)}`))

sendStatus('processing')
