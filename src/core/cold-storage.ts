/** Cold storage port: where evacuated evidence goes. Adapters answer failures as values, never by throwing. */

import type { EncodedPayload } from './encoded-payload.js'

export interface ColdStorageWriteResult {
  success: boolean
  /** Adapter-specific location (key, URL) */
  id?: string
  error?: string
}

export interface ColdStorageReadResult {
  success: boolean
  payload?: EncodedPayload
  error?: string
}

export interface IColdStorageAdapter {
  write(id: string, payload: EncodedPayload): Promise<ColdStorageWriteResult>
  read(id: string): Promise<ColdStorageReadResult>
  /** true when something was deleted */
  delete(id: string): Promise<boolean>
  isAvailable(): Promise<boolean>
}
