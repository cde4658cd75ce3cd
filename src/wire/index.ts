/** proto ⇄ engine mapping shared by the daemon and the clients (neither imports the other). */

export { categoryFromWire, categoryToWire, severityFromWire, severityToWire } from './enums.js'
export { scentFromWire, scentToWire } from './scent.js'
export {
  auditRecordFromWire,
  auditRecordToWire,
  consistencyProofFromWire,
  consistencyProofToWire,
  evidenceRecordFromWire,
  inclusionProofFromWire,
  inclusionProofToWire,
  treeHeadFromWire,
  treeHeadToWire,
} from './audit.js'
export { i64, u64 } from './numbers.js'
export { handleToWire, verdictToWire } from './verdict.js'
export { majorOf, SCHEMA_VERSION } from './version.js'
