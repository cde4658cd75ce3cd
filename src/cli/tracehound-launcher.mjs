#!/usr/bin/env node
// The `tracehound` bin: loads the TypeScript entry through tsx resolved from this package, so it
// runs from any working directory (as tracehoundd-launcher.mjs does for the daemon).
import { register } from 'tsx/esm/api'

register()
await import('./tracehound.ts')
