/**
 * Checks that bytes are exactly the TH-CJSON-1 encoding of some JSON value, without building that
 * value: one pass over the bytes, an explicit stack (no recursion), nesting refused past MAX_DEPTH.
 * When it passes, canonicalize(JSON.parse(bytes)) would give back the same bytes, so a signature
 * over them is the one the embedded engine computes for the payload they stand for.
 */

import { isArrayIndexKey, MAX_DEPTH, TOO_DEEP } from './canonical-json.js'

/** The outcome of checkCanonical: ok, or the first byte offset that breaks TH-CJSON-1 (tooDeep: nesting past MAX_DEPTH). */
export type CanonicalCheck = { ok: true } | { ok: false; tooDeep: boolean; offset: number; reason: string }

const QUOTE = 0x22
const BACKSLASH = 0x5c
/** Control characters JSON.stringify writes with a short escape: these never appear as \u00xx. */
const SHORT_ESCAPES: Record<number, number> = { 0x22: 0x22, 0x5c: 0x5c, 0x62: 0x08, 0x66: 0x0c, 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09 }
const HAS_SHORT_FORM = new Set([0x08, 0x09, 0x0a, 0x0c, 0x0d])
/** Longer than any Number::toString output (e.g. -1.7976931348623157e+308 is 24). */
const MAX_NUMBER_TEXT = 32

class NotCanonical {
  constructor(
    readonly offset: number,
    readonly reason: string,
    readonly tooDeep = false,
  ) {}
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

interface Frame {
  object: boolean
  lastKey: string | undefined
}

/** Checks that `bytes` are exactly the TH-CJSON-1 encoding of some JSON value, in one pass and without building it. */
export function checkCanonical(bytes: Uint8Array): CanonicalCheck {
  try {
    new Checker(bytes).run()
    return { ok: true }
  } catch (e) {
    if (e instanceof NotCanonical) return { ok: false, tooDeep: e.tooDeep, offset: e.offset, reason: e.reason }
    throw e
  }
}

class Checker {
  private i = 0
  private readonly stack: Frame[] = []

  constructor(private readonly b: Uint8Array) {}

  run(): void {
    const { b, stack } = this
    for (;;) {
      // A value starts at this.i.
      const c = b[this.i]
      if (c === 0x7b || c === 0x5b) {
        if (stack.length >= MAX_DEPTH) throw new NotCanonical(this.i, TOO_DEEP, true)
        const object = c === 0x7b
        stack.push({ object, lastKey: undefined })
        this.i++
        if (b[this.i] === (object ? 0x7d : 0x5d)) {
          this.i++
          stack.pop()
        } else {
          if (object) this.key(stack[stack.length - 1]!)
          continue
        }
      } else {
        this.scalar(c)
      }
      // After a value: close containers, or move to the next member.
      for (;;) {
        const top = stack[stack.length - 1]
        if (!top) {
          if (this.i !== b.length) throw new NotCanonical(this.i, 'bytes after the value')
          return
        }
        const d = b[this.i]
        if (d === 0x2c) {
          this.i++
          if (top.object) this.key(top)
          break
        }
        if (d === (top.object ? 0x7d : 0x5d)) {
          this.i++
          stack.pop()
          continue
        }
        throw new NotCanonical(this.i, top.object ? "expected ',' or '}'" : "expected ',' or ']'")
      }
    }
  }

  /** An object key, in strictly increasing TH-CJSON-1 order, and its ':'. */
  private key(frame: Frame): void {
    const at = this.i
    if (this.b[at] !== QUOTE) throw new NotCanonical(at, 'expected a string key')
    const key = this.string(true)!
    if (frame.lastKey !== undefined && !keyBefore(frame.lastKey, key)) {
      throw new NotCanonical(at, 'object keys out of canonical order or repeated')
    }
    frame.lastKey = key
    if (this.b[this.i] !== 0x3a) throw new NotCanonical(this.i, "expected ':'")
    this.i++
  }

  private scalar(c: number | undefined): void {
    if (c === QUOTE) this.string(false)
    else if (c === 0x74) this.literal('true')
    else if (c === 0x66) this.literal('false')
    else if (c === 0x6e) this.literal('null')
    else if (c === 0x2d || (c !== undefined && c >= 0x30 && c <= 0x39)) this.number()
    else throw new NotCanonical(this.i, c === undefined ? 'unexpected end' : 'expected a value')
  }

  private literal(word: string): void {
    for (let k = 0; k < word.length; k++) {
      if (this.b[this.i + k] !== word.charCodeAt(k)) throw new NotCanonical(this.i, `expected ${word}`)
    }
    this.i += word.length
  }

  private number(): void {
    const { b } = this
    const start = this.i
    let j = start
    const digits = () => {
      const from = j
      while (b[j] !== undefined && b[j]! >= 0x30 && b[j]! <= 0x39) j++
      return j - from
    }
    if (b[j] === 0x2d) j++
    if (digits() === 0) throw new NotCanonical(j, 'malformed number')
    if (b[j] === 0x2e) {
      j++
      if (digits() === 0) throw new NotCanonical(j, 'malformed number')
    }
    if (b[j] === 0x65 || b[j] === 0x45) {
      j++
      if (b[j] === 0x2b || b[j] === 0x2d) j++
      if (digits() === 0) throw new NotCanonical(j, 'malformed number')
    }
    if (j - start > MAX_NUMBER_TEXT) throw new NotCanonical(start, 'number not in canonical form')
    const text = String.fromCharCode(...b.subarray(start, j))
    const n = Number(text)
    if (!Number.isFinite(n) || String(n) !== text) throw new NotCanonical(start, 'number not in canonical form')
    this.i = j
  }

  /** A string as JSON.stringify writes it; returns its text when `decode` (for keys). */
  private string(decode: boolean): string | undefined {
    const { b } = this
    let i = this.i + 1
    let out = ''
    let segment = i
    let ascii = true
    let afterHighEscape = false
    for (;;) {
      const c = b[i]
      if (c === undefined) throw new NotCanonical(i, 'unterminated string')
      if (c === QUOTE) break
      if (c === BACKSLASH) {
        if (decode) out += text(b, segment, i, ascii)
        const e = b[i + 1]
        let unit: number
        if (e === 0x75) {
          unit = hex4(b, i + 2)
          const surrogate = unit >= 0xd800 && unit <= 0xdfff
          if (unit < 0 || (unit >= 0x20 && !surrogate) || HAS_SHORT_FORM.has(unit)) {
            throw new NotCanonical(i, 'escape not in canonical form')
          }
          // An escaped high surrogate then an escaped low one form a pair, which is written raw.
          if (afterHighEscape && unit >= 0xdc00 && surrogate) throw new NotCanonical(i, 'surrogate pair written as escapes')
          afterHighEscape = surrogate && unit < 0xdc00
          i += 6
        } else {
          unit = e === undefined ? -1 : (SHORT_ESCAPES[e] ?? -1)
          if (unit < 0) throw new NotCanonical(i, 'escape not in canonical form')
          afterHighEscape = false
          i += 2
        }
        if (decode) out += String.fromCharCode(unit)
        segment = i
        ascii = true
        continue
      }
      afterHighEscape = false
      if (c < 0x20) throw new NotCanonical(i, 'unescaped control character')
      if (c < 0x80) {
        i++
      } else {
        i += utf8Sequence(b, i)
        ascii = false
      }
    }
    this.i = i + 1
    return decode ? out + text(b, segment, i, ascii) : undefined
  }
}

/** Already-checked UTF-8 as a string; short ASCII runs (most keys) without a decoder call. */
function text(b: Uint8Array, from: number, to: number, ascii: boolean): string {
  if (from === to) return ''
  if (ascii && to - from <= 64) return String.fromCharCode.apply(null, b.subarray(from, to) as unknown as number[])
  return utf8.decode(b.subarray(from, to))
}

/** Four lowercase hex digits as a number, or -1. */
function hex4(b: Uint8Array, at: number): number {
  let n = 0
  for (let k = 0; k < 4; k++) {
    const c = b[at + k]
    const d = c === undefined ? -1 : c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1
    if (d < 0) return -1
    n = n * 16 + d
  }
  return n
}

/** Length of the well-formed UTF-8 sequence (RFC 3629: no overlong forms, no surrogates) at `at`. */
function utf8Sequence(b: Uint8Array, at: number): number {
  const c = b[at]!
  const cont = (k: number, lo = 0x80, hi = 0xbf) => {
    const x = b[at + k]
    if (x === undefined || x < lo || x > hi) throw new NotCanonical(at, 'invalid UTF-8')
  }
  if (c >= 0xc2 && c <= 0xdf) {
    cont(1)
    return 2
  }
  if (c >= 0xe0 && c <= 0xef) {
    cont(1, c === 0xe0 ? 0xa0 : 0x80, c === 0xed ? 0x9f : 0xbf)
    cont(2)
    return 3
  }
  if (c >= 0xf0 && c <= 0xf4) {
    cont(1, c === 0xf0 ? 0x90 : 0x80, c === 0xf4 ? 0x8f : 0xbf)
    cont(2)
    cont(3)
    return 4
  }
  throw new NotCanonical(at, 'invalid UTF-8')
}

/** Strict TH-CJSON-1 key order: array-index keys numerically, then UTF-16 code units. */
function keyBefore(a: string, b: string): boolean {
  const ai = isArrayIndexKey(a)
  const bi = isArrayIndexKey(b)
  if (ai && bi) return Number(a) < Number(b)
  if (ai !== bi) return ai
  return a < b
}
