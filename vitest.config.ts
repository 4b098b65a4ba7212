import { defineConfig } from 'vitest/config'

// Every workspace package is a vitest project; apps/web brings its own jsdom config.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
  },
})
