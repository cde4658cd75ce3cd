/** Durable storage (docs/storage.md): the SQLite evidence ledger, group commit, and audit export. */

export { defaultDataDir, LEDGER_FILE } from './data-dir.js'
export { LedgerError, LedgerLockedError, LedgerRefusedError, LedgerVersionError } from './errors.js'
export { GroupCommit } from './group-commit.js'
export type { SetMismatch } from './evidence-log.js'
export type { IntegrityProblem, ProblemKind } from './integrity.js'
export { Ledger } from './ledger.js'
export type { LedgerOptions } from './ledger.js'
export { SCHEMA_VERSION } from './schema.js'
export { type FullVerification, verifyLedgerFile } from './verify-ledger.js'
export { CHECKPOINT_EVERY } from './checkpoint.js'
