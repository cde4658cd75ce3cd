/** In-process cold storage: for tests and for hosts that only want evacuation in memory. */

import type { ColdStorageReadResult, ColdStorageWriteResult, EncodedPayload, IColdStorageAdapter } from '../core/index.js'

/** Cold storage in a Map: for tests and local development. */
export class MemoryColdStorage implements IColdStorageAdapter {
  private readonly objects = new Map<string, EncodedPayload>()

  async write(id: string, payload: EncodedPayload): Promise<ColdStorageWriteResult> {
    this.objects.set(id, payload)
    return { success: true, id }
  }

  async read(id: string): Promise<ColdStorageReadResult> {
    const payload = this.objects.get(id)
    return payload ? { success: true, payload } : { success: false, error: 'Not found' }
  }

  async delete(id: string): Promise<boolean> {
    return this.objects.delete(id)
  }

  async isAvailable(): Promise<boolean> {
    return true
  }

  get size(): number {
    return this.objects.size
  }

  /** Forgets every object. */
  clear(): void {
    this.objects.clear()
  }
}

/** A fresh in-memory cold storage adapter. */
export function createMemoryColdStorage(): IColdStorageAdapter {
  return new MemoryColdStorage()
}
