/**
 * HTTP delivery for webhooks: POST the event as JSON, sign it with HMAC-SHA256
 * when a secret is set, retry network errors and 5xx with a linear back-off.
 * Never rejects: delivery is best effort and must not disturb the emitter.
 */

import { createHmac } from 'node:crypto'
import type { TracehoundEvent, WebhookConfig, WebhookTransport } from '../core/index.js'

/** The header carrying the HMAC-SHA256 of a webhook body when the webhook has a secret. */
export const SIGNATURE_HEADER = 'X-Tracehound-Signature'

/** The fetch and the back-off wait the webhook transport uses (injectable for tests). */
export interface FetchWebhookTransportOptions {
  /** Defaults to the global fetch, looked up per request (so it can be stubbed). */
  fetch?: typeof fetch
  /** Defaults to a setTimeout-based wait. */
  sleep?: (ms: number) => Promise<void>
}

/** `sha256=<lowercase hex HMAC-SHA256(secret, body)>`: what a receiver recomputes to authenticate. */
export function signWebhookBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Delivers webhook events with fetch, signed when the webhook has a secret, retrying network
 * errors and 5xx per the webhook's `retry` settings (see the module comment).
 */
export function createFetchWebhookTransport(options: FetchWebhookTransportOptions = {}): WebhookTransport {
  const sleep = options.sleep ?? defaultSleep
  return async (webhook: WebhookConfig, event: TracehoundEvent) => {
    const doFetch = options.fetch ?? globalThis.fetch
    const body = JSON.stringify(event)
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'User-Agent': 'Tracehound/1.0',
      ...webhook.headers,
    }
    if (webhook.secret) headers[SIGNATURE_HEADER] = signWebhookBody(webhook.secret, body)

    const maxAttempts = Math.max(1, webhook.retry?.maxAttempts ?? 3)
    const delayMs = webhook.retry?.delayMs ?? 1000
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      let retryable: boolean
      try {
        const response = await doFetch(webhook.url, { method: 'POST', headers, body })
        if (response.ok) return
        retryable = response.status >= 500
      } catch {
        retryable = true
      }
      // 4xx means the receiver refused this event; asking again will not help.
      if (!retryable || attempt === maxAttempts) return
      await sleep(delayMs * attempt)
    }
  }
}
