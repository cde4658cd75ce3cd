/** v1's NotificationEmitter: the core hub with HTTP webhook delivery plugged in. */

import { type INotificationEmitter, NotificationHub, type NotificationHubOptions } from '../core/index.js'
import { createFetchWebhookTransport } from './webhook-transport.js'

export class NotificationEmitter extends NotificationHub {
  constructor(options: NotificationHubOptions = {}) {
    super({ webhookTransport: createFetchWebhookTransport(), ...options })
  }
}

export function createNotificationEmitter(options: NotificationHubOptions = {}): INotificationEmitter {
  return new NotificationEmitter(options)
}
