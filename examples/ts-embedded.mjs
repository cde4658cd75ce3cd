// The embedded engine in your own process, and the kernel checking its audit proof.
// Run: npm install tracehound && node ts-embedded.mjs
import { createTracehound } from 'tracehound'
import { verifyInclusion } from 'tracehound/kernel'

const th = createTracehound({ maxPayloadSize: 1_000_000 })
const verdict = th.intercept({
  id: 'req-1',
  source: '203.0.113.7', // rate-limit key
  timestamp: Date.now(),
  payload: { path: '/login', body: "' OR 1=1 --" },
  threat: { category: 'injection', severity: 'high' }, // from your detector; omit it for clean
})
console.log(verdict.status) // quarantined
if (verdict.status !== 'quarantined') process.exit(1)

// Neutralizing appends an audit record; its inclusion proof checks without trusting the engine.
th.quarantine.neutralize(verdict.handle.signature)
const head = th.treeHead()
const proof = th.inclusionProof(head.treeSize - 1)
const ok = verifyInclusion({ ...proof, rootHash: head.rootHash })
console.log(`audit record ${proof.leafIndex} verified: ${ok}`)
process.exit(ok ? 0 : 1)
