import { describe, expect, it } from 'vitest'
import { createError, ErrorCodes, errorState, Errors, isTracehoundError, TracehoundConfigError, TracehoundError } from './errors.js'

describe('TracehoundError', () => {
  it('is a real Error with a stack, a code from the closed list, its state, and a cause', () => {
    const cause = new Error('disk gone')
    const e = new TracehoundError('STORAGE_COMMIT_FAILED', 'not durable', { cause, context: { n: 1 } })
    expect(e).toBeInstanceOf(Error)
    expect(e.stack).toContain('errors.test.ts')
    expect(e.name).toBe('TracehoundError')
    expect(e).toMatchObject({ code: 'STORAGE_COMMIT_FAILED', state: 'storage', recoverable: false, context: { n: 1 } })
    expect(e.cause).toBe(cause)
  })

  it('shows in JSON and spreads exactly the fields v1 plain objects had, in v1 order', () => {
    const e = Errors.evidenceAlreadyDisposed('injection:ab')
    expect(JSON.parse(JSON.stringify(e))).toEqual({
      state: 'evidence',
      code: 'EVIDENCE_DISPOSED',
      message: 'Evidence injection:ab already disposed',
      context: { signature: 'injection:ab' },
      recoverable: false,
    })
    expect(Object.keys(e)).toEqual(['state', 'code', 'message', 'context', 'recoverable'])
    expect({ ...e }.message).toBe('Evidence injection:ab already disposed')
  })

  it('keeps v1 createError: state, code, message, context, recoverable by default', () => {
    const e = createError('quarantine', 'QUARANTINE_FULL', 'full', { context: { count: 1 } })
    expect(e).toBeInstanceOf(TracehoundError)
    expect(e).toMatchObject({ state: 'quarantine', code: 'QUARANTINE_FULL', message: 'full', recoverable: true })
    expect(isTracehoundError(e)).toBe(true)
    expect(isTracehoundError({ state: 'agent', code: 'X', message: 'plain, as v1 threw' })).toBe(true)
    expect(isTracehoundError(new Error('x'))).toBe(false)
  })

  it('derives every code’s state from one table, and ErrorCodes lists each code once', () => {
    const codes = Object.keys(ErrorCodes)
    expect(new Set(codes).size).toBe(codes.length)
    for (const code of codes) {
      const c = code as keyof typeof ErrorCodes
      expect(ErrorCodes[c]).toBe(code)
      expect(new TracehoundError(c, 'm').state).toBe(errorState(c))
    }
    // v1's codes stay as v1 spelled them, including the catch-alls v1 used outside its list.
    for (const v1 of ['AGENT_SERIALIZATION_FAILED', 'EVIDENCE_DISPOSED', 'INTERCEPT_FAILED', 'EVIDENCE_CREATION_FAILED', 'DECODE_FAILED']) {
      expect(codes).toContain(v1)
    }
  })

  it('every v1 factory makes a TracehoundError whose code is on the list', () => {
    const made = [
      Errors.invalidConfigQuarantine('x'),
      Errors.payloadTooLarge(2, 1),
      Errors.serializationFailed('NaN'),
      Errors.quarantineFull(1, 1),
      Errors.evidenceHashMismatch('a', 'b'),
      Errors.storageCommitFailed('x'),
      Errors.coldStorageUnavailable(),
      Errors.processCrashed('h', 1),
      Errors.rateLimited('s', 1),
      Errors.schedulerAlreadyRunning(),
    ]
    for (const e of made) {
      expect(e).toBeInstanceOf(TracehoundError)
      expect(Object.keys(ErrorCodes)).toContain(e.code)
      expect(e.state).toBe(errorState(e.code))
    }
  })

  it('subclasses only narrow the code', () => {
    const e = new TracehoundConfigError('CONFIG_MAC_INVALID', 'bad key')
    expect(e).toBeInstanceOf(TracehoundError)
    expect(e).toMatchObject({ name: 'TracehoundConfigError', state: 'config', code: 'CONFIG_MAC_INVALID', recoverable: false })
  })
})
