/** GetStats as plain numbers: the wire's uint64 counters arrive as bigint, which JSON.stringify rejects. */

import type { GetStatsResponse } from '../gen/tracehound/v1/tracehound_service_pb.js'

/** The daemon's counters since it started; every count is a JSON-safe number. */
export interface DaemonStats {
  agent: {
    totalIntercepts: number
    clean: number
    rateLimited: number
    validationFailures: number
    ignored: number
    quarantined: number
    errors: number
  }
  quarantine: { count: number; bytes: number; bySeverity: Record<string, number> }
  rateLimiter: { sources: number; blocked: number; totalChecks: number; totalRejections: number }
  audit: { records: number; treeSize: number }
  watcher: {
    totalThreats: number
    byCategory: Record<string, number>
    bySeverity: Record<string, number>
    totalAlerts: number
    alertsInWindow: number
    overloaded: boolean
  }
}

/**
 * A counter beyond 2^53 cannot be a JSON number without losing digits; it is clamped to
 * MAX_SAFE_INTEGER (a daemon would need centuries of traffic to get there).
 */
function num(v: bigint | undefined): number {
  if (v === undefined) return 0
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v)
}

function counts(map: Record<string, bigint> | undefined): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [k, v] of Object.entries(map ?? {})) out[k] = num(v)
  return out
}

export function statsFromWire(r: GetStatsResponse): DaemonStats {
  const { agent: a, quarantine: q, rateLimiter: l, audit: au, watcher: w } = r
  return {
    agent: {
      totalIntercepts: num(a?.totalIntercepts),
      clean: num(a?.cleanCount),
      rateLimited: num(a?.rateLimitedCount),
      validationFailures: num(a?.validationFailures),
      ignored: num(a?.ignoredCount),
      quarantined: num(a?.quarantinedCount),
      errors: num(a?.errorCount),
    },
    quarantine: { count: num(q?.count), bytes: num(q?.bytes), bySeverity: counts(q?.bySeverity) },
    rateLimiter: {
      sources: num(l?.sources),
      blocked: num(l?.blocked),
      totalChecks: num(l?.totalChecks),
      totalRejections: num(l?.totalRejections),
    },
    audit: { records: num(au?.records), treeSize: num(au?.treeSize) },
    watcher: {
      totalThreats: num(w?.totalThreats),
      byCategory: counts(w?.byCategory),
      bySeverity: counts(w?.bySeverity),
      totalAlerts: num(w?.totalAlerts),
      alertsInWindow: num(w?.alertsInWindow),
      overloaded: w?.overloaded ?? false,
    },
  }
}
