import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, EMBEDDED_SOURCE, loadConfig, redact } from './config.js'
import { settingsFromConfig } from './engine.js'

const file = (text: string) => {
  const p = join(mkdtempSync(join(tmpdir(), 'th-config-')), 'c.json')
  writeFileSync(p, text)
  return p
}
const KEY = 'ab'.repeat(16)

describe('loadConfig', () => {
  it('uses the v1 defaults with no file', async () => {
    const { config, source } = await loadConfig(undefined, {})
    expect(source).toBe(EMBEDDED_SOURCE)
    expect(settingsFromConfig(config)).toMatchObject({
      maxPayloadSize: 1_000_000,
      quarantine: { maxCount: 10_000, maxBytes: 100_000_000 },
      rateLimit: { windowMs: 60_000, maxRequests: 100, blockDurationMs: 300_000 },
      macKeys: [],
    })
  })

  it('reads proto3 JSON and keeps an explicit zero block duration', async () => {
    const { config } = await loadConfig(file('{"maxPayloadSize": "2048", "rateLimit": {"blockDurationMs": 0}}'), {})
    expect(settingsFromConfig(config)).toMatchObject({ maxPayloadSize: 2048, rateLimit: { blockDurationMs: 0, maxRequests: 100 } })
  })

  it.each([
    ['unknown key', '{"maxPayloadSizes": 1}', /maxPayloadSizes/],
    ['not JSON', '{', /c\.json/],
    ['zero limit', '{"quarantine": {"maxCount": 0}}', /max_count/],
    ['short key', `{"macKeys": [{"kid": "a", "key": "abcd"}]}`, /key/],
    ['unknown active key', `{"macKeys": [{"kid": "a", "key": "${KEY}"}], "activeKid": "b"}`, /activeKid must name one of macKeys/],
    ['bad log level', '{"logLevel": "loud"}', /log_level/],
  ])('rejects %s, naming the file', async (_, text, reason) => {
    const path = file(text)
    const err = await loadConfig(path, {}).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ConfigError)
    expect((err as Error).message).toContain(path)
    expect((err as Error).message).toMatch(reason)
  })

  it('rejects a missing file', async () => {
    await expect(loadConfig('/nonexistent/tracehound.json', {})).rejects.toThrow(/nonexistent/)
  })

  it('adds MAC keys from the environment and redacts them', async () => {
    const { config } = await loadConfig(undefined, {
      TRACEHOUND_MAC_KEYS: `k1:${KEY.toUpperCase()}, k2:${KEY}`,
      TRACEHOUND_ACTIVE_KID: 'k2',
    })
    expect(config.macKeys.map((k) => [k.kid, k.key])).toEqual([
      ['k1', KEY],
      ['k2', KEY],
    ])
    expect(config.activeKid).toBe('k2')
    expect(redact(config).macKeys.map((k) => k.key)).toEqual(['', ''])
    expect(config.macKeys[0]?.key).toBe(KEY)
  })
})
