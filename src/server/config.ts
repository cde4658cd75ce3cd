/** Loads, validates and redacts the daemon config (tracehound.v1.DaemonConfig in proto3 JSON). */

import { readFile } from 'node:fs/promises'
import { clone, create, fromJsonString, type JsonValue, type MessageShape, toJson } from '@bufbuild/protobuf'
import { createValidator } from '@bufbuild/protovalidate'
import { TracehoundError } from '../core/index.js'
import { DaemonConfigSchema, MacKeySchema } from '../gen/tracehound/v1/config_pb.js'

export type DaemonConfig = MessageShape<typeof DaemonConfigSchema>

export interface LoadedConfig {
  config: DaemonConfig
  /** The file path, or "embedded defaults". */
  source: string
}

export const EMBEDDED_SOURCE = 'embedded defaults'

/** A config file or reload the daemon refuses; the running config stays. */
export class ConfigError extends TracehoundError<'CONFIG_FILE_INVALID'> {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CONFIG_FILE_INVALID', message, options)
  }

  override get name(): string {
    return 'ConfigError'
  }
}

const validator = createValidator()

/**
 * Reads the config file (or none: embedded defaults), adds MAC keys from the
 * environment, and validates the result. Throws ConfigError naming the source.
 */
export async function loadConfig(path: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<LoadedConfig> {
  const source = path ?? EMBEDDED_SOURCE
  let config = create(DaemonConfigSchema)
  if (path !== undefined) {
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (e) {
      throw new ConfigError(`config ${source}: ${(e as Error).message}`, { cause: e })
    }
    try {
      // Unknown keys are errors: a typo must not silently fall back to a default.
      config = fromJsonString(DaemonConfigSchema, text)
    } catch (e) {
      throw new ConfigError(`config ${source}: ${(e as Error).message}`, { cause: e })
    }
  }
  config.macKeys.push(...macKeysFromEnv(env))
  if (env.TRACEHOUND_ACTIVE_KID) config.activeKid = env.TRACEHOUND_ACTIVE_KID
  const result = validator.validate(DaemonConfigSchema, config)
  if (result.kind !== 'valid') throw new ConfigError(`config ${source}: ${result.error.message}`)
  return { config, source }
}

/** TRACEHOUND_MAC_KEYS="kid:hex,kid:hex" — keys kept out of files. */
function macKeysFromEnv(env: NodeJS.ProcessEnv) {
  const spec = env.TRACEHOUND_MAC_KEYS?.trim()
  if (!spec) return []
  return spec.split(',').map((entry) => {
    const [kid = '', key = ''] = entry.trim().split(':')
    return create(MacKeySchema, { kid, key: key.toLowerCase() })
  })
}

/** A copy safe to return over the wire or log: key material removed, kids kept. */
export function redact(config: DaemonConfig): DaemonConfig {
  const copy = clone(DaemonConfigSchema, config)
  for (const k of copy.macKeys) k.key = ''
  return copy
}

/** The redacted config as proto3 JSON, for logs. */
export const redactedJson = (config: DaemonConfig): JsonValue => toJson(DaemonConfigSchema, redact(config))
