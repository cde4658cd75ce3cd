/** Running threat counts by category and severity, shared by Watcher and SecurityState. */

import type { Severity } from '../types.js'

/** Threats seen, by category and by severity. */
export interface ThreatStats {
  total: number
  byCategory: Record<string, number>
  bySeverity: Record<Severity, number>
}

export class ThreatTally {
  private total = 0
  private readonly byCategory = new Map<string, number>()
  private readonly bySeverity: Record<Severity, number> = { low: 0, medium: 0, high: 0, critical: 0 }

  add(category: string, severity: Severity): void {
    this.total++
    this.byCategory.set(category, (this.byCategory.get(category) ?? 0) + 1)
    if (severity in this.bySeverity) this.bySeverity[severity]++
  }

  toStats(): ThreatStats {
    return { total: this.total, byCategory: Object.fromEntries(this.byCategory), bySeverity: { ...this.bySeverity } }
  }
}
