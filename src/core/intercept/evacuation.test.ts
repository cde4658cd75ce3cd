import { describe, expect, it } from 'vitest'
import { createManualClock } from '../ports/clock.js'
import type { ColdStorageReadResult, IColdStorageAdapter } from '../v1/cold-storage.js'
import type { EncodedPayload } from '../encoding/encoded-payload.js'
import { createSeededRandom } from '../ports/random.js'
import { Tracehound, type TracehoundOptions } from '../tracehound.js'

/** Records writes; `fail` makes them fail as values, `throws` as exceptions. */
function recordingStore(mode: 'ok' | 'fail' | 'throws' = 'ok') {
  const writes = new Map<string, EncodedPayload>()
  const adapter: IColdStorageAdapter = {
    async write(id, payload) {
      if (mode === 'throws') throw new Error('socket hang up')
      if (mode === 'fail') return { success: false, error: 'quota exceeded' }
      writes.set(id, payload)
      return { success: true, id: `mem://${id}` }
    },
    read: async (): Promise<ColdStorageReadResult> => ({ success: false }),
    delete: async () => false,
    isAvailable: async () => true,
  }
  return { adapter, writes }
}

/** A stand-in encoder: keeps the bytes, tags them, so the test can see what was handed over. */
const identityEncode = async (bytes: Uint8Array): Promise<EncodedPayload> => ({
  compressed: bytes,
  hash: 'f'.repeat(64),
  originalSize: bytes.length,
  compressedSize: bytes.length,
})

function engine(options: TracehoundOptions = {}) {
  const clock = createManualClock(1_700_000_000_000)
  const th = new Tracehound({ clock: clock.now, random: createSeededRandom('evac'), ...options })
  const r = th.intercept({
    id: 's1',
    payload: { b: 2, a: 1 },
    source: 'x',
    timestamp: 5,
    threat: { category: 'malware', severity: 'high' },
  })
  if (r.status !== 'quarantined') throw new Error(r.status)
  return { th, signature: r.handle.signature }
}

describe('evacuate', () => {
  it('writes the canonical bytes, then removes the evidence with an evacuation audit record', async () => {
    const store = recordingStore()
    const { th, signature } = engine({ coldStorage: { adapter: store.adapter, encode: identityEncode } })
    const before = th.auditChain.length
    const outcome = await th.evacuate(signature)
    expect(outcome).toMatchObject({
      ok: true,
      location: `mem://${signature}`,
      record: { signature, destination: `mem://${signature}`, size: 13 },
    })
    expect(new TextDecoder().decode(store.writes.get(signature)!.compressed)).toBe('{"a":1,"b":2}')
    expect(th.quarantine.has(signature)).toBe(false)
    expect(th.auditChain.length).toBe(before + 1)
    expect(th.quarantine.stats.count).toBe(0)
  })

  it('without cold storage it answers COLD_NOT_CONFIGURED and keeps the evidence', async () => {
    const { th, signature } = engine()
    expect(await th.evacuate(signature)).toMatchObject({ ok: false, error: { code: 'COLD_NOT_CONFIGURED', state: 'cold_storage' } })
    expect(th.quarantine.has(signature)).toBe(true)
  })

  it('an unknown signature is QUARANTINE_NOT_FOUND', async () => {
    const { th } = engine({ coldStorage: { adapter: recordingStore().adapter, encode: identityEncode } })
    expect(await th.evacuate('malware:00')).toMatchObject({ ok: false, error: { code: 'QUARANTINE_NOT_FOUND' } })
  })

  it.each(['fail', 'throws'] as const)('a write that %s leaves the evidence and the audit chain as they were', async (mode) => {
    const { th, signature } = engine({ coldStorage: { adapter: recordingStore(mode).adapter, encode: identityEncode } })
    const before = th.auditChain.length
    const outcome = await th.evacuate(signature)
    expect(outcome).toMatchObject({ ok: false, error: { code: 'COLD_WRITE_FAILED', recoverable: true } })
    expect(th.quarantine.has(signature)).toBe(true)
    expect(th.auditChain.length).toBe(before)
  })

  it('an encoder failure is CODEC_ENCODE_FAILED', async () => {
    const encode = async () => {
      throw new Error('zlib')
    }
    const { th, signature } = engine({ coldStorage: { adapter: recordingStore().adapter, encode } })
    expect(await th.evacuate(signature)).toMatchObject({ ok: false, error: { code: 'CODEC_ENCODE_FAILED' } })
    expect(th.quarantine.has(signature)).toBe(true)
  })

  it('evidence the host already transferred cannot be evacuated', async () => {
    const { th, signature } = engine({ coldStorage: { adapter: recordingStore().adapter, encode: identityEncode } })
    th.quarantine.get(signature)!.transfer()
    expect(await th.evacuate(signature)).toMatchObject({ ok: false, error: { code: 'EVIDENCE_DISPOSED' } })
  })

  it('evidence evicted while the write was in flight is reported, not evacuated twice', async () => {
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const slow: IColdStorageAdapter = { ...recordingStore().adapter, write: async (id) => (await gate, { success: true, id }) }
    const { th, signature } = engine({ quarantine: { maxCount: 1 }, coldStorage: { adapter: slow, encode: identityEncode } })
    const pending = th.evacuate(signature)
    th.intercept({ id: 's2', payload: 'newer', source: 'x', timestamp: 6, threat: { category: 'malware', severity: 'critical' } })
    release()
    expect(await pending).toMatchObject({ ok: false, error: { code: 'EVIDENCE_DISPOSED' } })
  })
})
