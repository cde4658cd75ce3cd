import { describe, expect, it } from 'vitest'
import type { EncodedPayload } from '../core/index.js'
import { createMemoryColdStorage, MemoryColdStorage } from './memory-cold-storage.js'

const p: EncodedPayload = { compressed: new Uint8Array([1]), hash: '0'.repeat(64), originalSize: 1, compressedSize: 1 }

describe('MemoryColdStorage', () => {
  it('writes, reads, overwrites and deletes by id', async () => {
    const store = new MemoryColdStorage()
    expect(await store.isAvailable()).toBe(true)
    expect(await store.write('sig', p)).toEqual({ success: true, id: 'sig' })
    expect(await store.read('sig')).toEqual({ success: true, payload: p })
    const q = { ...p, originalSize: 2 }
    await store.write('sig', q)
    expect((await store.read('sig')).payload).toBe(q)
    expect(store.size).toBe(1)
    expect(await store.delete('sig')).toBe(true)
    expect(await store.delete('sig')).toBe(false)
    expect(await store.read('sig')).toEqual({ success: false, error: 'Not found' })
  })

  it('clear() empties it; the factory returns an adapter', async () => {
    const store = new MemoryColdStorage()
    await store.write('a', p)
    store.clear()
    expect(store.size).toBe(0)
    expect(await createMemoryColdStorage().read('a')).toMatchObject({ success: false })
  })
})
