/**
 * S3-compatible cold storage (AWS S3, R2, MinIO, ...). The client is injected
 * (no SDK dependency); each payload is one object holding a THCS envelope
 * under `<prefix><id>.thcs`.
 */

import {
  type ColdStorageReadResult,
  type ColdStorageWriteResult,
  type EncodedPayload,
  type IColdStorageAdapter,
  packEnvelope,
  unpackEnvelope,
} from '../core/index.js'

/** The four calls this adapter needs, in the AWS SDK's parameter shape. */
export interface S3LikeClient {
  /** Writes an object. */
  putObject(params: { Bucket: string; Key: string; Body: Uint8Array; ContentType?: string }): Promise<void>
  /** Reads an object. */
  getObject(params: { Bucket: string; Key: string }): Promise<{ Body: Uint8Array }>
  /** Deletes an object. */
  deleteObject(params: { Bucket: string; Key: string }): Promise<void>
  /** Checks that the bucket can be reached. */
  headBucket(params: { Bucket: string }): Promise<void>
}

/** Where and how S3ColdStorage writes. */
export interface S3ColdStorageConfig {
  client: S3LikeClient
  bucket: string
  /** Default 'tracehound/evidence/'. */
  prefix?: string
}

const messageOf = (err: unknown, fallback: string) =>
  err instanceof Error ? err.message : typeof err === 'object' && err && 'message' in err ? String(err.message) : fallback

/** Cold storage in an S3-compatible bucket, one object per evidence signature. */
export class S3ColdStorage implements IColdStorageAdapter {
  private readonly client: S3LikeClient
  private readonly bucket: string
  private readonly prefix: string

  constructor(config: S3ColdStorageConfig) {
    this.client = config.client
    this.bucket = config.bucket
    this.prefix = config.prefix ?? 'tracehound/evidence/'
  }

  async write(id: string, payload: EncodedPayload): Promise<ColdStorageWriteResult> {
    const Key = this.key(id)
    try {
      const Body = packEnvelope(payload)
      await this.client.putObject({ Bucket: this.bucket, Key, Body, ContentType: 'application/octet-stream' })
      return { success: true, id: Key }
    } catch (err) {
      return { success: false, error: messageOf(err, 'Unknown S3 write error') }
    }
  }

  async read(id: string): Promise<ColdStorageReadResult> {
    try {
      const { Body } = await this.client.getObject({ Bucket: this.bucket, Key: this.key(id) })
      const payload = unpackEnvelope(Body)
      return payload ? { success: true, payload } : { success: false, error: 'Invalid envelope format' }
    } catch (err) {
      return { success: false, error: messageOf(err, 'Unknown S3 read error') }
    }
  }

  async delete(id: string): Promise<boolean> {
    try {
      await this.client.deleteObject({ Bucket: this.bucket, Key: this.key(id) })
      return true
    } catch {
      return false
    }
  }

  async isAvailable(): Promise<boolean> {
    try {
      await this.client.headBucket({ Bucket: this.bucket })
      return true
    } catch {
      return false
    }
  }

  private key(id: string): string {
    return `${this.prefix}${id}.thcs`
  }
}

/** An S3 cold storage adapter for the given bucket configuration. */
export function createS3ColdStorage(config: S3ColdStorageConfig): IColdStorageAdapter {
  return new S3ColdStorage(config)
}
