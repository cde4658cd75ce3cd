// The TS client of tracehoundd. It finds the daemon the way the daemon picks its socket
// (`npx tracehoundd --print-socket` prints the path), so no path is needed.
// Run: npx tracehoundd &  then  node ts-client.mjs
import { createTracehoundClient, verifyInclusion } from 'tracehound/client'

const th = createTracehoundClient() // or { baseUrl: 'http://127.0.0.1:7420', token }
// The handshake at start-up, so the first intercept's 1 s deadline is all its own.
await th.connect().catch((e) => console.error(`tracehoundd not reachable yet: ${e.message}`))
const verdict = await th.intercept({
  id: 'req-1',
  source: '203.0.113.7',
  timestamp: Date.now(),
  payload: { path: '/login', body: "' OR 1=1 --", from: 'ts-client' },
  threat: { category: 'injection', severity: 'high' },
})
// Never rejects: with the daemon down or slow this is clean, marked degraded (fail-open).
console.log(verdict.status, verdict.degraded ?? '')
if (verdict.status !== 'quarantined') process.exit(1)

// Neutralize appends an audit record; check its inclusion proof without trusting the daemon.
const { treeSize } = await th.neutralize(verdict.handle.signature)
const head = await th.getTreeHead()
const { proof } = await th.getInclusionProof(treeSize - 1, head.treeSize)
const ok = verifyInclusion({ ...proof, rootHash: head.rootHash })
console.log(`audit record ${proof.leafIndex} verified: ${ok}`)
console.log(JSON.stringify((await th.stats()).agent))
th.close()
process.exit(ok ? 0 : 1)
