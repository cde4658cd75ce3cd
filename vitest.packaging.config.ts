import { defineConfig } from 'vitest/config'
import { PACKAGING_TESTS } from './vitest.config.js'

/**
 * `npm run test:packaging`: the packed tarball installed and run, and every SDK test script with its
 * registry unreachable. One file at a time, after the main suite, so their npm, Maven and javac
 * processes do not load the machine under the daemon tests.
 */
export default defineConfig({
  test: {
    include: PACKAGING_TESTS,
    fileParallelism: false,
    testTimeout: 30_000,
  },
})
