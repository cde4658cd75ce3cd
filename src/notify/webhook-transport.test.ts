import { createHmac } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import type { TracehoundEvent } from '../core/index.js'
import { createFetchWebhookTransport, SIGNATURE_HEADER, signWebhookBody } from './webhook-transport.js'

const event: TracehoundEvent = { type: 'threat.detected', timestamp: 1, payload: { x: 1 }, id: 'evt-1' }
const response = (status: number) => ({ ok: status >= 200 && status < 300, status }) as Response

function transportWith(...answers: Array<number | Error>) {
  const fetch = vi.fn(async () => {
    const next = answers.shift() ?? 200
    if (next instanceof Error) throw next
    return response(next)
  })
  const sleep = vi.fn(async () => {})
  return { fetch, sleep, send: createFetchWebhookTransport({ fetch: fetch as unknown as typeof globalThis.fetch, sleep }) }
}

describe('webhook transport', () => {
  it('POSTs the event as JSON with a verifiable HMAC-SHA256 signature', async () => {
    const { fetch, send } = transportWith(200)
    await send({ url: 'http://127.0.0.1:9/hook', secret: 's3cret', headers: { 'X-Tenant': 't1' } }, event)
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit]
    const headers = init.headers as Record<string, string>
    expect(url).toBe('http://127.0.0.1:9/hook')
    expect(init.method).toBe('POST')
    expect(JSON.parse(init.body as string)).toEqual(event)
    expect(headers['Content-Type']).toBe('application/json')
    expect(headers['X-Tenant']).toBe('t1')
    const expected = createHmac('sha256', 's3cret')
      .update(init.body as string)
      .digest('hex')
    expect(headers[SIGNATURE_HEADER]).toBe(`sha256=${expected}`)
    expect(signWebhookBody('s3cret', init.body as string)).toBe(`sha256=${expected}`)
  })

  it('sends no signature header without a secret', async () => {
    const { fetch, send } = transportWith(200)
    await send({ url: 'u' }, event)
    expect((fetch.mock.calls[0] as unknown as [string, RequestInit])[1].headers).not.toHaveProperty(SIGNATURE_HEADER)
  })

  it('retries 5xx and network errors with linear back-off, up to maxAttempts', async () => {
    const { fetch, sleep, send } = transportWith(503, new Error('ECONNREFUSED'), 200)
    await send({ url: 'u', retry: { maxAttempts: 5, delayMs: 10 } }, event)
    expect(fetch).toHaveBeenCalledTimes(3)
    expect(sleep.mock.calls).toEqual([[10], [20]])
  })

  it('gives up after maxAttempts without rejecting', async () => {
    const { fetch, sleep, send } = transportWith(500, 500, 500, 500)
    await expect(send({ url: 'u', retry: { maxAttempts: 3, delayMs: 1 } }, event)).resolves.toBeUndefined()
    expect(fetch).toHaveBeenCalledTimes(3)
    expect(sleep).toHaveBeenCalledTimes(2)
  })

  it('does not retry a 4xx refusal', async () => {
    const { fetch, send } = transportWith(400, 200)
    await send({ url: 'u' }, event)
    expect(fetch).toHaveBeenCalledTimes(1)
  })

  it('defaults to 3 attempts 1000 ms apart, times the attempt', async () => {
    const { fetch, sleep, send } = transportWith(502, 502, 502, 502)
    await send({ url: 'u' }, event)
    expect(fetch).toHaveBeenCalledTimes(3)
    expect(sleep.mock.calls).toEqual([[1000], [2000]])
  })
})
