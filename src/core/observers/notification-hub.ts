/**
 * Notification hub: v1's NotificationEmitter minus the network. Callbacks,
 * async subscriptions and webhook registrations all hear every event; the
 * webhook delivery itself is a port (src/notify provides the HTTP one).
 * Emitting never throws and never waits on a consumer.
 */

import { TracehoundConfigError } from '../errors.js'
import { type Clock, systemClock } from '../ports/clock.js'
import { EventSubscription } from './event-subscription.js'
import type { Severity } from '../types.js'

/** Every event the engine emits. */
export type EventType =
  | 'threat.detected'
  | 'evidence.quarantined'
  | 'evidence.evicted'
  | 'rate_limit.exceeded'
  | 'system.panic'
  | 'license.validated'
  | 'license.expired'

/** One emitted event: its type, time, payload and a unique id. */
export interface TracehoundEvent<T = unknown> {
  type: EventType
  /** ms since epoch, from the injected clock */
  timestamp: number
  payload: T
  /** `evt-<n>`, counting from 1 per hub */
  id: string
}

/** A scent arrived with a threat signal. */
export interface ThreatDetectedPayload {
  scentId: string
  category: string
  severity: Severity
  source: string
}

/** Evidence entered the quarantine. */
export interface EvidenceQuarantinedPayload {
  signature: string
  severity: Severity
  sizeBytes: number
}

/** Evidence left the quarantine without an operator's request (capacity or policy). */
export interface EvidenceEvictedPayload {
  signature: string
  reason: 'capacity' | 'policy' | 'manual'
}

/** A source was refused by the rate limiter. */
export interface RateLimitExceededPayload {
  source: string
  retryAfterMs: number
}

/** The fail-safe tripped. */
export interface SystemPanicPayload {
  level: 'warning' | 'critical' | 'fatal'
  reason: string
  context?: Record<string, unknown>
}

/** v1's license event (kept for compatibility). */
export interface LicenseValidatedPayload {
  tier: 'starter' | 'pro' | 'enterprise'
  daysRemaining?: number
}

/** v1's license event (kept for compatibility). */
export interface LicenseExpiredPayload {
  tier: 'starter' | 'pro' | 'enterprise'
  gracePeriod: boolean
}

/** A webhook: where events go, which ones, extra headers, an HMAC secret, retries. */
export interface WebhookConfig {
  url: string
  /** Event types to deliver; empty or absent means all. */
  events?: EventType[]
  headers?: Record<string, string>
  /** Signs the body: `X-Tracehound-Signature: sha256=<hex hmac>`. */
  secret?: string
  /** Defaults: 3 attempts, 1000 ms times the attempt number between them. */
  retry?: { maxAttempts: number; delayMs: number }
}

/** Delivers one event to one webhook; failures are the transport's to absorb. */
export type WebhookTransport = (webhook: WebhookConfig, event: TracehoundEvent) => Promise<void>

/** A listener registered with `on`. */
export type EventCallback<T = unknown> = (event: TracehoundEvent<T>) => void

/** Emission counters and the current number of listeners, subscribers and webhooks. */
export interface NotificationEmitterStats {
  totalEmitted: number
  byType: Record<EventType, number>
  activeCallbacks: number
  activeSubscribers: number
  activeWebhooks: number
  /** Events a slow subscriber lost because its buffer was full (oldest first). Not in v1. */
  droppedEvents: number
}

/** v1's notification contract: callbacks, async-iterable subscriptions and webhooks. */
export interface INotificationEmitter {
  /** Calls `callback` for every event of the type. */
  on<T = unknown>(event: EventType, callback: EventCallback<T>): void
  /** Removes a callback registered with `on`. */
  off<T = unknown>(event: EventType, callback: EventCallback<T>): void
  /** Async iterable of events (all when `events` is empty or absent); `return()` unsubscribes. */
  subscribe(events?: EventType[]): AsyncIterable<TracehoundEvent>
  /** Posts matching events to the webhook; returns its id. */
  registerWebhook(config: WebhookConfig): string
  /** Stops the webhook with that id. */
  unregisterWebhook(id: string): void
  /** Emits an event to callbacks, subscribers and webhooks; never throws. */
  emit<T>(type: EventType, payload: T): void
  /** True when some consumer would receive `type`: lets producers skip building payloads. */
  hasListeners(type: EventType): boolean
  readonly stats: NotificationEmitterStats
}

/** Clock, webhook transport and per-subscriber buffer of the notification hub. */
export interface NotificationHubOptions {
  clock?: Clock
  /** Without one, registerWebhook is refused rather than silently dropping events. */
  webhookTransport?: WebhookTransport
  /** Events buffered per subscriber that is not reading; beyond it the oldest are dropped. Default 10 000. */
  subscriberBufferSize?: number
}

const wants = (filter: readonly EventType[] | null | undefined, type: EventType) => !filter || filter.length === 0 || filter.includes(type)

export class NotificationHub implements INotificationEmitter {
  private readonly callbacks = new Map<EventType, Set<EventCallback>>()
  private readonly subscribers = new Set<EventSubscription>()
  private readonly webhooks = new Map<string, WebhookConfig>()
  private readonly byType = new Map<EventType, number>()
  private readonly clock: Clock
  private readonly transport: WebhookTransport | undefined
  private totalEmitted = 0
  private eventCount = 0
  private webhookCount = 0
  private droppedEvents = 0
  private readonly bufferSize: number

  constructor(options: NotificationHubOptions = {}) {
    this.clock = options.clock ?? systemClock
    this.transport = options.webhookTransport
    this.bufferSize = Math.max(1, options.subscriberBufferSize ?? 10_000)
  }

  on<T = unknown>(event: EventType, callback: EventCallback<T>): void {
    let set = this.callbacks.get(event)
    if (!set) this.callbacks.set(event, (set = new Set()))
    set.add(callback as EventCallback)
  }

  off<T = unknown>(event: EventType, callback: EventCallback<T>): void {
    this.callbacks.get(event)?.delete(callback as EventCallback)
  }

  subscribe(events?: EventType[]): AsyncIterable<TracehoundEvent> {
    const subscription = new EventSubscription(
      events,
      this.bufferSize,
      () => void this.droppedEvents++,
      (closed) => this.subscribers.delete(closed),
    )
    this.subscribers.add(subscription)
    return { [Symbol.asyncIterator]: () => subscription }
  }

  registerWebhook(config: WebhookConfig): string {
    if (!this.transport) {
      throw new TracehoundConfigError('CONFIG_WEBHOOK_TRANSPORT_MISSING', 'This emitter has no webhook transport')
    }
    const id = `webhook-${++this.webhookCount}`
    this.webhooks.set(id, { ...config })
    return id
  }

  unregisterWebhook(id: string): void {
    this.webhooks.delete(id)
  }

  hasListeners(type: EventType): boolean {
    if ((this.callbacks.get(type)?.size ?? 0) > 0) return true
    for (const sub of this.subscribers) if (sub.wants(type)) return true
    for (const hook of this.webhooks.values()) if (wants(hook.events, type)) return true
    return false
  }

  emit<T>(type: EventType, payload: T): void {
    const event: TracehoundEvent<T> = { type, timestamp: this.clock(), payload, id: `evt-${++this.eventCount}` }
    this.totalEmitted++
    this.byType.set(type, (this.byType.get(type) ?? 0) + 1)

    for (const callback of this.callbacks.get(type) ?? []) {
      try {
        callback(event)
      } catch {
        // A consumer's bug must not reach the producer (often the request path).
      }
    }
    for (const sub of this.subscribers) if (sub.wants(type)) sub.push(event)
    if (this.transport) {
      for (const hook of this.webhooks.values()) {
        if (!wants(hook.events, type)) continue
        try {
          this.transport(hook, event).catch(() => {})
        } catch {
          // Same rule for a transport that throws synchronously.
        }
      }
    }
  }

  get stats(): NotificationEmitterStats {
    let activeCallbacks = 0
    for (const set of this.callbacks.values()) activeCallbacks += set.size
    return {
      totalEmitted: this.totalEmitted,
      byType: Object.fromEntries(this.byType) as Record<EventType, number>,
      activeCallbacks,
      activeSubscribers: this.subscribers.size,
      activeWebhooks: this.webhooks.size,
      droppedEvents: this.droppedEvents,
    }
  }
}
