/**
 * Checks the hardening flags the engine recommends for its host process:
 * --disable-proto=throw (no prototype pollution through __proto__) and
 * --frozen-intrinsics (built-in prototypes cannot be modified).
 */

import { Errors } from '../core/index.js'

/** The Node version, platform and which hardening flags the process runs with. */
export interface RuntimeInfo {
  nodeVersion: string
  protoDisabled: boolean
  intrinsicsFrozen: boolean
  platform: string
}

function protoDisabled(): boolean {
  try {
    void ({} as { __proto__?: unknown }).__proto__
    return false
  } catch {
    return true // --disable-proto=throw makes the accessor throw
  }
}

const intrinsicsFrozen = () => Object.isFrozen(Object.prototype)

/** Reads the Node version and which hardening flags the process runs with. */
export function getRuntimeInfo(): RuntimeInfo {
  return {
    nodeVersion: process.version,
    protoDisabled: protoDisabled(),
    intrinsicsFrozen: intrinsicsFrozen(),
    platform: process.platform,
  }
}

/** The missing hardening, as sentences; empty when the process is hardened. */
export function runtimeIssues(info: RuntimeInfo = getRuntimeInfo()): string[] {
  const issues: string[] = []
  if (!info.protoDisabled) issues.push('--disable-proto=throw not set. Prototype pollution via __proto__ possible.')
  if (!info.intrinsicsFrozen) issues.push('--frozen-intrinsics not set. Built-in prototypes can be modified.')
  return issues
}

/**
 * strict: throws TracehoundError RUNTIME_FLAG_MISSING (state 'runtime') when
 * a flag is missing; otherwise warns once through `warn` (default console.warn).
 * Meant for startup, never the request path.
 */
export function verifyRuntime(strict: boolean, options: { warn?: (message: string) => void } = {}): void {
  const issues = runtimeIssues()
  if (issues.length === 0) return
  if (strict) throw Errors.runtimeFlagMissing(issues.join(', '))
  const warn = options.warn ?? ((message: string) => console.warn(message))
  warn(`[tracehound] Runtime security issues:\n  - ${issues.join('\n  - ')}`)
}
