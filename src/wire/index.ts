/** proto ⇄ engine mapping shared by the daemon and the clients (neither imports the other). */

export { categoryFromWire, categoryToWire, severityFromWire, severityToWire } from './enums.js'
export { scentFromWire, scentToWire } from './scent.js'
export { auditRecordToWire, handleToWire, i64, u64, verdictToWire } from './verdict.js'
export { majorOf, SCHEMA_VERSION } from './version.js'
