import { defineConfig } from 'vitest/config'

/** Heavy process-spawning suites (npm pack + install, every SDK script) run afterwards on their own. */
export const PACKAGING_TESTS = ['test/package-install.test.ts', 'test/sdk-registry-unreachable.test.ts']

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...PACKAGING_TESTS],
    testTimeout: 30_000,
    // beforeAll hooks start daemons, which wait for their own readiness signal; this only bounds a hang.
    hookTimeout: 120_000,
  },
})
