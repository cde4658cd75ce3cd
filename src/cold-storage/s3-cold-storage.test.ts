import { describe, expect, it, vi } from 'vitest'
import { encodeWithIntegrity, verify, decodeWithIntegrity } from '../codec/integrity.js'
import { createS3ColdStorage, type S3LikeClient, S3ColdStorage } from './s3-cold-storage.js'

/** An in-memory bucket speaking the S3LikeClient calls. */
function fakeS3(bucket = 'evidence') {
  const objects = new Map<string, Uint8Array>()
  const client: S3LikeClient = {
    putObject: vi.fn(async ({ Bucket, Key, Body }) => {
      if (Bucket !== bucket) throw new Error('NoSuchBucket')
      objects.set(Key, Body.slice())
    }),
    getObject: vi.fn(async ({ Key }) => {
      const body = objects.get(Key)
      if (!body) throw new Error('NoSuchKey')
      return { Body: body }
    }),
    deleteObject: vi.fn(async ({ Key }) => {
      objects.delete(Key)
    }),
    headBucket: vi.fn(async ({ Bucket }) => {
      if (Bucket !== bucket) throw new Error('NotFound')
    }),
  }
  return { client, objects }
}

const payload = encodeWithIntegrity(new TextEncoder().encode('{"attack":"<script>"}'))

describe('S3ColdStorage', () => {
  it('stores one THCS object per id under the prefix and reads it back intact', async () => {
    const { client, objects } = fakeS3()
    const store = new S3ColdStorage({ client, bucket: 'evidence', prefix: 'prod/' })
    const written = await store.write('injection:abc', payload)
    expect(written).toEqual({ success: true, id: 'prod/injection:abc.thcs' })
    expect(client.putObject).toHaveBeenCalledWith(expect.objectContaining({ ContentType: 'application/octet-stream' }))
    expect(new TextDecoder().decode(objects.get('prod/injection:abc.thcs')!.subarray(0, 4))).toBe('THCS')
    const read = await store.read('injection:abc')
    expect(read.success).toBe(true)
    expect(verify(read.payload!)).toBe(true)
    expect(new TextDecoder().decode(decodeWithIntegrity(read.payload!))).toBe('{"attack":"<script>"}')
  })

  it("defaults the prefix to 'tracehound/evidence/'", async () => {
    const { client } = fakeS3()
    expect(await createS3ColdStorage({ client, bucket: 'evidence' }).write('x', payload)).toMatchObject({
      id: 'tracehound/evidence/x.thcs',
    })
  })

  it('answers failures as values: client errors, missing keys, corrupt objects', async () => {
    const { client, objects } = fakeS3()
    const wrongBucket = new S3ColdStorage({ client, bucket: 'other' })
    expect(await wrongBucket.write('x', payload)).toEqual({ success: false, error: 'NoSuchBucket' })
    expect(await wrongBucket.isAvailable()).toBe(false)

    const store = new S3ColdStorage({ client, bucket: 'evidence' })
    expect(await store.read('missing')).toEqual({ success: false, error: 'NoSuchKey' })
    objects.set('tracehound/evidence/bad.thcs', new Uint8Array([1, 2, 3]))
    expect(await store.read('bad')).toEqual({ success: false, error: 'Invalid envelope format' })
    expect(await store.write('y', { ...payload, hash: 'nope' })).toMatchObject({ success: false })
    expect(await store.isAvailable()).toBe(true)
  })

  it('delete reports false when the client fails', async () => {
    const { client } = fakeS3()
    const store = new S3ColdStorage({ client, bucket: 'evidence' })
    await store.write('z', payload)
    expect(await store.delete('z')).toBe(true)
    client.deleteObject = async () => {
      throw new Error('AccessDenied')
    }
    expect(await store.delete('z')).toBe(false)
  })

  it('tampering inside the stored object is caught by verify', async () => {
    const { client, objects } = fakeS3()
    const store = new S3ColdStorage({ client, bucket: 'evidence' })
    await store.write('t', payload)
    const body = objects.get('tracehound/evidence/t.thcs')!
    body[body.length - 1]! ^= 0xff
    const read = await store.read('t')
    expect(read.success).toBe(true)
    expect(verify(read.payload!)).toBe(false)
  })
})
