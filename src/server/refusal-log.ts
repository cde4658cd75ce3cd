/** Counts every refusal in the metric and logs each reason at most once per interval, with how many it folded. */

import type { Logger } from 'pino'
import type { Metrics, RefusalReason } from './metrics.js'

export class RefusalLog {
  readonly #last = new Map<RefusalReason, { at: number; folded: number }>()

  constructor(
    private readonly metrics: Pick<Metrics, 'countRefused'>,
    private readonly log: Pick<Logger, 'warn'>,
    private readonly intervalMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** `count` refusals of one kind seen at once (streams the HTTP/2 layer refused, found later). */
  refused(reason: RefusalReason, detail?: Record<string, unknown>, count = 1): void {
    this.metrics.countRefused(reason, count)
    const t = this.now()
    const last = this.#last.get(reason)
    if (last && t - last.at < this.intervalMs) {
      last.folded += count
      return
    }
    // A flood must not turn into a flood of log lines.
    this.log.warn({ reason, ...detail, ...(count > 1 && { count }), ...(last && { sinceLastLog: last.folded }) }, 'refused')
    this.#last.set(reason, { at: t, folded: 0 })
  }
}
