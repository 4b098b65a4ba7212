import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: '@console/vsphere-client',
    include: ['src/**/*.test.ts'],
    // Tests run against the fake vCenter in-process; clones and boots are time-scaled to milliseconds.
    testTimeout: 20_000,
  },
})
