/** JSON.stringify of one value, with its common case on the audit path spelled out (platform-free). */

/** The code units JSON.stringify escapes, plus every surrogate (a lone one is escaped, a pair is not: left to it). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are the ones JSON escapes
const NEEDS_JSON = /["\\\u0000-\u001f\ud800-\udfff]/

/**
 * Exactly JSON.stringify(value): a string with nothing to escape (ids, hex hashes, signatures) is
 * only quoted, which costs about half of a call into JSON.stringify; anything else goes to it.
 */
export function jsonText(value: unknown): string | undefined {
  return typeof value === 'string' && !NEEDS_JSON.test(value) ? `"${value}"` : JSON.stringify(value)
}
