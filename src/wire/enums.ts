/** Engine names ⇄ wire enums for categories and severities. */

import type { Severity, ThreatCategory } from '../core/index.js'
import { Severity as WireSeverity, ThreatCategory as WireCategory } from '../gen/tracehound/v1/scent_pb.js'

const severities: Record<Severity, WireSeverity> = {
  low: WireSeverity.LOW,
  medium: WireSeverity.MEDIUM,
  high: WireSeverity.HIGH,
  critical: WireSeverity.CRITICAL,
}

const categories: Record<ThreatCategory, WireCategory> = {
  injection: WireCategory.INJECTION,
  ddos: WireCategory.DDOS,
  flood: WireCategory.FLOOD,
  spam: WireCategory.SPAM,
  malware: WireCategory.MALWARE,
  unknown: WireCategory.UNKNOWN,
}

const invert = <K extends string, V extends number>(m: Record<K, V>): Map<V, K> =>
  new Map(Object.entries(m).map(([k, v]) => [v as V, k as K]))

const severityNames = invert(severities)
const categoryNames = invert(categories)

export const severityToWire = (s: Severity): WireSeverity => severities[s]
export const categoryToWire = (c: ThreatCategory): WireCategory => categories[c]

/** Unspecified or unknown values map to undefined; protovalidate rejects them on requests. */
export const severityFromWire = (s: WireSeverity): Severity | undefined => severityNames.get(s)
export const categoryFromWire = (c: WireCategory): ThreatCategory | undefined => categoryNames.get(c)
