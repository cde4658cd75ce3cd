import { describe, expect, it } from 'vitest'
import { defaultSocketDir, defaultSocketPath } from './socket-path.js'

const uid = String(process.getuid?.())

describe('default socket rule', () => {
  it('uses $XDG_RUNTIME_DIR/tracehound when XDG_RUNTIME_DIR is set', () => {
    expect(defaultSocketPath({ XDG_RUNTIME_DIR: '/run/user/1000', TMPDIR: '/var/tmp' })).toBe('/run/user/1000/tracehound/tracehoundd.sock')
  })
  it('falls back to ${TMPDIR}/tracehound-<uid>', () => {
    expect(defaultSocketPath({ TMPDIR: '/var/tmp' })).toBe(`/var/tmp/tracehound-${uid}/tracehoundd.sock`)
    expect(defaultSocketDir({ TMPDIR: '/var/tmp/' })).toBe(`/var/tmp/tracehound-${uid}`)
  })
  it('falls back to /tmp when TMPDIR is unset or empty', () => {
    expect(defaultSocketPath({})).toBe(`/tmp/tracehound-${uid}/tracehoundd.sock`)
    expect(defaultSocketPath({ TMPDIR: '', XDG_RUNTIME_DIR: '' })).toBe(`/tmp/tracehound-${uid}/tracehoundd.sock`)
  })
  it("TRACEHOUND_SOCKET overrides the rule (as the daemon's --socket env does)", () => {
    expect(defaultSocketPath({ TRACEHOUND_SOCKET: '/srv/th.sock', XDG_RUNTIME_DIR: '/run/user/1' })).toBe('/srv/th.sock')
  })
})
