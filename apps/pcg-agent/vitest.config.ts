import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: '@console/pcg-agent',
    include: ['src/**/*.test.ts'],
    // vCenter tests run against the fake vCenter in-process with clones and boots time-scaled to milliseconds.
    testTimeout: 30_000,
  },
})
