import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.js'
import {
  checkLimits,
  DEFAULT_LIMITS,
  LIMIT_KEYS,
  LIMIT_RANGE,
  limitsFromConfig,
  reloadLimits,
  RELOADABLE,
  resolveLimits,
  type ServerLimits,
} from './limits.js'

const file = (limits: Record<string, unknown>) => {
  const p = join(mkdtempSync(join(tmpdir(), 'th-limits-')), 'c.json')
  writeFileSync(p, JSON.stringify({ limits }))
  return p
}
/** The proto field name of a key, as protovalidate names it. */
const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

describe('limits in the config file', () => {
  it.each(LIMIT_KEYS)('%s: read from the file, over the default', async (key) => {
    const value = LIMIT_RANGE[key][0] + 7
    const { config } = await loadConfig(file({ [key]: value }), {})
    expect(limitsFromConfig(config)).toEqual({ [key]: value })
    expect(resolveLimits(limitsFromConfig(config), {})).toEqual({ ...DEFAULT_LIMITS, [key]: value })
  })

  it.each(LIMIT_KEYS)('%s: below its minimum or above its maximum, rejected naming the field', async (key) => {
    const [min, max] = LIMIT_RANGE[key]
    for (const bad of [min - 1, max + 1]) {
      const path = file({ [key]: String(bad) })
      const err = await loadConfig(path, {}).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(ConfigError)
      expect((err as Error).message).toContain(path)
      expect((err as Error).message).toContain(snake(key))
    }
    // The bounds themselves are accepted: the file and the flags take the same range.
    for (const good of [min, max])
      expect(limitsFromConfig((await loadConfig(file({ [key]: String(good) }), {})).config)).toEqual({ [key]: good })
  })

  it.each(LIMIT_KEYS)('%s: the same range for flags, with the flag named', (key) => {
    const [min, max] = LIMIT_RANGE[key]
    expect(() => checkLimits({ [key]: min })).not.toThrow()
    expect(() => checkLimits({ [key]: max })).not.toThrow()
    expect(() => checkLimits({ [key]: min - 1 })).toThrow(/^--[a-z-]+ must be an integer from/)
    expect(() => checkLimits({ [key]: max + 1 })).toThrow(/^--[a-z-]+ must be an integer from/)
    expect(() => checkLimits({ [key]: min + 0.5 })).toThrow(/must be an integer/)
  })

  it('rejects an unknown limit and a non-number', async () => {
    await expect(loadConfig(file({ maxStreams: 1 }), {})).rejects.toThrow(/maxStreams/)
    await expect(loadConfig(file({ maxConnections: 'many' }), {})).rejects.toThrow(ConfigError)
  })

  it('a flag overrides the file, which overrides the default', () => {
    expect(resolveLimits({ maxConnections: 10, serverStreams: 5 }, { maxConnections: 20 })).toEqual({
      ...DEFAULT_LIMITS,
      maxConnections: 20,
      serverStreams: 5,
    })
  })
})

describe('reloadLimits', () => {
  const changedEach = Object.fromEntries(LIMIT_KEYS.map((k) => [k, DEFAULT_LIMITS[k] + 1])) as unknown as ServerLimits

  it('changes the reloadable caps in place and names the others, which keep their value', () => {
    const live = resolveLimits({}, {})
    const restart = reloadLimits(live, changedEach, {})
    for (const key of LIMIT_KEYS) expect(live[key]).toBe(RELOADABLE.has(key) ? DEFAULT_LIMITS[key] + 1 : DEFAULT_LIMITS[key])
    expect(restart.sort()).toEqual(
      LIMIT_KEYS.filter((k) => !RELOADABLE.has(k))
        .map((k) => `limits.${k}`)
        .sort(),
    )
    expect(RELOADABLE).toEqual(new Set(['maxConnections', 'inFlightBytes', 'serverStreamsPerConnection', 'serverStreams']))
  })

  it('flags still win on reload, and an unchanged file asks for nothing', () => {
    const flags = { serverStreams: 3, maxHeaderBytes: 4096 }
    const live = resolveLimits({}, flags)
    expect(reloadLimits(live, { serverStreams: 99, maxHeaderBytes: 9999 }, flags)).toEqual([])
    expect(live).toMatchObject(flags)
    expect(reloadLimits(live, {}, flags)).toEqual([])
  })
})
