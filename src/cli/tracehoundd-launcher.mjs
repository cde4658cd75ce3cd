#!/usr/bin/env node
// The `tracehoundd` bin: loads the TypeScript entry through tsx, resolved from this
// package rather than from the caller's working directory (`node --import tsx` would be).
import { register } from 'tsx/esm/api'

register()
await import('./tracehoundd.ts')
