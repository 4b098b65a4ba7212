import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: '@console/providers',
    include: ['src/**/*.test.ts'],
    // The contract suite runs the real SDKs against in-process fake clouds; fault tests wait on injected latency.
    testTimeout: 20_000,
  },
})
