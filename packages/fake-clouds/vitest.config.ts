import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: '@console/fake-clouds',
    include: ['src/**/*.test.ts'],
    // Servers start in-process on port 0; a few tests wait on (scaled) lifecycles or held requests.
    testTimeout: 20_000,
  },
})
