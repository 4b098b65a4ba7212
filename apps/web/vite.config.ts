/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

/** Long-lived vendor code goes into its own chunks so a deploy of app code keeps them cached. */
const vendorGroups = [
  { name: 'vendor-react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
  { name: 'vendor-query', test: /node_modules[\\/]@tanstack[\\/]/ },
  { name: 'vendor-forms', test: /node_modules[\\/](zod|react-hook-form|@hookform)[\\/]/ },
]

/** Where `vite` (dev) and `vite preview` send /v1: the API, on :3000 unless API_URL says otherwise. */
const apiUrl = process.env.API_URL ?? 'http://127.0.0.1:3000'

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/v1': { target: apiUrl, changeOrigin: false } },
  },
  preview: {
    proxy: { '/v1': { target: apiUrl, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // scripts/bundle-size.mjs reads the manifest to measure what the login and home pages load.
    manifest: true,
    rolldownOptions: {
      // The contracts package only declares schemas: a module none of whose exports the web uses
      // (say, cluster profiles on the login page) can be dropped whole.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]packages[\\/]contracts[\\/]/.test(id) },
      output: {
        codeSplitting: { groups: vendorGroups },
      },
    },
  },
  test: {
    name: 'web',
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    css: false,
    restoreMocks: true,
    // Form tests type character by character; the shared 2-core machines are often busy.
    testTimeout: 15_000,
  },
})
