/** Cold storage port: where evacuated evidence goes. Adapters answer failures as values, never by throwing. */

import type { EncodedPayload } from '../encoding/encoded-payload.js'

/** What a cold storage write reports. */
export interface ColdStorageWriteResult {
  success: boolean
  /** Adapter-specific location (key, URL) */
  id?: string
  error?: string
}

/** What a cold storage read returns. */
export interface ColdStorageReadResult {
  success: boolean
  payload?: EncodedPayload
  error?: string
}

/** v1's cold storage contract: write, read and probe evidence objects by id. */
export interface IColdStorageAdapter {
  /** Stores an object under `id`. */
  write(id: string, payload: EncodedPayload): Promise<ColdStorageWriteResult>
  /** The object stored under `id`, or a not-found result. */
  read(id: string): Promise<ColdStorageReadResult>
  /** true when something was deleted */
  delete(id: string): Promise<boolean>
  /** True when the store can be reached now. */
  isAvailable(): Promise<boolean>
}
