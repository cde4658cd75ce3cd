import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it, vi } from 'vitest'
import { getRuntimeInfo, runtimeIssues, verifyRuntime } from './verify-runtime.js'

describe('runtime verification', () => {
  it('reports this process', () => {
    const info = getRuntimeInfo()
    expect(info.nodeVersion).toBe(process.version)
    expect(info.platform).toBe(process.platform)
    expect(info.protoDisabled).toBe(false) // the test runner is not hardened
    expect(info.intrinsicsFrozen).toBe(Object.isFrozen(Object.prototype))
  })

  it('lists one issue per missing flag', () => {
    const base = { nodeVersion: 'v', platform: 'p' }
    expect(runtimeIssues({ ...base, protoDisabled: true, intrinsicsFrozen: true })).toEqual([])
    expect(runtimeIssues({ ...base, protoDisabled: false, intrinsicsFrozen: true })).toEqual([
      expect.stringContaining('--disable-proto=throw'),
    ])
    expect(runtimeIssues({ ...base, protoDisabled: false, intrinsicsFrozen: false })).toHaveLength(2)
  })

  it('strict mode throws RUNTIME_FLAG_MISSING; lenient mode warns once', () => {
    expect(() => verifyRuntime(true)).toThrow(expect.objectContaining({ state: 'runtime', code: 'RUNTIME_FLAG_MISSING' }))
    const warn = vi.fn()
    verifyRuntime(false, { warn })
    expect(warn).toHaveBeenCalledOnce()
    expect(warn.mock.calls[0]![0]).toMatch(/^\[tracehound\] Runtime security issues:/)
  })

  it('passes strict mode in a process started with both flags', () => {
    const script = `import { getRuntimeInfo, verifyRuntime } from './verify-runtime.ts'
      verifyRuntime(true)
      process.stdout.write(JSON.stringify(getRuntimeInfo()))`
    const out = spawnSync(
      process.execPath,
      ['--disable-proto=throw', '--frozen-intrinsics', '--no-warnings', '--import', 'tsx', '--input-type=module', '-e', script],
      { encoding: 'utf8', cwd: fileURLToPath(new URL('.', import.meta.url)) },
    )
    expect(out.stderr).toBe('')
    expect(JSON.parse(out.stdout)).toMatchObject({ protoDisabled: true, intrinsicsFrozen: true })
  })
})
