import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ClientErrorCodeSchema } from '../gen/tracehound/v1/client_error_pb.js'
import { clientError, ClientErrorCode } from './client-error.js'

const PREFIX = 'CLIENT_ERROR_CODE_'
const known = ClientErrorCodeSchema.values.filter((v) => v.number !== ClientErrorCode.UNSPECIFIED)

describe('client error codes', () => {
  it('come from the proto enum: every value but UNSPECIFIED, named as in the proto without its prefix', () => {
    expect(known.length).toBeGreaterThanOrEqual(4)
    for (const v of known) {
      const e = clientError(v.number as Exclude<ClientErrorCode, ClientErrorCode.UNSPECIFIED>, 'm')
      expect(e.code).toBe(v.name.slice(PREFIX.length))
      expect(typeof e.state).toBe('string')
      expect(e.state).not.toBe('')
      expect(e.message).toBe('m')
    }
  })

  it('keep the strings SDK users match on today', () => {
    const codes = known.map((v) => v.name.slice(PREFIX.length))
    expect(codes).toEqual(
      expect.arrayContaining(['DAEMON_UNAVAILABLE', 'SCENT_INVALID', 'CLIENT_UNKNOWN_VERDICT', 'AGENT_SERIALIZATION_FAILED']),
    )
    expect(clientError(ClientErrorCode.DAEMON_UNAVAILABLE, 'down')).toEqual({
      state: 'daemon',
      code: 'DAEMON_UNAVAILABLE',
      message: 'down',
      recoverable: true,
    })
    expect(clientError(ClientErrorCode.SCENT_INVALID, 'bad')).toMatchObject({ state: 'scent', recoverable: false })
  })

  // The enum is the one definition: no SDK client source spells a code as a string literal.
  it('are not retyped as string literals in any SDK client source', () => {
    const root = join(import.meta.dirname, '..', '..')
    const roots = ['src/client', 'sdks/go', 'sdks/java/src/main', 'sdks/python/src/tracehound', 'conformance/runners']
    const skip = /(^|\/)(gen|_gen|node_modules|target)(\/|$)|_test\.go$|\.test\.ts$/
    const files: string[] = []
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name)
        if (skip.test(path.slice(root.length + 1))) continue
        if (statSync(path).isDirectory()) walk(path)
        else if (/\.(ts|go|java|py)$/.test(name)) files.push(path)
      }
    }
    for (const r of roots) walk(join(root, r))
    expect(files.length).toBeGreaterThan(20)
    const literal = new RegExp(`["'\`](${known.map((v) => v.name.slice(PREFIX.length)).join('|')})["'\`]`)
    const offenders = files.filter((f) => literal.test(readFileSync(f, 'utf8'))).map((f) => f.slice(root.length + 1))
    expect(offenders).toEqual([])
  })
})
